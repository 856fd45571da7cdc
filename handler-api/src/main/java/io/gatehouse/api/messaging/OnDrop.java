package io.gatehouse.api.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a connection accepted by {@link OnConnect} ends, whoever ended it (DISET's {@code conn_drop}),
 * with the {@link Connection} as its only parameter. Sending to it no longer reaches the client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDrop {
}
