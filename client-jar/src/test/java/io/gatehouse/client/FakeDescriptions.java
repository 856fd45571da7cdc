package io.gatehouse.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import io.gatehouse.api.wire.JEncode;

/**
 * The description routes of a Gatehouse server, as a handler for the root context of a test HTTPS server: GET only.
 *
 * <ul>
 *   <li>{@code /}: the services; {@code /Test/Described}: {@link #described()}; {@code /Test/Visitor}: complete for a
 *       caller with a certificate, a visitor's incomplete view otherwise; {@code /Test/Newer}: a description with
 *       members this client does not know;</li>
 *   <li>hostile or broken: {@code /Test/Endless} (a body that never ends), {@code /Test/Declared} (announces 1 GiB),
 *       {@code /Test/Bomb} (a small gzip body inflating to 64 MiB), {@code /Test/NotJson} (HTML with 200),
 *       {@code /Test/NotDescription} (S_OK with a string), {@code /Test/Old} (405, a server without these routes),
 *       {@code /Test/Slow} (6 s), {@code /Test/Private} (401 without a certificate), {@code /Busy/Service} (503);</li>
 *   <li>anything else: 404 with S_ERROR "Unknown service System/Component".</li>
 * </ul>
 */
public final class FakeDescriptions implements HttpHandler {

    /** One request as the server saw it. */
    public record Request(String method, String path, String accept, boolean withCertificate) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request last() {
        return requests.get(requests.size() - 1);
    }

