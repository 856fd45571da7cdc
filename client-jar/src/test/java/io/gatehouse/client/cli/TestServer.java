package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.testpki.DevPki;
import io.gatehouse.api.wire.JEncode;

/**
 * A stand-in for a Gatehouse service at /Framework/Hello, over TLS with the development PKI's host certificate,
 * speaking the wire protocol just enough for the command line: ping, echo, whoami (401 without a certificate),
 * fail (S_ERROR), forbidden (403), slow (2 s), any other method 501. Client certificates are asked for and taken
 * as they come (the real chain checks are the server's business, tested elsewhere).
 */
final class TestServer implements AutoCloseable {

    static final String PATH = "/Framework/Hello";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    final AtomicInteger calls = new AtomicInteger();

    TestServer(Path pki) throws Exception {
        char[] password = DevPki.PASSWORD.toCharArray();
        KeyStore hostStore = Pkcs12Stores.load(pki.resolve(DevPki.HOST_P12), password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(hostStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new TakeAnyClient()}, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setWantClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves another path with this handler; its URL is {@link #url(String)}. */
    void serve(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error(0, "use POST"));
                return;
            }
            Map<String, String> form = form(exchange.getRequestBody());
            String method = form.getOrDefault("method", "");
            JsonArray args = JEncode.parseArgs(form.getOrDefault("args", "[]"));
            X509Certificate[] chain = peerChain(exchange);
            switch (method) {
                case "ping" -> reply(exchange, 200, ok(ping()));
                case "echo" -> reply(exchange, 200, ok(args.isEmpty() ? JsonValue.NULL : args.get(0)));
                case "whoami" -> {
                    if (chain == null) {
                        reply(exchange, 401, error(13, "no valid credential: whoami needs a certificate"));
                    } else {
                        reply(exchange, 200, ok(whoami(chain, form.get("extraCredentials"))));
                    }
                }
                case "fail" -> reply(exchange, 200, error(1111, "Unauthorized query"));
                case "forbidden" -> reply(exchange, 403, error(13, "forbidden needs the property Admin"));
                case "slow" -> {
                    Thread.sleep(2000);
                    reply(exchange, 200, ok(Json.createValue("late")));
                }
                default -> reply(exchange, 501, error(38, method + " is not implemented"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            reply(exchange, 500, error(0, e.toString()));
        }
    }

    private static JsonValue ping() {
        JsonValue dt = Json.createObjectBuilder().add("__dCls", "dt").add("obj", "2025-01-02 03:04:05").build();
        return Json.createObjectBuilder()
                .add("version", "0.1.0-test")
                .add("time", dt)
                .add("host uptime", 90061)
                .add("service start time", dt)
                .add("service uptime", 3725)
                .add("load", "0.10 0.20 0.30")
                .add("name", "Framework/Hello")
                .add("cpu times", Json.createObjectBuilder().add("user time", 1.5).add("system time", 0.5))
                .build();
    }

    private static JsonValue whoami(X509Certificate[] chain, String extraCredentials) {
        X509Certificate leaf = chain[0];
        boolean isProxy = ProxyReport.kindOf(leaf).isProxy();
        String identity = null;
        boolean limited = false;
        String group = null;
        for (X509Certificate certificate : chain) {
            if (ProxyReport.kindOf(certificate).isProxy()) {
                limited |= ProxyCertificates.isLimitedProxy(certificate);
                group = group != null ? group : ProxyCertificates.diracGroup(certificate).orElse(null);
            } else if (identity == null) {
                identity = OpenSslNames.oneLine(certificate.getSubjectX500Principal());
            }
        }
        JsonObjectBuilder who = Json.createObjectBuilder()
                .add("subject", OpenSslNames.oneLine(leaf.getSubjectX500Principal()))
                .add("issuer", OpenSslNames.oneLine(leaf.getIssuerX500Principal()))
                .add("secondsLeft", leaf.getNotAfter().toInstant().getEpochSecond() - Instant.now().getEpochSecond())
                .add("isProxy", isProxy)
                .add("isLimitedProxy", limited)
                .add("validDN", true)
                .add("validGroup", true)
                .add("DN", identity);
        if (isProxy) {
            who.add("identity", identity);
        }
        who.add("group", group == null ? "test_user" : group)
                .add("VO", "testvo")
                .add("username", identity.substring(identity.lastIndexOf("CN=") + 3))
                .add("properties", Json.createArrayBuilder().add("NormalUser").add("ProductionManagement"));
        if (extraCredentials != null) {
            who.add("extraCredentials", JEncode.parse(extraCredentials));
        }
        return who.build();
    }

    private static String ok(JsonValue value) {
        return Json.createObjectBuilder().add("OK", true).add("Value", value).build().toString();
    }

    private static String error(int errno, String message) {
        return Json.createObjectBuilder().add("OK", false).add("Errno", errno).add("Message", message).build()
                .toString();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(InputStream in) throws IOException {
        Map<String, String> fields = new HashMap<>();
        String body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static X509Certificate[] peerChain(HttpExchange exchange) {
        try {
            Certificate[] certificates = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certificates.length];
            for (int i = 0; i < certificates.length; i++) {
                chain[i] = (X509Certificate) certificates[i];
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Takes any client chain: this test server only reports who called. */
    private static final class TakeAnyClient extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
