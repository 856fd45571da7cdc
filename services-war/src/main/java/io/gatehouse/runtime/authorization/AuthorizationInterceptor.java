package io.gatehouse.runtime.authorization;

import io.gatehouse.api.Export;
import io.gatehouse.runtime.dispatch.CurrentCall;
import io.gatehouse.runtime.dispatch.ExportedMethod;
import io.gatehouse.runtime.dispatch.ServiceTable;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.Optional;

/**
 * Bound to every {@link Export}ed method and first among interceptors, so that nothing else runs for a caller who
 * may not call the method. The method a call was addressed to has already been checked by the dispatcher, before
 * its arguments were read; this interceptor lets that one invocation through and checks every other exported
 * method the call reaches (a handler calling another handler's method) against that method's own rule, of its own
 * service. Outside a call (a timer, a startup observer) exported methods run unchecked: there is no remote caller.
 */
@Export
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class AuthorizationInterceptor {

    @Inject
    ServiceTable services;

    @Inject
    AccessControl access;

    @AroundInvoke
    public Object authorize(InvocationContext invocation) throws Exception {
        if (!CurrentCall.isActive() || CurrentCall.consumeCheckedInvocation(invocation.getMethod())) {
            return invocation.proceed();
        }
        Optional<ExportedMethod> method = services.exportedBy(invocation.getMethod());
        if (method.isPresent()) {
            String service = method.get().service().isEmpty() ? CurrentCall.service().name() : method.get().service();
            access.check(service, method.get(), CurrentCall.caller());
        }
        return invocation.proceed();
    }
}
