package io.gatehouse.runtime.identity;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.http.HttpServletRequest;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chain each kept connection presented, read from the container once per connection.
 *
 * <p>Reading the servlet attribute {@code jakarta.servlet.request.X509Certificate} is not free: Payara's listener
 * decodes every certificate of the TLS session again at each request, through the JDK's certificate factory whose
 * cache is one global lock, so under load the attribute costs more than the rest of a call's identity. A TLS
 * connection presents one chain for its whole life (the grid trust agent refuses client-initiated renegotiation),
 * and the container names each connection uniquely for the JVM's lifetime (Servlet 6's
 * {@link ServletConnection#getConnectionId()}), so the chain is remembered under that name.
 *
 * <p>Only connections that presented a chain are remembered: a connection without one is read at each request.
 * At most {@value #MAX_CONNECTIONS} connections are held (entries of closed connections stay until then); when full,
 * the table starts again empty. Whether the chain is still valid is not decided here: {@link IdentityCache} checks
 * expiry at every call and revocation at its interval.
 */
final class ConnectionChains {

    static final int MAX_CONNECTIONS = 10_000;
    private static final String SERVLET_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    /** On Undertow (WildFly) the attribute is set after authentication: the chain is read from Undertow there. */
    private static final boolean UNDERTOW = present(UndertowPeerChains.PRESENCE);

    private final Map<String, X509Certificate[]> chains = new ConcurrentHashMap<>();

    /** The chain presented on the request's connection, leaf first; {@code null} when none was presented. */
    X509Certificate[] presented(HttpServletRequest request) {
        String connection = connectionId(request);
        if (connection != null) {
            X509Certificate[] known = chains.get(connection);
            if (known != null) {
                return known;
            }
        }
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(SERVLET_CERTIFICATES);
        if (chain == null && UNDERTOW) {
            chain = UndertowPeerChains.presented();
        }
        if (chain == null || chain.length == 0) {
            return null;
        }
        if (connection != null) {
            if (chains.size() >= MAX_CONNECTIONS) {
                chains.clear();
            }
            chains.put(connection, chain);
        }
        return chain;
    }

    /** The container's name for the request's network connection, or {@code null} when it gives none. */
    private static String connectionId(HttpServletRequest request) {
        if (!request.isSecure()) {
            return null;
        }
        ServletConnection connection = request.getServletConnection();
        return connection == null ? null : connection.getConnectionId();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ConnectionChains.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    int size() {
        return chains.size();
    }
}
