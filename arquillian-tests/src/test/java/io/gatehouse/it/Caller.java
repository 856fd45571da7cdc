package io.gatehouse.it;

import io.gatehouse.client.ClientCredentials;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * A TLS client of the server under test, holding one identity from the build's test PKI (or none). It trusts
 * the test CA only and verifies the server's name, as DIRAC's clients do.
 */
final class Caller {

    static final Path PKI = Path.of(System.getProperty("gatehouse.pki"));
    static final int PORT = Integer.getInteger("gatehouse.httpsPort");
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpClient client;

    private Caller(Path keyStore) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(sslContext(keyStore))
                .build();
    }

    /** A registered or unregistered user of the test CA, by name. */
    static Caller user(String name) {
        return new Caller(PKI.resolve("users").resolve(name).resolve("user.p12"));
    }

    /** No certificate at all. */
    static Caller visitor() {
        return new Caller(null);
    }

    /** A user whose CA the server does not trust. */
    static Caller untrusted() {
        return new Caller(PKI.resolve("untrusted/user.p12"));
    }

    /** A chain of the build's hostile-chain catalogue ({@code chains/<name>.p12}). */
    static Caller chain(String name) {
        return new Caller(PKI.resolve("chains").resolve(name + ".p12"));
    }

    /** Any PKCS12 key store with password changeit. */
    static Caller keyStore(Path p12) {
        return new Caller(p12);
    }

    /** The host certificate, used as a client certificate. */
    static Caller host() {
        return new Caller(PKI.resolve("host/host.p12"));
    }

    static URI url(String path) {
        return URI.create("https://localhost:" + PORT + path);
    }

    /** A raw WebSocket to {@code path} on the server, as this caller (for tests that misbehave on a connection). */
    java.net.http.WebSocket webSocket(String path, java.net.http.WebSocket.Listener listener) {
        return client.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + PORT + path), listener)
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /** Calls {@code method} of the service with {@code args} (JSON text), as a DIRAC client would. */
    Reply call(String service, String method, String args) {
        return post("/" + service, "method", method, "args", args);
    }

    /** GETs {@code path} accepting {@code accept}. */
    Reply get(String path, String accept) {
        return send(HttpRequest.newBuilder(url(path)).header("Accept", accept).GET());
    }

    /** POSTs a form made of name/value pairs. */
    Reply post(String path, String... pairs) {
        return send(HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(pairs))));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Reply.of(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(String... pairs) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** Sends a request and hands the reply over as the handler reads it (for streamed downloads and uploads). */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw TLS connection to the server as this user, for tests that misbehave on the wire. */
    static javax.net.ssl.SSLSocket userSocket(String name) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContext(
                PKI.resolve("users").resolve(name).resolve("user.p12")).getSocketFactory()
                .createSocket("localhost", PORT);
        socket.startHandshake();
        return socket;
    }

    /** A raw TLS connection to the server without a client certificate, for tests that misbehave on the wire. */
    static javax.net.ssl.SSLSocket visitorSocket() throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContext(null).getSocketFactory()
                .createSocket("localhost", PORT);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext sslContext(Path keyStore) {
        try {
            KeyStore trust = load(PKI.resolve("truststore.p12"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            // The client library's key manager presents the certificate even when its issuer is not among the CAs
            // the server names: the JDK's would silently send nothing, and a test of a distrusted certificate
            // would test a visitor instead.
            KeyManager[] keyManagers = keyStore == null ? null
                    : new KeyManager[] {ClientCredentials.pkcs12(keyStore, PASSWORD).keyManager()};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for " + keyStore, e);
        }
    }

    private static KeyStore load(Path path) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
