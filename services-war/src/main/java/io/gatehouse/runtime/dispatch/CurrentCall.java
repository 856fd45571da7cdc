package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.identity.CallerCredentials;

import java.lang.reflect.Method;

/**
 * The call being served on this thread: which service, and who is calling. The dispatcher starts it
 * and ends it around the invocation; the authorization interceptor, the built-in methods and the injected
 * {@code Credentials} read it. A thread-bound record rather than a request-scoped bean: creating a CDI bean for
 * every request cost a good part of a call; and static, because each call through a CDI client proxy costs too.
 */
public final class CurrentCall {

    /** One call's facts; {@code checkedInvocation} is the one mutable part, touched on the call's own thread. */
    private static final class State {
        final ServiceEntry service;
        final CallerCredentials caller;
        Method checkedInvocation;

        State(ServiceEntry service, CallerCredentials caller) {
            this.service = service;
            this.caller = caller;
        }
    }

    private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();

    private CurrentCall() {
    }

    /** Starts the call on this thread; {@link #end()} must follow, in a finally block. */
    static void begin(ServiceEntry service, CallerCredentials caller) {
        CURRENT.set(new State(service, caller));
    }

    /** Ends the call on this thread. */
    static void end() {
        CURRENT.remove();
    }

    /** The dispatcher has checked the caller against {@code method}'s rule and invokes it next. */
    static void authorized(ExportedMethod method) {
        CURRENT.get().checkedInvocation = method.javaMethod();
    }

    /**
     * True, once, when {@code invoked} is the invocation the dispatcher authorized: the interceptor does not check
     * it again. Any later invocation of an exported method in the same call, even of the same one, is checked.
     */
    public static boolean consumeCheckedInvocation(Method invoked) {
        State state = CURRENT.get();
        if (state != null && state.checkedInvocation != null && state.checkedInvocation.equals(invoked)) {
            state.checkedInvocation = null;
            return true;
        }
        return false;
    }

    /** True while the dispatcher serves a call on this thread. */
    public static boolean isActive() {
        return CURRENT.get() != null;
    }

    /** The service called. */
    public static ServiceEntry service() {
        return CURRENT.get().service;
    }

    /** The caller; visitor credentials outside a call. */
    public static CallerCredentials caller() {
        State state = CURRENT.get();
        return state != null ? state.caller : CallerCredentials.noCertificate();
    }
}
