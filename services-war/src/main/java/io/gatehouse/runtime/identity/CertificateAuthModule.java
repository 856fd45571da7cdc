package io.gatehouse.runtime.identity;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.dispatch.CallFailure;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import java.io.IOException;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's authentication of each request, as a Jakarta Authentication module of the application
 * ({@link AuthenticationInstaller} registers it): the client chain the TLS listener validated, resolved through the
 * {@link IdentityCache} so that a kept connection costs one resolution, not one per call (and one reading of the
 * chain from the container: {@link ConnectionChains}). A registered caller is
 * handed to the container under their DN with their DIRAC group as group, so {@code getUserPrincipal()},
 * {@code isUserInRole(group)}, Jakarta Security's {@code SecurityContext} and {@code @RolesAllowed} know them.
 * Requests without a certificate, or from unregistered DNs, go on as visitors: whether a visitor may call a method
 * is the method's rule to say, not the transport's. A chain that is no longer valid (expired since the handshake,
 * revoked, its CA gone) is refused on every call with a 401 before anything else happens.
 *
 * <p>A module of its own rather than a Jakarta Security {@code HttpAuthenticationMechanism}: the bridge to such a
 * mechanism looks the CDI bean manager up in JNDI twice per request, which cost more than the rest of a call's
 * authentication. The resolved credentials travel with the request ({@link #credentials}) so nothing resolves
 * them again.
 */
public final class CertificateAuthModule implements ServerAuthModule {

    /** Request attribute holding the {@link PresentedChain}, when a certificate was presented. */
    public static final String CHAIN = "io.gatehouse.chain";
    /** Request attribute holding the caller's {@link CallerCredentials}, always set. */
    static final String CREDENTIALS = "io.gatehouse.credentials";
    /** Request attribute holding why a presented chain is refused, when it is. */
    static final String REFUSAL = "io.gatehouse.refusal";

    private static final Logger LOG = Logger.getLogger(CertificateAuthModule.class.getName());
    private static final Class<?>[] MESSAGE_TYPES = {HttpServletRequest.class, HttpServletResponse.class};

    private final IdentityCache identities;
    private final ConnectionChains connections = new ConnectionChains();
    private CallbackHandler container;

    CertificateAuthModule(IdentityCache identities) {
        this.identities = identities;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
                           @SuppressWarnings("rawtypes") Map options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return MESSAGE_TYPES.clone();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        X509Certificate[] certificates = connections.presented(request);
        CallerCredentials caller = resolve(request, certificates);
        if (request.getAttribute(REFUSAL) != null && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            // A WebSocket session cannot be refused later with a call's 401: refuse the upgrade itself.
            ((HttpServletResponse) message.getResponseMessage()).setStatus(401);
            return AuthStatus.SEND_FAILURE;
        }
        if (caller.validDN()) {
            login(client, new CredentialPrincipal(caller, certificates), new String[] {caller.group()});
        } else {
            login(client, null, null); // a visitor: nothing is constrained, the method's rule decides
        }
        return AuthStatus.SUCCESS;
    }

    private CallerCredentials resolve(HttpServletRequest request, X509Certificate[] certificates) {
        if (certificates == null) {
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return CallerCredentials.noCertificate();
        }
        IdentityCache.Resolution resolution;
        try {
            resolution = identities.resolve(certificates);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "unreadable client chain, treated as no credential: {0}", e.getMessage());
            request.setAttribute(CREDENTIALS, CallerCredentials.noCertificate());
            return CallerCredentials.noCertificate();
        }
        request.setAttribute(CHAIN, resolution.chain());
        request.setAttribute(CREDENTIALS, resolution.caller());
        if (resolution.refusal().isPresent()) {
            request.setAttribute(REFUSAL, resolution.refusal().get());
            return CallerCredentials.noCertificate();
        }
        return resolution.caller();
    }

    private void login(Subject client, Principal principal, String[] groups) throws AuthException {
        Callback[] callbacks = groups == null
                ? new Callback[] {new CallerPrincipalCallback(client, principal)}
                : new Callback[] {new CallerPrincipalCallback(client, principal),
                        new GroupPrincipalCallback(client, groups)};
        try {
            container.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("the container refused the caller: " + e.getMessage()).initCause(e);
        }
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
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
