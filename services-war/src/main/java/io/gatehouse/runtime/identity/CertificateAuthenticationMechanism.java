package io.gatehouse.runtime.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authenticates each request from the client chain the TLS listener validated: resolves the identity (skipping
 * proxies), looks it up in the registry and, for a registered caller, logs them in with the container under
 * their DN with their group as role. Requests without a certificate, or from unregistered DNs, go on as
 * visitors: whether a visitor may call a method is the method's rule to say, not the transport's.
 *
 * <p>The resolved credentials travel with the request ({@link #CREDENTIALS}) so the dispatcher does not
 * resolve them again.
 */
@ApplicationScoped
public class CertificateAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Request attribute holding the {@link PresentedChain}, when a certificate was presented. */
    public static final String CHAIN = "io.gatehouse.chain";
    /** Request attribute holding the caller's {@link CallerCredentials}, always set. */
    public static final String CREDENTIALS = "io.gatehouse.credentials";

    private static final String SERVLET_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final Logger LOG = Logger.getLogger(CertificateAuthenticationMechanism.class.getName());

    @Inject
    CallerResolver resolver;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(SERVLET_CERTIFICATES);
        if (certificates == null || certificates.length == 0) {
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return context.doNothing();
        }
        PresentedChain chain;
        try {
            chain = ChainInspector.inspect(certificates);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "unreadable client chain, treated as no credential: {0}", e.getMessage());
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return context.doNothing();
        }
        CallerCredentials caller = resolver.asUser(chain);
        request.setAttribute(CHAIN, chain);
        request.setAttribute(CREDENTIALS, caller);
        if (!caller.validDN()) {
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(new CallerPrincipal(caller.dn()), Set.of(caller.group()));
    }
}
