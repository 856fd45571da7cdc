package io.gatehouse.runtime.authorization;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.ExportedMethod;
import io.gatehouse.runtime.identity.CallerCredentials;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import java.util.Set;
import java.util.TreeSet;

/**
 * The one decision of whether a caller may call a method: the method's rule for its service
 * ({@link RuleResolver}), DIRAC's policy ({@link AuthorizationPolicy}), the audit line ({@link Audit}), and a
 * refusal as the 401/403 the caller receives; then, where a handler also declares {@code @RolesAllowed}, the
 * container's own role check. The dispatcher asks before any argument is read; the interceptor asks
 * for every other exported method a call reaches (a handler calling another handler).
 */
@Dependent
public class AccessControl {

    @Inject
    RuleResolver rules;

    @Inject
    SecurityContext container;

    /**
     * Lets the call go on or throws the refusal.
     *
     * @param service the service whose rules apply, {@code System/Component}
     * @throws CallFailure 401 or 403 with EACCES when the caller may not call the method
     */
    public void check(String service, ExportedMethod method, CallerCredentials caller) {
        AuthorizationRule rule = rules.ruleFor(service, method);
        Decision decision = decide(service, method.name(), rule, caller);
        if (!decision.allowed()) {
            throw refusal(service, method, decision);
        }
        if (method.rolesAllowed().isPresent()) {
            checkRoles(service, method, caller, rule, method.rolesAllowed().get());
        }
    }

    /**
     * DIRAC's decision under {@code rule} for {@code name} of the service (a method, a message, a connection, the
     * client relay), with its audit line: every decision goes through here.
     */
    public static Decision decide(String service, String name, AuthorizationRule rule, CallerCredentials caller) {
        Decision decision = AuthorizationPolicy.decide(rule, caller);
        Audit.record(service, name, caller, rule, decision);
        return decision;
    }

    /** {@code @RolesAllowed} on a handler: the container's answer for the caller's roles (their DIRAC group). */
    private void checkRoles(String service, ExportedMethod method, CallerCredentials caller, AuthorizationRule rule,
                            Set<String> roles) {
        for (String role : roles) {
            if (container.isCallerInRole(role)) {
                return;
            }
        }
        String reason = roles.isEmpty() ? "the method is @DenyAll"
                : "the caller is in none of the roles " + new TreeSet<>(roles) + " of @RolesAllowed";
        Decision decision = caller.validDN() ? Decision.forbidden(reason) : Decision.unauthenticated(reason);
        Audit.record(service, method.name(), caller, rule, decision);
        throw refusal(service, method, decision);
    }

    private static CallFailure refusal(String service, ExportedMethod method, Decision decision) {
        return new CallFailure(decision.status(), Errors.EACCES,
                "No access to " + service + "." + method.name() + ": " + decision.reason());
    }
}
