package io.gatehouse.runtime.description;

import io.gatehouse.api.Result;
import io.gatehouse.api.files.Download;
import io.gatehouse.api.wire.JsonSchemas;
import io.gatehouse.runtime.authorization.AuthorizationPolicy;
import io.gatehouse.runtime.authorization.AuthorizationRule;
import io.gatehouse.runtime.authorization.RuleResolver;
import io.gatehouse.runtime.dispatch.ExportedMethod;
import io.gatehouse.runtime.dispatch.ServiceEntry;
import io.gatehouse.runtime.dispatch.ServiceTable;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.messaging.MessagingDeclaration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Describes the deployed services from the service table. What the code declares (signatures, types, docs) is
 * worked out once per service and kept; what depends on the moment (the rule in force after an administrator's
 * change) and on the caller (whether they may call, what a visitor is shown) is worked out for each request.
 */
@ApplicationScoped
public class ServiceDescriber {

    /** The value of {@code gatehouse.description.visitors} that shows visitors every method. */
    static final String VISITORS_SEE_ALL = "all";

    @Inject
    ServiceTable services;

    @Inject
    RuleResolver rules;

    /** {@code callable} (the default): a visitor sees only what it may call; {@code all}: every method. */
    @Inject
    @ConfigProperty(name = "gatehouse.description.visitors", defaultValue = "callable")
    String visitorView;

    private final Map<String, List<Shape>> shapes = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> serviceDocs = new ConcurrentHashMap<>();

    /** What a method is, whoever asks: everything but its rule. */
    private record Shape(ExportedMethod method, ServiceDescription.Method declared) {
    }

    /** The server and its services, each with its doc. */
    public ServiceList serviceList() {
        List<ServiceList.Entry> entries = new ArrayList<>();
        for (String name : services.serviceNames()) {
            services.service(name).ifPresent(s -> entries.add(new ServiceList.Entry(name, serviceDoc(s).orElse(null))));
        }
        return new ServiceList(io.gatehouse.runtime.dispatch.Version.text(), entries);
    }

    /** The service as {@code caller} may see it. */
    public ServiceDescription describe(ServiceEntry service, CallerCredentials caller) {
        boolean visitor = !caller.validDN() && !VISITORS_SEE_ALL.equalsIgnoreCase(visitorView.trim());
        List<ServiceDescription.Method> methods = new ArrayList<>();
        boolean complete = true;
        for (Shape shape : shapes.computeIfAbsent(service.name(), n -> shapesOf(service, services.builtins()))) {
            ServiceDescription.Method method = withRule(service.name(), shape, caller);
            if (visitor && !method.callable()) {
                complete = false;
                continue;
            }
            methods.add(method);
        }
        return new ServiceDescription(service.name(), serviceDoc(service).orElse(null), methods,
                service.messaging().map(m -> messages(service.name(), m)).orElse(null), complete);
    }

