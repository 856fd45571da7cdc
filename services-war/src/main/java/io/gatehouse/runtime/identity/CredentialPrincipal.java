package io.gatehouse.runtime.identity;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The container's principal for a registered caller: named by the DN, and carrying the credentials resolved for
 * the request, so that a WebSocket session (which sees the upgrade request's principal, not its attributes) knows
 * its caller without resolving the chain again.
 */
public final class CredentialPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final transient CallerCredentials credentials;

    CredentialPrincipal(CallerCredentials credentials) {
        super(credentials.dn());
        this.credentials = credentials;
    }

    public CallerCredentials credentials() {
        return credentials;
    }
}
