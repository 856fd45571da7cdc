package io.gatehouse.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a public method of a {@link Handler} bean: callers reach it with {@code method=<name>} and its
 * arguments, positionally, in {@code args}.
 *
 * <p>Every exported method is guarded by the authorization interceptor. The rule is the first found of: the
 * administrator's {@code /Systems/<System>/Services/<Component>/Authorization/<method>}, this annotation's
 * {@link #auth()}, the administrator's {@code Authorization/Default}; none at all means anyone may call.
 *
 * <p>Parameters may be primitives and their boxes, {@code String}, {@code List}, {@code Set}, {@code Map} with
 * string keys, arrays, records, {@code byte[]}, {@code LocalDateTime}, {@code LocalDate}, enums and JSON-P
 * values; a type that cannot be bound fails the deployment.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Export {

    /**
     * The method's authorization rule: DIRAC tokens, any of which may admit the caller.
     * <ul>
     *   <li>{@code all} or {@code any}: anyone, visitors without a certificate included;</li>
     *   <li>{@code authenticated}: any registered user or host;</li>
     *   <li>a property name such as {@code NormalUser} (case-insensitive): callers holding it;</li>
     *   <li>{@code group:<name>}, {@code vo:<name>}: restrict the above to those groups or VOs.</li>
     * </ul>
     * Empty (the default) declares no rule in code.
     */
    @Nonbinding
    String[] auth() default {};

    /** The method's exported name; empty (the default) means the Java method name. */
    @Nonbinding
    String name() default "";

    /**
     * What the method does, for callers reading the service's description ({@code GET /<System>/<Component>},
     * {@code system.methodHelp}). Empty (the default) takes the method's Javadoc when the handler module was compiled
     * with handler-api on its class path, else the method has no documentation.
     */
    @Nonbinding
    String doc() default "";
}
