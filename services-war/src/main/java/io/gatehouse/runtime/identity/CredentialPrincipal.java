package io.gatehouse.runtime.identity;

import jakarta.security.enterprise.CallerPrincipal;

import java.security.cert.X509Certificate;

/**
 * The container's principal for a registered caller: named by the DN, and carrying the credentials resolved for
 * the request, so that a WebSocket session (which sees the upgrade request's principal, not its attributes) knows
 * its caller without resolving the chain again.
 */
public final class CredentialPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final transient CallerCredentials credentials;
    private final transient X509Certificate[] chain;

    CredentialPrincipal(CallerCredentials credentials, X509Certificate[] chain) {
        super(credentials.dn());
        this.credentials = credentials;
        this.chain = chain.clone();
    }

    public CallerCredentials credentials() {
        return credentials;
    }

    /** The chain presented, leaf first, to resolve again later ({@link IdentityCache#resolve}). */
    public X509Certificate[] chain() {
        return chain.clone();
    }
}
