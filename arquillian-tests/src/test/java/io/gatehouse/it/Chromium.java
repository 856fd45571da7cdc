package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol, holding one user's
 * certificate from the build's test PKI as a person's browser would: the certificate and key imported into a
 * private NSS database, the test CA trusted there (the server's certificate is verified, no error is ignored), and
 * the certificate chosen without a dialog by Chromium's managed policy {@code AutoSelectCertificateForUrls}.
 *
 * <p>Headless mode ({@code --headless=new}, the full browser without a window) honours that policy and presents the
 * certificate; no X server is needed. The managed policy is a file under {@value #POLICY_DIRECTORY}, the only place
 * Linux Chromium reads policies from, so the driver must run as root (as CI does); it removes the file on close.
 *
 * <p>Every wait is bounded and fails with what the page showed; {@link #close()} kills Chromium and its children.
 */
final class Chromium implements AutoCloseable {

    static final String POLICY_DIRECTORY = "/etc/chromium/policies/managed";
    private static final Path POLICY = Path.of(POLICY_DIRECTORY, "gatehouse-browser-test.json");
    private static final char[] PKCS12_PASSWORD = "changeit".toCharArray();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_MESSAGE_CHARS = 64 * 1024 * 1024;
    private static final int KEPT_LOG_LINES = 40;

    private final Process process;
    private final boolean ownsPolicy;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Deque<String> pageLog = new ArrayDeque<>();
    private final List<String> pageErrors = new ArrayList<>();

    private Chromium(Process process, boolean ownsPolicy, WebSocket socket) {
        this.process = process;
        this.ownsPolicy = ownsPolicy;
        this.socket = socket;
    }

    /**
     * Starts Chromium with its own profile and NSS database under {@code directory} (emptied first).
     *
     * @param origin      the server, {@code https://localhost:<port>}: the certificate is chosen for it alone
     * @param userPkcs12  the user's certificate and key (password {@code changeit}); null for a visitor's browser,
     *                    which holds no certificate
     * @param caPem       the CA that issued the server's and the user's certificates
     * @param caName      that CA's common name, by which the policy picks the certificate
     */
    static Chromium start(Path directory, String origin, Path userPkcs12, Path caPem, String caName)
            throws IOException, InterruptedException {
        Path executable = executable();
        deleteTree(directory);
        Path home = directory.resolve("home");
        Path nssDatabase = home.resolve(".pki/nssdb");
        Path profile = directory.resolve("profile");
        Files.createDirectories(nssDatabase);
        Files.createDirectories(profile);
        String database = "sql:" + nssDatabase;
        run(directory, home, "certutil", "-N", "--empty-password", "-d", database);
        if (userPkcs12 != null) {
            Path passwordFile = directory.resolve("pkcs12-password");
            Files.writeString(passwordFile, new String(PKCS12_PASSWORD));
            run(directory, home, "pk12util", "-i", userPkcs12.toString(), "-w", passwordFile.toString(),
                    "-d", database);
        }
        // "C,,": a CA trusted to issue server certificates, so that the server's certificate verifies.
        run(directory, home, "certutil", "-A", "-n", caName, "-t", "C,,", "-i", caPem.toString(), "-d", database);
        boolean ownsPolicy = userPkcs12 != null;
        if (ownsPolicy) {
            writePolicy(origin, caName);
        }

        Path log = directory.resolve("chromium.log");
        ProcessBuilder builder = new ProcessBuilder(executable.toString(),
                "--headless=new",
                // CI runs as root, where Chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--password-store=basic",
                "--window-size=1280,1000",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Chromium finds the NSS database in $HOME/.pki/nssdb.
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        try {
            int port = devToolsPort(process, profile.resolve("DevToolsActivePort"), log);
            URI page = pageSocket(port);
            Chromium browser = connect(process, ownsPolicy, page);
            browser.call("Page.enable", Json.createObjectBuilder());
            browser.call("Runtime.enable", Json.createObjectBuilder());
            browser.call("Log.enable", Json.createObjectBuilder());
            return browser;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            kill(process);
            if (ownsPolicy) {
                removePolicy();
            }
            throw e;
        }
    }

    private static Chromium connect(Process process, boolean ownsPolicy, URI page) throws InterruptedException {
        Inbox inbox = new Inbox();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(page, inbox)
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket " + page, e);
        }
        Chromium browser = new Chromium(process, ownsPolicy, socket);
        inbox.browser = browser;
        return browser;
    }

    /** Loads a URL and waits for its document to be complete; fails on a network or TLS error. */
    void navigate(String url) {
        JsonObject result = call("Page.navigate", Json.createObjectBuilder().add("url", url));
        if (result.containsKey("errorText")) {
            throw new AssertionError("Chromium could not load " + url + ": " + result.getString("errorText"));
        }
        waitFor("the document of " + url + " to be loaded", "document.readyState === 'complete'",
                Duration.ofSeconds(30));
    }

    /**
     * Evaluates a JavaScript expression in the page, waiting for a promise it returns, and gives its value as JSON
     * ({@link JsonValue#NULL} for undefined).
     */
    JsonValue evaluate(String expression) {
        JsonObject result = call("Runtime.evaluate", Json.createObjectBuilder()
                .add("expression", expression)
                .add("awaitPromise", true)
                .add("returnByValue", true)
                .add("timeout", COMMAND_TIMEOUT.toMillis()));
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("the script failed in the page: " + exceptionText(
                    result.getJsonObject("exceptionDetails")) + "\n  script: " + expression);
        }
        JsonObject remote = result.getJsonObject("result");
        return remote.containsKey("value") ? remote.get("value") : JsonValue.NULL;
    }

    /**
     * Polls the expression every 100 ms until its value is truthy (not null, false, 0 or ""), and returns it.
     *
     * @param what what is awaited, for the failure message
     */
    JsonValue waitFor(String what, String expression, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonValue value = evaluate(expression);
            if (truthy(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " in vain; the page"
                        + " shows:\n" + pageText() + "\n  page log:\n" + String.join("\n", pageLog()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Clicks the middle of the first element matching the CSS selector, as a mouse does. */
    void click(String selector) {
        JsonValue box = evaluate("(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'});"
                + " const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        if (box.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("nothing to click: no element matches " + selector);
        }
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Json.createObjectBuilder()
                    .add("type", type)
                    .add("x", box.asJsonObject().getJsonNumber("x").doubleValue())
                    .add("y", box.asJsonObject().getJsonNumber("y").doubleValue())
                    .add("button", "left")
                    .add("clickCount", 1));
        }
    }

    /** Replaces the value of the form field matching the selector with text typed by the keyboard. */
    void type(String selector, String text) {
        evaluate("(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " if (!e) throw new Error('no field matches ' + " + jsString(selector) + ");"
                + " e.focus(); e.select(); })()");
        call("Input.insertText", Json.createObjectBuilder().add("text", text));
    }

    /** A PNG of what the window shows (1280 x 1000), as a person would see it. */
    byte[] screenshot() {
        JsonObject result = call("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png"));
        return Base64.getDecoder().decode(result.getString("data"));
    }

    /**
     * The page's uncaught exceptions, console errors and the browser's errors about it (CSP violations among them)
     * so far; HTTP error statuses are not counted.
     */
    synchronized List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** The last lines the page logged (console, exceptions, the browser's own messages about the page). */
    synchronized List<String> pageLog() {
        return List.copyOf(pageLog);
    }

    /** Sends one DevTools command and waits for its result. */
    JsonObject call(String method, JsonObjectBuilder params) {
        int id = nextId.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String message = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params)
                .build().toString();
        try {
            socket.sendText(message, true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonObject answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.containsKey("error")) {
                throw new IllegalStateException("DevTools refused " + method + ": " + answer.get("error"));
            }
            return answer.getJsonObject("result");
        } catch (TimeoutException e) {
            throw new AssertionError("Chromium did not answer " + method + " within " + COMMAND_TIMEOUT.toSeconds()
                    + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DevTools connection failed during " + method, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            try {
                kill(process);
            } finally {
                if (ownsPolicy) {
                    removePolicy();
                }
            }
        }
    }

    private String pageText() {
        try {
            JsonValue text = evaluate("document.body ? document.body.innerText.slice(0, 2000) : ''");
            return text instanceof JsonString string ? string.getString() : String.valueOf(text);
        } catch (RuntimeException | AssertionError e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void received(String text) {
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        }
        if (message.containsKey("id")) {
            CompletableFuture<JsonObject> reply = pending.get(message.getInt("id"));
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.getString("method", "");
        JsonObject params = message.getJsonObject("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> logged(true, "exception: "
                    + exceptionText(params.getJsonObject("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> logged(params.getString("type").equals("error"), "console."
                    + params.getString("type") + ": " + consoleText(params.getJsonArray("args")));
            case "Log.entryAdded" -> {
                JsonObject entry = params.getJsonObject("entry");
                // A refused call's status is the browser's "network" error, and an expected reply here.
                logged(entry.getString("level").equals("error") && !entry.getString("source").equals("network"),
                        "browser " + entry.getString("source") + " "
                        + entry.getString("level") + ": " + entry.getString("text"));
            }
            default -> {
                // Other events are not needed.
            }
        }
    }

    private synchronized void logged(boolean error, String line) {
        if (error) {
            pageErrors.add(line);
        }
        pageLog.addLast(line);
        while (pageLog.size() > KEPT_LOG_LINES) {
            pageLog.removeFirst();
        }
    }

    private void disconnected(Throwable cause) {
        pending.values().forEach(reply -> reply.completeExceptionally(cause));
    }

    private static String consoleText(JsonArray args) {
        StringBuilder text = new StringBuilder();
        for (JsonValue arg : args) {
            JsonObject remote = arg.asJsonObject();
            text.append(remote.containsKey("value") ? remote.get("value").toString()
                    : remote.getString("description", remote.getString("type", ""))).append(' ');
        }
        return text.toString().trim();
    }

    private static String exceptionText(JsonObject details) {
        JsonObject exception = details.getJsonObject("exception");
        String description = exception == null ? null : exception.getString("description", null);
        return description != null ? description : details.getString("text", details.toString());
    }

    private static boolean truthy(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL, FALSE -> false;
            case STRING -> !((JsonString) value).getString().isEmpty();
            case NUMBER -> ((jakarta.json.JsonNumber) value).doubleValue() != 0;
            default -> true;
        };
    }

    /** A JavaScript string literal holding the text (JSON's string syntax is JavaScript's). */
    static String jsString(String text) {
        return Json.createValue(text).toString();
    }

    /**
     * Lets Chromium present the user's certificate to the server without asking: only for that origin, only a
     * certificate of the test CA.
     */
    private static void writePolicy(String origin, String caName) {
        String rule = Json.createObjectBuilder()
                .add("pattern", origin)
                .add("filter", Json.createObjectBuilder()
                        .add("ISSUER", Json.createObjectBuilder().add("CN", caName)))
                .build().toString();
        String policy = Json.createObjectBuilder()
                .add("AutoSelectCertificateForUrls", Json.createArrayBuilder().add(rule))
                .build().toString();
        try {
            Files.createDirectories(POLICY.getParent());
            Files.writeString(POLICY, policy);
        } catch (IOException e) {
            throw new AssertionError("cannot write Chromium's managed policy " + POLICY + " (the browser test runs"
                    + " as root, as CI does): " + e, e);
        }
    }

    private static void removePolicy() {
        try {
            Files.deleteIfExists(POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + POLICY, e);
        }
    }

    private static Path executable() {
        String configured = System.getProperty("gatehouse.it.chromium");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Chromium is not installed: the browser test needs Debian's chromium and"
                + " libnss3-tools (apt-get install chromium libnss3-tools; .ci/run installs them)");
    }

    /** Runs an NSS tool to its end, within bounds; its output goes to a log beside the profile. */
    private static void run(Path directory, Path home, String... command) throws IOException, InterruptedException {
        Path log = directory.resolve(command[0] + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HOME", home.toString());
        Process tool;
        try {
            tool = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is missing: the browser test needs Debian's libnss3-tools"
                    + " (.ci/run installs it)", e);
        }
        if (!tool.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + TOOL_TIMEOUT.toSeconds()
                    + " s");
        }
        if (tool.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + tool.exitValue() + "): "
                    + Files.readString(log));
        }
    }

    /** Chromium writes the port it chose, then the browser's path, into DevToolsActivePort once it listens. */
    private static int devToolsPort(Process process, Path portFile, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited (" + process.exitValue() + ") at start: " + tail(log));
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Chromium opened no DevTools port within " + START_TIMEOUT.toSeconds() + " s: "
                + tail(log));
    }

    /** The WebSocket of the tab Chromium opened at start. */
    private static URI pageSocket(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonArray targets;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                targets = reader.readArray();
            }
            for (JsonValue target : targets) {
                JsonObject description = target.asJsonObject();
                if (description.getString("type", "").equals("page")
                        && description.containsKey("webSocketDebuggerUrl")) {
                    return URI.create(description.getString("webSocketDebuggerUrl"));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Chromium shows no page to drive: " + targets);
            }
            Thread.sleep(100);
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Chromium process " + handle.pid() + " outlived its kill", e);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Gathers each DevTools message (it may come in parts) and hands it over. */
    private static final class Inbox implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile Chromium browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
                webSocket.abort();
                browser.disconnected(new IOException("a DevTools message over " + MAX_MESSAGE_CHARS + " chars"));
                return null;
            }
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                browser.received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            browser.disconnected(new IOException("DevTools closed the connection: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            browser.disconnected(error);
        }
    }
}
