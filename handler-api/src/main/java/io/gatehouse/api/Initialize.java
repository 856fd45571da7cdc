package io.gatehouse.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that prepares a {@link Handler}'s service once per server before it answers calls: DIRAC's
 * {@code initializeHandler}, Clarens' {@code _startup_init}. Open a database, load a catalogue, check that a
 * directory is there.
 *
 * <pre>{@code
 * @Handler("Data/Catalogue")
 * public class CatalogueHandler {
 *     @Initialize
 *     public void openDatabase() {
 *         ...   // throw when the service cannot work: it is retried
 *     }
 * }
 * }</pre>
 *
 * <p><b>Declaration.</b> At most one method per handler, public, not static, not final, without parameters; what
 * it returns is ignored. It is called on the handler's CDI reference, so injection, {@code @PostConstruct} and
 * interceptors apply, with a request context active; it is not exported and no caller can reach it. A wrong
 * declaration (static, with parameters, two such methods) fails the deployment with a message naming the class
 * and method.
 *
 * <p><b>When.</b> {@link When#DEPLOYMENT} (the default) starts it as soon as the application has started, on a
 * thread of the server's managed executor, so a slow or stuck initialization never holds up the deployment;
 * {@link When#FIRST_CALL} starts it when the first call to the service arrives. Either way it runs on that
 * executor, never two attempts at once, and calls arriving meanwhile wait for it (at most
 * {@code gatehouse.startup.call-wait-seconds}, MicroProfile Config, default 10).
 *
 * <p><b>Failure.</b> Throwing means the service cannot work. Until an attempt succeeds, every call to the service
 * (its built-ins included) answers HTTP 503 with {@code S_ERROR(EAGAIN, ...)} whose message says that the service
 * is not ready, the exception's message (never its class or stack), and when it is tried again; the reply carries
 * {@code Retry-After}. Other services keep answering. The server's readiness check {@code gatehouse-services} is
 * DOWN meanwhile, naming the service and the reason. The log has the stack trace once per distinct failure (with
 * an incident number that a failure without a message refers callers to), and a line at INFO on recovery.
 *
 * <p><b>Retries.</b> A failed initialization is tried again in the background after 1 s, 2 s, 4 s, ... up to
 * {@code gatehouse.startup.max-backoff-seconds} (MicroProfile Config, default 60), and also by the first call
 * arriving once that delay has passed, until it succeeds; it is never given up. Once it has succeeded it is not
 * run again until the application is redeployed. The method should therefore be safe to run again after a
 * failure (release what a failed attempt opened, or reuse it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Initialize {

    /** When the first attempt starts; {@link When#DEPLOYMENT} unless said otherwise. */
    When when() default When.DEPLOYMENT;

    /** When a service's initialization first runs. */
    enum When {
        /**
         * As soon as the application has started, in the background: the server's readiness is DOWN until it has
         * succeeded.
         */
        DEPLOYMENT,
        /**
         * When the first call to the service arrives, which waits for it: readiness stays UP until an attempt
         * fails, so a service nobody calls costs nothing.
         */
        FIRST_CALL
    }
}
