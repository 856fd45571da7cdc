package io.gatehouse.runtime.lifecycle;

import io.gatehouse.api.Export;
import io.gatehouse.api.Initialize;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A handler's {@link Initialize} method, read once at deployment.
 *
 * @param javaMethod the method, invoked on the handler's contextual reference
 * @param when       when its first attempt starts
 */
public record StartupMethod(Method javaMethod, Initialize.When when) {

    /** Whether the first attempt starts when the application starts (else on the first call). */
    public boolean atDeployment() {
        return when == Initialize.When.DEPLOYMENT;
    }

    /**
     * Reads a handler class's declaration: its own methods and its superclasses', whatever their visibility, so
     * that a private or static one is reported rather than ignored.
     *
     * @param problems receives each mistake, naming the class and method
     * @return empty when the class declares no {@link Initialize} method, or only wrong ones
     */
    public static Optional<StartupMethod> read(Class<?> handler, Consumer<String> problems) {
        List<Method> declared = new ArrayList<>();
        for (Class<?> type = handler; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Initialize.class) && !method.isBridge() && !method.isSynthetic()
                        && !overridden(method, declared)) {
                    declared.add(method);
                }
            }
        }
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        Method first = declared.get(0);
        for (Method other : declared.subList(1, declared.size())) {
            problems.accept(where(handler, other) + ": a second @Initialize method (the first is " + first.getName()
                    + "): a handler has one initialization");
        }
        int modifiers = first.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)
                || Modifier.isAbstract(modifiers)) {
            problems.accept(where(handler, first) + ": an @Initialize method must be public, not static, not final"
                    + " and not abstract (it is called on the handler's CDI proxy)");
            return Optional.empty();
        }
        if (first.getParameterCount() != 0) {
            problems.accept(where(handler, first) + ": an @Initialize method takes no parameters (it has "
                    + first.getParameterCount() + ")");
            return Optional.empty();
        }
        if (first.isAnnotationPresent(Export.class)) {
            problems.accept(where(handler, first) + ": an @Initialize method is not exported (callers must not be"
                    + " able to run it): remove @Export, or call it from an exported method");
            return Optional.empty();
        }
        return declared.size() == 1
                ? Optional.of(new StartupMethod(first, first.getAnnotation(Initialize.class).when()))
                : Optional.empty();
    }

    // A superclass's method that a subclass's annotated method overrides is the same declaration.
    private static boolean overridden(Method method, List<Method> fromSubclasses) {
        return fromSubclasses.stream().anyMatch(m -> m.getName().equals(method.getName())
                && Arrays.equals(m.getParameterTypes(), method.getParameterTypes())
                && !Modifier.isPrivate(method.getModifiers()));
    }

    private static String where(Class<?> handler, Method method) {
        return handler.getName() + "." + method.getName()
                + (method.getDeclaringClass() == handler ? "" : " (declared in " + method.getDeclaringClass().getName()
                + ")");
    }
}