    /** The method of that name as {@code caller} may see it: the service's own, else a built-in. */
    public Optional<ServiceDescription.Method> describeMethod(ServiceEntry service, String name,
                                                             CallerCredentials caller) {
        return describe(service, caller).methods().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private ServiceDescription.Method withRule(String service, Shape shape, CallerCredentials caller) {
        ExportedMethod method = shape.method();
        AuthorizationRule rule = rules.ruleFor(service, method);
        boolean callable = AuthorizationPolicy.decide(rule, caller).allowed()
                && method.rolesAllowed().map(roles -> caller.validDN() && roles.contains(caller.group()))
                .orElse(true);
        ServiceDescription.Method d = shape.declared();
        return new ServiceDescription.Method(d.name(), d.doc(), d.signature(), d.parameters(), d.returns(),
                rule.tokens(), rules.originOf(service, method.name(), method.codeRule()), callable, d.builtin(),
                d.transfer());
    }

    private Optional<String> serviceDoc(ServiceEntry service) {
        return serviceDocs.computeIfAbsent(service.name(), n -> Docs.ofHandler(service.handler().getBeanClass()));
    }

    // ---- what the code declares, once per service ----

    /** The service's own methods by name, then the built-ins it does not shadow by name, as the code declares them. */
    private static List<Shape> shapesOf(ServiceEntry service, java.util.Collection<ExportedMethod> builtins) {
        List<Shape> all = new ArrayList<>();
        service.methods().values().stream().sorted(Comparator.comparing(ExportedMethod::name))
                .forEach(m -> all.add(new Shape(m, declared(m, false))));
        builtins.stream()
                .filter(b -> !service.methods().containsKey(b.name())) // the service's own method of that name wins
                .sorted(Comparator.comparing(ExportedMethod::name))
                .forEach(b -> all.add(new Shape(b, declared(b, true))));
        return List.copyOf(all);
    }

    /**
     * The service's methods as its code alone declares them, in the order {@link #describe} gives, each with the rule
     * its code declares ({@code authSource} {@code code}, or no tokens and {@code none}): for what is described
     * without a caller or the configuration, such as the OpenAPI document.
     */
    public static List<ServiceDescription.Method> declaredMethods(ServiceEntry service,
                                                                  java.util.Collection<ExportedMethod> builtins) {
        return shapesOf(service, builtins).stream().map(s -> withCodeRule(s.method(), s.declared())).toList();
    }

    /** The service's doc from its code (the handler's annotation or Javadoc). */
    public static Optional<String> declaredDoc(ServiceEntry service) {
        return Docs.ofHandler(service.handler().getBeanClass());
    }

    private static ServiceDescription.Method withCodeRule(ExportedMethod method, ServiceDescription.Method d) {
        List<String> tokens = method.codeRule().map(AuthorizationRule::tokens).orElse(List.of());
        return new ServiceDescription.Method(d.name(), d.doc(), d.signature(), d.parameters(), d.returns(), tokens,
                method.codeRule().isPresent() ? "code" : "none", true, d.builtin(), d.transfer());
    }

    static ServiceDescription.Method declared(ExportedMethod method, boolean builtin) {
        java.lang.reflect.Method java = method.javaMethod();
        List<ExportedMethod.MethodParameter> sent = method.parameters().stream()
                .filter(p -> p.type() != InputStream.class).toList(); // a streamed body is not an argument
        int optionalFrom = sent.size() - method.optionalTrailingParameters();
        List<ServiceDescription.Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ExportedMethod.MethodParameter p = sent.get(i);
            String name = p.name() != null ? p.name() : "arg" + p.position();
            parameters.add(new ServiceDescription.Parameter(name, JsonSchemas.typeName(p.type()),
                    JsonSchemas.schema(p.type()), i >= optionalFrom, p.acceptsNull(),
                    Docs.ofParameter(java, name).orElse(null)));
        }
        ServiceDescription.Value returns = returned(java.getGenericReturnType(), Docs.ofReturn(java));
        String transfer = method.returnsDownload() ? "download"
                : method.bodyParameter().isPresent() ? "upload" : "none";
        return new ServiceDescription.Method(method.name(), Docs.ofMethod(java).orElse(null),
                signature(method.name(), parameters, returns), parameters, returns, List.of(), "", false, builtin,
                transfer);
    }

    /** {@code name(a: string, b?: integer) -> list<string>}. */
    static String signature(String name, List<ServiceDescription.Parameter> parameters,
                            ServiceDescription.Value returns) {
        return parameters.stream().map(p -> p.name() + (p.optional() ? "?" : "") + ": " + p.type())
                .collect(Collectors.joining(", ", name + "(", ") -> " + returns.type()));
    }

    /** What a call's value is: a {@code Result}'s value, a file for a download, null for a void method. */
    static ServiceDescription.Value returned(Type type, Optional<String> doc) {
        if (type instanceof ParameterizedType p && p.getRawType() == Result.class) {
            return returned(p.getActualTypeArguments()[0], doc);
        }
        if (type == void.class || type == Void.class) {
            return new ServiceDescription.Value("null", Map.of(), doc.orElse(null));
        }
        if (type == Download.class) {
            return new ServiceDescription.Value("file", Map.of("type", "string", "format", "binary"),
                    doc.orElse(null));
        }
        return new ServiceDescription.Value(JsonSchemas.typeName(type), JsonSchemas.schema(type), doc.orElse(null));
    }

    private List<ServiceDescription.Message> messages(String service, MessagingDeclaration declaration) {
        List<ServiceDescription.Message> messages = new ArrayList<>();
        declaration.messages().forEach((name, type) -> {
            List<ServiceDescription.Field> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Type fieldType = component.getGenericType();
                fields.add(new ServiceDescription.Field(component.getName(), JsonSchemas.typeName(fieldType),
                        JsonSchemas.schema(fieldType), Docs.ofComponent(type, component.getName()).orElse(null)));
            }
            MessagingDeclaration.Receiver receiver = declaration.receivers().get(name);
            List<String> auth = receiver == null ? List.of()
                    : rules.ruleFor(service, name, receiver.codeRule()).tokens();
            String origin = receiver == null ? "" : rules.originOf(service, name, receiver.codeRule());
            messages.add(new ServiceDescription.Message(name, Docs.ofType(type).orElse(null), fields,
                    receiver != null, auth, origin));
        });
        return messages;
    }
}
