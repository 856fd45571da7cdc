package io.gatehouse.runtime.authorization;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.CurrentCall;
import io.gatehouse.runtime.dispatch.ExportedMethod;
import io.gatehouse.runtime.dispatch.ServiceTable;
import io.gatehouse.runtime.identity.CallerCredentials;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.Optional;

/**
 * The single place where a call is allowed or refused: bound to every {@link Export}ed method, it checks the
 * caller of the current call against the method's rule before the method runs, and writes the audit line.
 * Outside a call (a timer, a startup observer) exported methods run unchecked: there is no remote caller.
 */
@Export
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class AuthorizationInterceptor {

    @Inject
    ServiceTable services;

    @Inject
    CurrentCall call;

    @Inject
    RuleResolver rules;

    @AroundInvoke
    public Object authorize(InvocationContext invocation) throws Exception {
        Optional<ExportedMethod> method = services.exportedBy(invocation.getMethod());
        if (method.isEmpty() || !call.isActive()) {
            return invocation.proceed();
        }
        String service = call.service().name();
        AuthorizationRule rule = rules.ruleFor(service, method.get());
        CallerCredentials caller = call.caller();
        Decision decision = AuthorizationPolicy.decide(rule, caller);
        Audit.record(service, method.get().name(), caller, rule, decision);
        if (!decision.allowed()) {
            throw new CallFailure(decision.status(), Errors.EACCES,
                    "No access to " + service + "." + method.get().name() + ": " + decision.reason());
        }
        return invocation.proceed();
    }
}
