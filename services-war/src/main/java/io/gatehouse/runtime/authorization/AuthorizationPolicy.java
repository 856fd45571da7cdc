package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.identity.CallerCredentials;

/**
 * DIRAC's AuthManager decision (PROTOCOL.md §8) as a pure function of a rule and a caller.
 */
public final class AuthorizationPolicy {

    private AuthorizationPolicy() {
    }

    /** Decides whether the caller may call a method guarded by the rule. */
    public static Decision decide(AuthorizationRule rule, CallerCredentials caller) {
        if (caller.attemptsDelegation()) {
            String reason = "only a registered host with the TrustedHost property may act for another user"
                    + " (extraCredentials [DN, group])";
            return caller.validDN() ? Decision.forbidden(reason) : Decision.unauthenticated(reason);
        }
        if (rule.admitsAnyone() && !rule.restrictsGroups()) {
            return Decision.allow("the rule admits anyone");
        }
        if (!caller.validDN()) {
            return Decision.unauthenticated(caller.dn() == null
                    ? "no certificate was presented"
                    : "the DN " + caller.dn() + " is not a registered, active user");
        }
        if (!caller.validGroup()) {
            return Decision.unauthenticated("the caller is not a member of group " + caller.group());
        }
        if (!rule.groups().isEmpty() && !rule.groups().contains(caller.group())) {
            return Decision.forbidden("group " + caller.group() + " is not one of " + rule.groups());
        }
        if (!rule.vos().isEmpty() && caller.vo().filter(rule.vos()::contains).isEmpty()) {
            return Decision.forbidden("VO " + caller.vo().orElse("(none)") + " is not one of " + rule.vos());
        }
        if (rule.admitsAnyone() || rule.properties().contains("authenticated") || rule.properties().isEmpty()) {
            return Decision.allow("the caller is authenticated");
        }
        for (String property : caller.properties()) {
            if (rule.properties().contains(property.toLowerCase(java.util.Locale.ROOT))) {
                return Decision.allow("the caller holds " + property);
            }
        }
        return Decision.forbidden("the caller holds none of the properties " + rule.properties()
                + " (has " + caller.properties() + ")");
    }
}
