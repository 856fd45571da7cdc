package io.gatehouse.api.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles one declared message (DISET's {@code msg_<Name>}): the method's first parameter is the message record,
 * an optional second one the {@link Connection} it came from. It returns nothing, or a
 * {@link io.gatehouse.api.Result}; an error result or a thrown exception closes the connection with an error frame,
 * as DISET disconnects a client whose message failed.
 *
 * <p>The rule is the first found of the administrator's
 * {@code /Systems/<System>/Services/<Component>/Authorization/<MessageName>}, {@link #auth()}, the administrator's
 * {@code Authorization/Default}; in the tokens of {@link io.gatehouse.api.Export#auth()}. A message the sender may
 * not send is answered with an error frame and dropped; the connection stays open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Receive {

    /** The message's authorization rule, DIRAC tokens; empty declares none in code. */
    String[] auth() default {};
}
