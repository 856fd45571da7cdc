package io.gatehouse.api.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a client has connected and passed the connection rule (DISET's {@code conn_connected}), with the
 * {@link Connection} as its only parameter. Returning an error {@link io.gatehouse.api.Result} or throwing refuses
 * the connection: the client gets the error and the connection is closed.
 *
 * <p>Who may connect is the administrator's {@code Authorization/Connection} when set, else anyone allowed to send
 * at least one of the service's messages.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnConnect {
}
