package io.gatehouse.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean as the handler of one service, {@code <System>/<Component>}, reached at
 * {@code POST https://host:8443/<System>/<Component>}.
 *
 * <p>The annotation is a stereotype: the bean is application scoped unless it declares another scope, and it is
 * discovered without a {@code beans.xml} entry. One service has exactly one handler; two handlers with the same
 * name fail the deployment.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Handler {

    /** The service name, {@code System/Component}, for example {@code "Framework/Hello"}. */
    String value();

    /**
     * What the service is for, shown in its description and the service list. Empty (the default) takes the class's
     * Javadoc when the handler module was compiled with handler-api on its class path.
     */
    String doc() default "";
}
