package io.gatehouse.runtime.identity;

import io.undertow.server.RenegotiationRequiredException;
import io.undertow.server.SSLSessionInfo;
import io.undertow.servlet.handlers.ServletRequestContext;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The client chain of the current request read from Undertow's TLS session, for WildFly: Undertow authenticates a
 * request before it sets the servlet attribute {@code jakarta.servlet.request.X509Certificate}, so the attribute is
 * still empty when {@link CertificateAuthModule} runs. Touched only when Undertow's classes are present
 * ({@link ConnectionChains}); nothing else in Gatehouse depends on Undertow.
 */
final class UndertowPeerChains {

    static final String PRESENCE = "io.undertow.servlet.handlers.ServletRequestContext";

    private UndertowPeerChains() {
    }

    /** The chain of the request being handled on this thread, leaf first; {@code null} when none was presented. */
    static X509Certificate[] presented() {
        ServletRequestContext context = ServletRequestContext.current();
        if (context == null) {
            return null;
        }
        SSLSessionInfo session = context.getExchange().getConnection().getSslSessionInfo();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                return null;
            }
            return Arrays.copyOf(chain, chain.length, X509Certificate[].class);
        } catch (SSLPeerUnverifiedException | RenegotiationRequiredException noCertificate) {
            // A visitor. Never renegotiate to ask again: the handshake already asked.
            return null;
        }
    }
}
