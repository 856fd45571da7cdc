package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.identity.CallerCredentials;

import jakarta.enterprise.context.RequestScoped;

/**
 * The call being served in this request: which service and method, and who is calling. The dispatcher fills it
 * once; the authorization interceptor, the built-in methods and the injected {@code Credentials} read it.
 */
@RequestScoped
public class CurrentCall {

    private ServiceEntry service;
    private ExportedMethod method;
    private CallerCredentials caller;

    void begin(ServiceEntry service, ExportedMethod method, CallerCredentials caller) {
        this.service = service;
        this.method = method;
        this.caller = caller;
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
