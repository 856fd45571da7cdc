package io.gatehouse.api.docs;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Records the Javadoc a service description shows, which the compiler drops: for each {@code @Handler} class of the
 * compilation, its class comment and its {@code @Export} methods' descriptions, {@code @param} and {@code @return}
 * texts; the same for a superclass of the handler compiled with it that declares {@code @Export} methods; and for
 * each record its {@code @Messages} lists (compiled with it), the record's comment and its components'
 * {@code @param} texts. Each class gets one {@link Properties} resource in the class output, named and keyed as
 * {@link DocKeys} says, read back by {@link HandlerDocs}.
 *
 * <p>javac runs it for any module compiled with the handler API on its class path (it is registered in
 * {@code META-INF/services}). It only reads: it claims no annotation, so other processors still see them. A
 * handler's resource is written even when it holds nothing, so that a comment removed since the last build leaves
 * no stale text behind. Classes that come from class files (not compiled here) are not written: their own jar has
 * their documentation, which a copy here would shadow.
 */
@SupportedAnnotationTypes({HandlerDocsProcessor.HANDLER, HandlerDocsProcessor.EXPORT, HandlerDocsProcessor.MESSAGES})
public final class HandlerDocsProcessor extends AbstractProcessor {

    // By name, so that the processor loads none of the annotation classes (nor their Jakarta meta-annotations).
    static final String HANDLER = "io.gatehouse.api.Handler";
    static final String EXPORT = "io.gatehouse.api.Export";
    static final String MESSAGES = "io.gatehouse.api.messaging.Messages";