    /** The service list {@code GET /} answers. */
    public static JsonObject services() {
        return Json.createObjectBuilder()
                .add("server", "Gatehouse 0.1.0-test")
                .add("services", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "Framework/Hello")
                                .add("doc", "Says hello to its callers, by name.\n\nA second paragraph, not listed."))
                        .add(Json.createObjectBuilder().add("name", "Test/Described").addNull("doc")))
                .build();
    }

    /**
     * A full description: own methods (sayHello for authenticated callers; getFile, a download the caller may not
     * call; put, an upload), the built-in ping, messages; a doc with a terminal escape in it.
     */
    public static JsonObject described() {
        return Json.createObjectBuilder()
                .add("name", "Test/Described")
                .add("doc", "A service to describe.\n\nIts second paragraph \u001b[31mtries to colour\u001b[0m the"
                        + " terminal.")
                .add("methods", Json.createArrayBuilder()
                        .add(method("getFile", "Sends a file.", "getFile(path: string) -> file",
                                Json.createArrayBuilder().add(parameter("path", "string", false, "Where it is.")),
                                returns("file", null), List.of("NormalUser", "TrustedHost"), "configuration", false,
                                false, "download"))
                        .add(method("put", null, "put(name: string, size?: integer) -> null",
                                Json.createArrayBuilder().add(parameter("name", "string", false, null))
                                        .add(parameter("size", "integer", true, null)),
                                returns("null", null), List.of("authenticated"), "code", true, false, "upload"))
                        .add(method("sayHello", "Greets the caller. " + "It says hello, warmly. ".repeat(8),
                                "sayHello(name: string) -> string",
                                Json.createArrayBuilder().add(parameter("name", "string", false, null)),
                                returns("string", "The greeting."), List.of("authenticated"), "code", true, false,
                                "none"))
                        .add(method("ping", "Is the service alive?", "ping() -> map<string,any>",
                                Json.createArrayBuilder(), returns("map<string,any>", null), List.of(), "default",
                                true, true, "none")))
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "Post").addNull("doc")
                                .add("fields", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                        .add("name", "text").add("type", "string")
                                        .add("schema", Json.createObjectBuilder().add("type", "string"))
                                        .add("doc", "What is said.")))
                                .add("received", true).add("auth", Json.createArrayBuilder().add("NormalUser"))
                                .add("authSource", "code"))
                        .add(Json.createObjectBuilder().add("name", "Notice").add("doc", "Sent to everyone.")
                                .add("fields", Json.createArrayBuilder()).add("received", false)
                                .add("auth", Json.createArrayBuilder()).add("authSource", "none")))
                .add("complete", true)
                .build();
    }

    /** What a visitor (no certificate) is shown of /Test/Visitor: ping only, incomplete. */
    public static JsonObject visitorView() {
        return Json.createObjectBuilder()
                .add("name", "Test/Visitor").addNull("doc")
                .add("methods", Json.createArrayBuilder().add(method("ping", null, "ping() -> map<string,any>",
                        Json.createArrayBuilder(), returns("map<string,any>", null), List.of(), "default", true, true,
                        "none")))
                .addNull("messages")
                .add("complete", false)
                .build();
    }

    /** /Test/Visitor as a caller with a certificate sees it. */
    public static JsonObject memberView() {
        return Json.createObjectBuilder(visitorView())
                .add("methods", Json.createArrayBuilder()
                        .add(method("secret", null, "secret() -> string", Json.createArrayBuilder(),
                                returns("string", null), List.of("authenticated"), "code", true, false, "none"))
                        .add(visitorView().getJsonArray("methods").get(0)))
                .add("complete", true)
                .build();
    }

    private static JsonObjectBuilder method(String name, String doc, String signature, JsonArrayBuilder parameters,
                                            JsonObject returns, List<String> auth, String authSource,
                                            boolean callable, boolean builtin, String transfer) {
        JsonObjectBuilder method = Json.createObjectBuilder().add("name", name);
        if (doc == null) {
            method.addNull("doc");
        } else {
            method.add("doc", doc);
        }
        return method.add("signature", signature).add("parameters", parameters).add("returns", returns)
                .add("auth", Json.createArrayBuilder(auth)).add("authSource", authSource).add("callable", callable)
                .add("builtin", builtin).add("transfer", transfer);
    }

    private static JsonObjectBuilder parameter(String name, String type, boolean optional, String doc) {
        JsonObjectBuilder parameter = Json.createObjectBuilder().add("name", name).add("type", type)
                .add("schema", Json.createObjectBuilder().add("type", type)).add("optional", optional)
                .add("nullable", optional);
        return doc == null ? parameter.addNull("doc") : parameter.add("doc", doc);
    }

    private static JsonObject returns(String type, String doc) {
        JsonObjectBuilder returns = Json.createObjectBuilder().add("type", type)
                .add("schema", type.equals("null") ? Json.createObjectBuilder().add("type", "null").build()
                        : JsonValue.EMPTY_JSON_OBJECT);
        return (doc == null ? returns.addNull("doc") : returns.add("doc", doc)).build();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean withCertificate = hasCertificate(exchange);
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Accept"), withCertificate));
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, JEncode.error(0, "GET only here"));
                return;
            }
            switch (path) {
                case "/", "" -> ok(exchange, services());
                case "/Test/Described" -> ok(exchange, described());
                case "/Test/Visitor" -> ok(exchange, withCertificate ? memberView() : visitorView());
                case "/Test/Newer" -> ok(exchange, Json.createObjectBuilder(described())
                        .add("name", "Test/Newer").add("since", "2.0")
                        .add("methods", Json.createArrayBuilder().add(Json.createObjectBuilder(
                                described().getJsonArray("methods").getJsonObject(2)).add("deprecated", true)))
                        .build());
                case "/Test/Endless" -> endless(exchange);
                case "/Test/Declared" -> declared(exchange);
                case "/Test/Bomb" -> bomb(exchange);
                case "/Test/NotJson" -> sendText(exchange, 200, "text/html",
                        "<html><body>Welcome to nginx!</body></html>");
                case "/Test/NotDescription" -> ok(exchange, Json.createValue("a string, not a description"));
                case "/Test/Old" -> send(exchange, 405, JEncode.error(0, "HTTP method GET is not supported"));
                case "/Test/Slow" -> {
                    sleep(6000);
                    ok(exchange, described());
                }
                case "/Test/Private" -> {
                    if (withCertificate) {
                        ok(exchange, described());
                    } else {
                        send(exchange, 401, JEncode.error(13, "a certificate is needed"));
                    }
                }
                case "/Busy/Service" -> send(exchange, 503, JEncode.error(0, "Service temporarily unavailable"));
                default -> send(exchange, 404, JEncode.error(2, "Unknown service " + path.substring(1)));
            }
        }
    }

    /** "[[[[..." without end, chunked, until the client goes away (or 256 MiB, so that a broken test ends). */
    private static void endless(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) '[');
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 4096; i++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // the client stopped reading: what it should do
        }
    }

    /** A Content-Length of 1 GiB, and a first megabyte. */
    private static void declared(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 1L << 30);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[1 << 20]);
        } catch (IOException e) {
            // the client went away
        }
    }

    /** About 64 KiB of gzip that inflates to a 64 MiB JSON string. */
    private static void bomb(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"OK\": true, \"Value\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gzip.write(spaces);
            }
            gzip.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        sendBytes(exchange, 200, "application/json", zipped.toByteArray());
    }

    private static boolean hasCertificate(HttpExchange exchange) {
        try {
            return ((HttpsExchange) exchange).getSSLSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static void ok(HttpExchange exchange, JsonValue value) throws IOException {
        send(exchange, 200, Json.createObjectBuilder().add("OK", true).add("Value", value).build().toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        sendText(exchange, status, "application/json", json);
    }

    private static void sendText(HttpExchange exchange, int status, String type, String text) throws IOException {
        sendBytes(exchange, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
