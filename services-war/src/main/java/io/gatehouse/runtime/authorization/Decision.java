package io.gatehouse.runtime.authorization;

/**
 * The outcome of checking a caller against a rule.
 *
 * @param allowed whether the call may proceed
 * @param status  401 (no valid credential) or 403 (authenticated, not allowed) when refused, 200 when allowed
 * @param reason  the condition that decided, in words an administrator can act on
 */
public record Decision(boolean allowed, int status, String reason) {

    static Decision allow(String reason) {
        return new Decision(true, 200, reason);
    }

    static Decision unauthenticated(String reason) {
        return new Decision(false, 401, reason);
    }

    static Decision forbidden(String reason) {
        return new Decision(false, 403, reason);
    }
}