    /** Binary names of the types compiled from source in this compilation, over all rounds so far. */
    private final Set<String> compiledHere = new HashSet<>();
    /** Qualified names of handlers put off to a later round, because they name types not generated yet. */
    private final Set<String> waiting = new LinkedHashSet<>();
    /** Binary names already written: the Filer refuses a second resource of the same name. */
    private final Set<String> written = new HashSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            collectTypes(root);
        }
        TypeElement handlerAnnotation = elements().getTypeElement(HANDLER);
        if (handlerAnnotation == null) {
            return false;
        }
        Set<TypeElement> handlers = new LinkedHashSet<>();
        for (String name : waiting) {
            Optional.ofNullable(elements().getTypeElement(name)).ifPresent(handlers::add);
        }
        waiting.clear();
        handlers.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(handlerAnnotation)));
        for (TypeElement handler : handlers) {
            // a type another processor has yet to generate: its name is known in a later round
            if (!round.processingOver() && refersToMissingTypes(handler)) {
                waiting.add(handler.getQualifiedName().toString());
            } else {
                documentHandler(handler);
            }
        }
        return false;
    }

    private void documentHandler(TypeElement type) {
        document(type);
        for (TypeElement superclass = superclassOf(type); superclass != null; superclass = superclassOf(superclass)) {
            if (isCompiledHere(superclass) && !exportedMethods(superclass).isEmpty()) {
                document(superclass);
            }
        }
        for (Object message : messageClasses(type)) {
            if (isDeclared(message) && isCompiledHere((TypeElement) ((DeclaredType) message).asElement())) {
                document((TypeElement) ((DeclaredType) message).asElement());
            }
        }
    }

    private boolean refersToMissingTypes(TypeElement handler) {
        for (ExecutableElement method : exportedMethods(handler)) {
            for (VariableElement parameter : method.getParameters()) {
                if (isMissing(parameter.asType())) {
                    return true;
                }
            }
        }
        return !messageClasses(handler).stream().allMatch(HandlerDocsProcessor::isDeclared);
    }

    private boolean isMissing(TypeMirror type) {
        TypeMirror erased = types().erasure(type);
        return erased instanceof ArrayType array ? isMissing(array.getComponentType())
                : erased.getKind() == TypeKind.ERROR;
    }

    /** A class in a class literal that the compiler could resolve (a missing one is an error type or a string). */
    private static boolean isDeclared(Object classLiteral) {
        return classLiteral instanceof DeclaredType type && type.getKind() == TypeKind.DECLARED;
    }

    private void collectTypes(Element element) {
        if (element instanceof TypeElement type) {
            compiledHere.add(binaryName(type));
            for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
                collectTypes(nested);
            }
        }
    }

    private boolean isCompiledHere(TypeElement type) {
        return compiledHere.contains(binaryName(type));
    }

    private TypeElement superclassOf(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }

    /**
     * The class literals of the handler's {@code @Messages}, read from the mirror (the classes may not exist yet):
     * each a {@link DeclaredType} once resolved.
     */
    private static List<Object> messageClasses(TypeElement handler) {
        List<Object> messages = new ArrayList<>();
        annotation(handler, MESSAGES).ifPresent(declared -> {
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                    : declared.getElementValues().entrySet()) {
                if (entry.getKey().getSimpleName().contentEquals("value")
                        && entry.getValue().getValue() instanceof List<?> values) {
                    for (Object value : values) {
                        messages.add(value instanceof AnnotationValue classValue ? classValue.getValue() : value);
                    }
                }
            }
        });
        return messages;
    }

    private List<ExecutableElement> exportedMethods(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (annotation(method, EXPORT).isPresent()) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Optional<AnnotationMirror> annotation(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    private void document(TypeElement type) {
        String binaryName = binaryName(type);
        if (!written.add(binaryName)) {
            return;
        }
        Properties docs = new Properties();
        DocComment typeComment = DocComment.parse(elements().getDocComment(type));
        put(docs, DocKeys.TYPE, typeComment.description());
        for (Element component : type.getRecordComponents()) {
            String name = component.getSimpleName().toString();
            put(docs, DocKeys.component(name), typeComment.parameters().getOrDefault(name, ""));
        }
        for (ExecutableElement method : exportedMethods(type)) {
            DocComment comment = DocComment.parse(elements().getDocComment(method));
            List<String> parameterTypes = new ArrayList<>();
            for (VariableElement parameter : method.getParameters()) {
                parameterTypes.add(erasedTypeName(parameter.asType()));
            }
            String key = DocKeys.method(method.getSimpleName().toString(), parameterTypes);
            put(docs, key, comment.description());
            for (VariableElement parameter : method.getParameters()) {
                String name = parameter.getSimpleName().toString();
                put(docs, DocKeys.parameter(key, name), comment.parameters().getOrDefault(name, ""));
            }
            put(docs, DocKeys.returns(key), comment.returns());
        }
        try {
            FileObject resource = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    DocKeys.resourceName(binaryName), type);
            try (OutputStream out = resource.openOutputStream()) {
                docs.store(out, "Javadoc of " + binaryName + " for its service description");
            }
        } catch (IOException e) {
            // the build goes on: the service simply shows no documentation
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                    "cannot record the Javadoc of " + binaryName + ": " + e.getMessage(), type);
        }
    }

    private static void put(Properties docs, String key, String text) {
        if (!text.isEmpty()) {
            docs.setProperty(key, text);
        }
    }

    /**
     * The erased type as {@link Class#getTypeName()} writes it, as {@link DocKeys#method(java.lang.reflect.Method)}
     * does.
     */
    private String erasedTypeName(TypeMirror type) {
        TypeMirror erased = types().erasure(type);
        if (erased instanceof ArrayType array) {
            return erasedTypeName(array.getComponentType()) + "[]";
        }
        if (erased instanceof DeclaredType declared) {
            return binaryName((TypeElement) declared.asElement());
        }
        if (erased.getKind().isPrimitive()) {
            return erased.getKind().name().toLowerCase(Locale.ROOT);
        }
        return erased.toString();
    }

    private String binaryName(TypeElement type) {
        return elements().getBinaryName(type).toString();
    }

    private Elements elements() {
        return processingEnv.getElementUtils();
    }

    private Types types() {
        return processingEnv.getTypeUtils();
    }
}
