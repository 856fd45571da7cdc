package io.gatehouse.client;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The TLS side of every client of this library: one JDK HTTP client (or, for file transfers, one socket factory)
 * per TLS context, TLS 1.3 and 1.2 only, the grid credentials presented and the server checked against grid trust. Public for programs that speak to a
 * Gatehouse server with the JDK's client directly (its WebSocket, for instance).
 */
public final class Tls {

    /** The protocols offered: nothing older. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    /** A JDK HTTP client (HTTP/1.1) presenting {@code credentials} and checking servers against {@code trust}. */
    public static HttpClient httpClient(ClientCredentials credentials, ClientTrust trust, Duration connectTimeout) {
        return httpClient(credentials, new ServerTrustManager(trust.validator(), trust.description()),
                connectTimeout);
    }

    /**
     * A JDK HTTP client (HTTP/1.1) presenting {@code credentials} and checking servers with {@code trustManager}.
     * Its TLS context is its own: the context's session cache is what lets a kept client resume sessions.
     */
    static HttpClient httpClient(ClientCredentials credentials, ServerTrustManager trustManager,
                                 Duration connectTimeout) {
        SSLContext context = context(credentials, trustManager);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        // HttpClient sets it too; ServerTrustManager checks the host name whatever this says.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The TLS sockets of file transfers ({@code HttpsURLConnection}, blocking sockets): the same TLS context as
     * {@link #httpClient(ClientCredentials, ServerTrustManager, Duration)}'s, its own (its session cache is what
     * lets a kept factory resume sessions), TLS 1.3 and 1.2 only.
     */
    static TransferSockets transferSockets(ClientCredentials credentials, ServerTrustManager trustManager) {
        return new TransferSockets(context(credentials, trustManager).getSocketFactory(), PROTOCOLS);
    }

    /** A TLS context presenting {@code credentials} and checking servers with {@code trustManager}. */
    private static SSLContext context(ClientCredentials credentials, ServerTrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {credentials.keyManager()}, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
