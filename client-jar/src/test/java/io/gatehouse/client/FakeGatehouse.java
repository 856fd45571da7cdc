package io.gatehouse.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.config.trust.GridChainValidator;
import io.gatehouse.config.trust.GridTrustManager;
import io.gatehouse.config.trust.GridTrustSettings;
import io.gatehouse.api.wire.JEncode;

/**
 * A real HTTPS server on 127.0.0.1 that answers like Gatehouse: POST form in, S_OK/S_ERROR JSON out, client
 * certificates wanted (not needed) and checked with the grid trust manager. It records every call it sees.
 *
 * <p>Services: {@code /Framework/Hello} and {@code /Framework/Other} (the methods below), {@code /Busy/Service}
 * (always 503), {@code /Gone/Service} (always 404 with S_ERROR JSON), {@code /Broken/Service} (always 500). Any
 * other path gets the JDK server's own 404, whose body is not JSON.
 *
 * <p>Methods: {@code echo(x)}, {@code args(...)}, {@code sayHello(name)}, {@code fail()} (S_ERROR 1111),
 * {@code status(code, errno, message)}, {@code raw(code, text)}, {@code sleep(millis)}, {@code whoami()},
 * {@code big(n)} (a string of n characters, gzipped when the client accepts it), {@code slowBody(millis)} (half
 * the reply, a pause, the rest), {@code drop()} (no reply: the connection is closed); anything else is 501.
 */
final class FakeGatehouse implements AutoCloseable {

    /** One call as the server saw it. */
    record Call(String path, String method, String args, String extraCredentials, List<X509Certificate> chain,
                int remotePort, boolean gzipped) {
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeGatehouse(SSLContext context) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setWantClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        for (String path : List.of("/Framework/Hello", "/Framework/Other")) {
            server.createContext(path, this::service);
        }
        server.createContext("/Busy/Service", exchange -> fixed(exchange, 503, "Service temporarily unavailable"));
        server.createContext("/Gone/Service", exchange -> fixed(exchange, 404, "Unknown service Gone/Service"));
        server.createContext("/Broken/Service", exchange -> fixed(exchange, 500, "Internal error"));
        // Handlers sleep: they must not hold the dispatcher thread.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    /** A server with the development PKI's host certificate, trusting its CA directory. */
    static FakeGatehouse start(Path pki) throws IOException, GeneralSecurityException {
        return start(serverContext(pki.resolve("host/host.p12"), gridTrust(pki.resolve("certificates"))));
    }

    static FakeGatehouse start(SSLContext context) throws IOException {
        return new FakeGatehouse(context);
    }

    static SSLContext serverContext(Path keyStore, TrustManager trust) throws IOException, GeneralSecurityException {
        KeyStore store = Pkcs12Stores.load(keyStore, "changeit".toCharArray());
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {trust}, null);
        return context;
    }

    static X509ExtendedTrustManager gridTrust(Path caDirectory) {
        GridTrustSettings settings = new GridTrustSettings(Optional.of(caDirectory), Duration.ofMinutes(10),
                CrlCheckingMode.IF_VALID, NamespaceCheckingMode.EUGRIDPMA_GLOBUS, 2048);
        return new GridTrustManager(GridChainValidator.create(settings, null));
    }

    /** A trust manager that checks like {@code trust} but names other CAs in the certificate request. */
    static X509ExtendedTrustManager namingOtherCas(X509ExtendedTrustManager trust, X509Certificate... named) {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                trust.checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                trust.checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                trust.checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                trust.checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trust.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trust.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return named.clone();
            }
        };
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** https://localhost:port + path (localhost: the host certificate's DNS name). */
    String url(String path) {
        return "https://localhost:" + port() + path;
    }

    /** Serves another path with this handler (a {@link FakeFileService}, say). */
    void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many calls of a method this server saw, on any path. */
    long count(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).count();
    }

    /** How many calls this server saw on a path. */
    long countOn(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).count();
    }

    /** The client ports calls came from: one per TCP (and TLS) connection. */
    Set<Integer> connections() {
        return calls.stream().map(Call::remotePort).collect(Collectors.toSet());
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }

    void reset() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- handlers ----

    private Map<String, String> readForm(HttpExchange exchange) throws IOException {
        return parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Call record(HttpExchange exchange, Map<String, String> form, boolean gzip) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
        } catch (SSLPeerUnverifiedException e) {
            // a visitor: no certificate
        }
        Call call = new Call(exchange.getRequestURI().getPath(), form.getOrDefault("method", ""), form.get("args"),
                form.get("extraCredentials"), chain, exchange.getRemoteAddress().getPort(), gzip);
        calls.add(call);
        return call;
    }

    private void fixed(HttpExchange exchange, int status, String message) throws IOException {
        record(exchange, readForm(exchange), false);
        send(exchange, status, JEncode.error(0, message), "application/json", false);
    }

    private void service(HttpExchange exchange) throws IOException {
        boolean acceptsGzip = exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of()).stream()
                .anyMatch(v -> v.contains("gzip"));
        Map<String, String> form = readForm(exchange);
        String method = form.getOrDefault("method", "");
        JsonArray args = form.containsKey("args") ? JEncode.parseArgs(form.get("args")) : JsonValue.EMPTY_JSON_ARRAY;
        boolean gzip = acceptsGzip && method.equals("big") && args.getInt(0) >= 1024;
        Call call = record(exchange, form, gzip);
        switch (method) {
            case "echo" -> ok(exchange, args.get(0));
            case "args" -> ok(exchange, args);
            case "sayHello" -> ok(exchange, Json.createValue("Hello, " + args.getString(0) + "!"));
            case "fail" -> send(exchange, 200, JEncode.error(1111, "Unauthorized query ( 1111 : Unauthorized query)"),
                    "application/json", false);
            case "status" -> send(exchange, args.getInt(0), JEncode.error(args.getInt(1), args.getString(2)),
                    "application/json", false);
            case "raw" -> send(exchange, args.getInt(0), args.getString(1), "text/html", false);
            case "sleep" -> {
                pause(args.getJsonNumber(0).longValue());
                ok(exchange, Json.createValue("slept"));
            }
            case "slowBody" -> {
                // The headers and half the reply at once, the rest after a pause.
                byte[] reply = JEncode.ok("y".repeat(4000)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                OutputStream out = exchange.getResponseBody();
                out.write(reply, 0, reply.length / 2);
                out.flush();
                pause(args.getJsonNumber(0).longValue());
                out.write(reply, reply.length / 2, reply.length - reply.length / 2);
                out.close();
            }
            case "drop" -> exchange.close(); // read the request, then close the connection without a reply
            case "whoami" -> {
                JsonArrayBuilder chain = Json.createArrayBuilder();
                call.chain().forEach(c -> chain.add(ClientCredentials.dn(c)));
                ok(exchange, Json.createObjectBuilder().add("chain", chain)
                        .add("extraCredentials", call.extraCredentials() == null ? JsonValue.NULL
                                : Json.createValue(call.extraCredentials())).build());
            }
            case "big" -> {
                String text = "x".repeat(args.getInt(0));
                send(exchange, 200, JEncode.ok(text), "application/json", gzip);
            }
            default -> send(exchange, 501, JEncode.error(0, method + " is not implemented"), "application/json",
                    false);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ok(HttpExchange exchange, JsonValue value) throws IOException {
        send(exchange, 200, "{\"OK\":true,\"Value\":" + value + "}", "application/json", false);
    }

    private static void send(HttpExchange exchange, int status, String text, String type, boolean gzip)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(bytes);
            }
            bytes = zipped.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }
}
