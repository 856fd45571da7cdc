package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.authorization.AuthorizationRule;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import io.gatehouse.api.files.Download;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One method callable over the wire, with everything a call needs worked out at deployment: its exported name,
 * the Java method, the authorization rule its code declares (parsed), and its parameters.
 *
 * @param service      the service it belongs to, {@code System/Component} (empty for the built-ins, which every
 *                     service has)
 * @param name         the exported name callers send as {@code method}
 * @param javaMethod   the bean method, invoked on the bean's contextual reference so interceptors run
 * @param declaredRule the tokens of {@code @Export(auth=...)}
 * @param codeRule     those tokens parsed; empty when the code declares no rule
 * @param parameters   the parameters, in call order
 * @param rolesAllowed the container roles of {@code @RolesAllowed} on the method or else its class (empty: none
 *                     declared; an empty set: {@code @DenyAll}), checked in addition to the DIRAC rule
 * @param bodyParameter the position (from 0) of the {@code InputStream} parameter that reads a streamed upload, if
 *                     there is one
 * @param optionalTrailingParameters how many of the last parameters (the streamed body aside) are {@link Optional}:
 *                     a caller may leave them out, as a Python caller leaves out arguments that have defaults
 * @param returnsDownload whether the method sends a file: it returns a {@link Download}, or a {@code Result} of one
 */
public record ExportedMethod(String service, String name, Method javaMethod, List<String> declaredRule,
                             Optional<AuthorizationRule> codeRule, List<MethodParameter> parameters,
                             Optional<Set<String>> rolesAllowed, OptionalInt bodyParameter,
                             int optionalTrailingParameters, boolean returnsDownload) {

    public ExportedMethod {
        declaredRule = List.copyOf(declaredRule);
        parameters = List.copyOf(parameters);
        rolesAllowed = rolesAllowed.map(Set::copyOf);
    }

    /** Reads the method's declaration: its rule tokens parsed, its parameters with their types and null policy. */
    public static ExportedMethod of(String service, String name, Method javaMethod, List<String> declaredRule) {
        Optional<AuthorizationRule> codeRule = declaredRule.stream().allMatch(String::isBlank)
                ? Optional.empty()
                : Optional.of(AuthorizationRule.parse("code", declaredRule));
        Parameter[] declared = javaMethod.getParameters();
        Type[] types = javaMethod.getGenericParameterTypes();
        List<MethodParameter> parameters = new ArrayList<>(declared.length);
        for (int i = 0; i < declared.length; i++) {
            parameters.add(new MethodParameter(i + 1, declared[i].isNamePresent() ? declared[i].getName() : null,
                    types[i], MethodParameter.acceptsNull(types[i], declared[i].getAnnotations())));
        }
        return new ExportedMethod(service, name, javaMethod, declaredRule, codeRule, parameters,
                rolesAllowed(javaMethod), bodyParameter(parameters), optionalTrailingParameters(parameters),
                returnsDownload(javaMethod));
    }

    /** Jakarta's {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}: the method's, else its class's. */
    private static Optional<Set<String>> rolesAllowed(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return Optional.empty();
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            return Optional.of(Set.of());
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && !method.getDeclaringClass().isAnnotationPresent(PermitAll.class)) {
            if (method.getDeclaringClass().isAnnotationPresent(DenyAll.class)) {
                return Optional.of(Set.of());
            }
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? Optional.empty() : Optional.of(Set.of(roles.value()));
    }

    private static OptionalInt bodyParameter(List<MethodParameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).type() == InputStream.class) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static int optionalTrailingParameters(List<MethodParameter> parameters) {
        int count = 0;
        for (int i = parameters.size() - 1; i >= 0; i--) {
            Type type = parameters.get(i).type();
            if (type == InputStream.class) {
                continue;
            }
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                    : type instanceof Class<?> c ? c : Object.class;
            if (raw != Optional.class) {
                break;
            }
            count++;
        }
        return count;
    }

    private static boolean returnsDownload(Method javaMethod) {
        Type returned = javaMethod.getGenericReturnType();
        return returned == Download.class || returned instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == Download.class;
    }

    /** {@code System/Component.method}, for messages and logs. */
    public String qualifiedName() {
        return service + "." + name;
    }

    /**
     * One parameter of an exported method.
     *
     * @param position   1 for the first
     * @param name       the name in the source when compiled with {@code -parameters}, else null
     * @param type       the generic type arguments are bound to
     * @param acceptsNull whether JSON {@code null} may reach the method here
     */
    public record MethodParameter(int position, String name, Type type, boolean acceptsNull) {

        /**
         * JSON null is refused for primitives and for any parameter not marked as accepting it: an annotation named
         * {@code Nullable} (jakarta.annotation's, or any library's), or a type that has its own way to say nothing
         * ({@link Optional}, JSON-P's {@code JsonValue}).
         */
        static boolean acceptsNull(Type type, Annotation[] annotations) {
            if (type instanceof Class<?> cls && cls.isPrimitive()) {
                return false;
            }
            Class<?> raw = type instanceof Class<?> cls ? cls
                    : type instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            if (raw == Optional.class || jakarta.json.JsonValue.class.isAssignableFrom(raw)) {
                return true;
            }
            for (Annotation annotation : annotations) {
                if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                    return true;
                }
            }
            return false;
        }

        /** How a message names it: {@code argument 1 (name)}. */
        public String describe() {
            return "argument " + position + (name == null ? "" : " (" + name + ")");
        }
    }
}
