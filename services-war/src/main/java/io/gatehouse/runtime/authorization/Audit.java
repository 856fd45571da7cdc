package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.identity.CallerCredentials;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail of authorization decisions, on the logger {@value #LOGGER}: every refused call once, at
 * WARNING, with who (DN, group), what (service and method) and why (the rule and the condition that failed);
 * allowed calls at FINE.
 */
public final class Audit {

    /** The logger an administrator routes or raises. */
    public static final String LOGGER = "io.gatehouse.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private Audit() {
    }

    /** Writes the decision's line. */
    public static void record(String service, String method, CallerCredentials caller, AuthorizationRule rule,
                              Decision decision) {
        Level level = decision.allowed() ? Level.FINE : Level.WARNING;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, "{0} {1}.{2} to {3} (group {4}, user {5}): rule [{6}]: {7}", new Object[] {
                decision.allowed() ? "allowed" : "DENIED " + decision.status(), service, method,
                caller.dn() == null ? "a visitor without certificate" : caller.dn(), caller.group(),
                caller.username(), rule, decision.reason()});
    }
}
