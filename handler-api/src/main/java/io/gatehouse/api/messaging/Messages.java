package io.gatehouse.api.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The messages a {@link io.gatehouse.api.Handler} exchanges over its stable connections (DISET's
 * {@code MSG_DEFINITIONS}), in both directions: each a record whose simple name is the message's name and whose
 * components are its fields, with the types an exported method's parameters may have. A message received that is
 * not declared here, or whose fields do not match, closes the connection with an error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Messages {

    /** The message records; their simple names must differ. */
    Class<? extends Record>[] value();
}
