package io.gatehouse.runtime.identity;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.dispatch.CallFailure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authenticates each request from the client chain the TLS listener validated: the chain's identity (proxies
 * skipped) looked up in the registry, through the {@link IdentityCache} so that a kept connection costs one
 * resolution, not one per call. A registered caller is logged in with the container under their DN with their
 * group as role, so {@code getUserPrincipal()} and {@code isUserInRole(group)} work in handlers. Requests without
 * a certificate, or from unregistered DNs, go on as visitors: whether a visitor may call a method is the method's
 * rule to say, not the transport's. A chain that is no longer valid (expired since the handshake, revoked, its CA
 * gone) is refused on every call with a 401 before anything else happens.
 *
 * <p>The resolved credentials travel with the request ({@link #credentials}) so nothing resolves them again.
 */
@ApplicationScoped
public class CertificateAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Request attribute holding the {@link PresentedChain}, when a certificate was presented. */
    public static final String CHAIN = "io.gatehouse.chain";
    /** Request attribute holding the caller's {@link CallerCredentials}, always set. */
    static final String CREDENTIALS = "io.gatehouse.credentials";
    /** Request attribute holding why a presented chain is refused, when it is. */
    static final String REFUSAL = "io.gatehouse.refusal";

    private static final String SERVLET_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final Logger LOG = Logger.getLogger(CertificateAuthenticationMechanism.class.getName());

    @Inject
    IdentityCache identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(SERVLET_CERTIFICATES);
        if (certificates == null || certificates.length == 0) {
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return context.doNothing();
        }
        IdentityCache.Resolution resolution;
        try {
            resolution = identities.resolve(certificates);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "unreadable client chain, treated as no credential: {0}", e.getMessage());
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return context.doNothing();
        }
        request.setAttribute(CHAIN, resolution.chain());
        request.setAttribute(CREDENTIALS, resolution.caller());
        if (resolution.refusal().isPresent()) {
            request.setAttribute(REFUSAL, resolution.refusal().get());
            return context.doNothing();
        }
        CallerCredentials caller = resolution.caller();
        if (!caller.validDN()) {
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(new CallerPrincipal(caller.dn()), Set.of(caller.group()));
    }

    /**
     * The credentials the authentication step resolved for this request (a visitor's when it did not run).
     *
     * @throws CallFailure 401 when the presented chain is no longer valid
     */
    public static CallerCredentials credentials(HttpServletRequest request) {
        Object refusal = request.getAttribute(REFUSAL);
        if (refusal != null) {
            throw new CallFailure(401, Errors.EACCES, "the certificate chain is no longer accepted: " + refusal);
        }
        Object caller = request.getAttribute(CREDENTIALS);
        return caller instanceof CallerCredentials credentials ? credentials : CallerCredentials.noCertificate();
    }
}
