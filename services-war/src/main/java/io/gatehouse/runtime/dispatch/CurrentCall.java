package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.identity.CallerCredentials;

import jakarta.enterprise.context.RequestScoped;

import java.lang.reflect.Method;

/**
 * The call being served in this request: which service and method, and who is calling. The dispatcher fills it
 * once; the authorization interceptor, the built-in methods and the injected {@code Credentials} read it.
 */
@RequestScoped
public class CurrentCall {

    private ServiceEntry service;
    private ExportedMethod method;
    private CallerCredentials caller;
    /** The method the dispatcher has authorized and is about to invoke; cleared by its first invocation. */
    private Method checkedInvocation;

    void begin(ServiceEntry service, ExportedMethod method, CallerCredentials caller) {
        this.service = service;
        this.method = method;
        this.caller = caller;
    }

    /** The dispatcher has checked the caller against {@code method}'s rule and invokes it next. */
    void authorized(ExportedMethod method) {
        this.checkedInvocation = method.javaMethod();
    }

    /**
     * True, once, when {@code invoked} is the invocation the dispatcher authorized: the interceptor does not check
     * it again. Any later invocation of an exported method in the same call, even of the same one, is checked.
     */
    public boolean consumeCheckedInvocation(Method invoked) {
        if (checkedInvocation != null && checkedInvocation.equals(invoked)) {
            checkedInvocation = null;
            return true;
        }
        return false;
    }

    /** True once the dispatcher has started a call in this request. */
    public boolean isActive() {
        return service != null;
    }

    /** The service called. */
    public ServiceEntry service() {
        return service;
    }

    /** The method called. */
    public ExportedMethod method() {
        return method;
    }

    /** The caller; visitor credentials outside a call. */
    public CallerCredentials caller() {
        return caller != null ? caller : CallerCredentials.noCertificate();
    }
}
