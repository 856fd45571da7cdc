package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service browser page in a real headless Chromium that holds alice's certificate: the page lists the
 * services, describes {@code Framework/Hello} as the server does, calls {@code ping} through its form with the
 * browser's certificate, and shows a refusal with its reason. One Chromium serves every check of the class;
 * screenshots are written under {@code target/browser/}.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static final String ALICE_DN = "/C=ch/O=Gatehouse/OU=Users/CN=alice";
    private static final String TEST_CA = "Gatehouse Development CA";
    private static final String HELLO = "Framework/Hello";
    private static final String GUARDED = "Test/Guarded";
    private static final Duration WAIT = Duration.ofSeconds(20);
    // Beside the build's test PKI, in the module's target/.
    private static final Path OUTPUT = Caller.PKI.getParent().resolve("browser");
    private static final String SERVER = System.getProperty("gatehouse.it.server", "payara-micro");

    private static Chromium browser;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @BeforeAll
    static void startChromium() throws Exception {
        browser = Chromium.start(OUTPUT.resolve("chromium-" + SERVER), Caller.url("").toString(),
                Caller.PKI.resolve("users/alice/user.p12"), Caller.PKI.resolve("ca/ca.pem"), TEST_CA);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void thePageListsTheServicesAndShowsAliceAsTheCaller() throws Exception {
        browser.navigate(Caller.url("/").toString());
        browser.waitFor("Framework/Hello in the list of services",
                "document.querySelector('#services [data-service=\"Framework/Hello\"]')", WAIT);
        List<String> listed = strings(browser.evaluate("[...document.querySelectorAll('#services [data-service]')]"
                + ".map(e => e.dataset.service)"));
        assertEquals(serviceNames(), listed, "the page lists the server's services in its order");

        // alice's DN can only come from the certificate Chromium presented to the server.
        browser.waitFor("the caller's identity", "document.getElementById('caller').dataset.identity !== 'unknown'",
                WAIT);
        assertEquals("user", text("document.getElementById('caller').dataset.identity"));
        assertEquals(ALICE_DN, text("document.getElementById('caller').dataset.dn"));
        assertTrue(text("document.getElementById('caller').textContent").contains("dirac_user"));

        // The page ran under the policy the server sends with it.
        String policy = text("fetch('/', {headers: {Accept: 'text/html'}})"
                + ".then(r => r.headers.get('Content-Security-Policy'))");
        assertTrue(policy.startsWith("default-src 'none'"), policy);
        screenshot("services", "#caller");
    }

    @Test
    @Order(2)
    void aServiceShowsItsMethodsWithTheSignaturesTheServerGives() {
        browser.click("#services [data-service=\"Framework/Hello\"]");
        browser.waitFor("the methods of Framework/Hello", "document.querySelector('[data-method=\"sayHello\"]')"
                + " && document.querySelector('[data-method=\"ping\"]')", WAIT);
        assertEquals("#Framework/Hello", text("location.hash"), "the selection is a link to it");

        Map<String, String> shown = browser.evaluate("Object.fromEntries([...document.querySelectorAll("
                + "'[data-signature]')].map(e => [e.dataset.signature, e.textContent]))").asJsonObject()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> ((JsonString) entry.getValue()).getString()));
        Map<String, String> described = describe(HELLO).getJsonArray("methods").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(m -> m.getString("name"), m -> m.getString("signature")));
        assertEquals(described, shown, "each method of the description, with its signature");
        assertTrue(shown.get("sayHello").startsWith("sayHello("), shown.get("sayHello"));
        assertTrue(shown.get("ping").startsWith("ping("), shown.get("ping"));
    }

    @Test
    @Order(3)
    void pingCalledThroughItsFormRepliesWithThePingValue() throws Exception {
        browser.type("[data-args=\"ping\"]", "[]");
        browser.click("[data-call=\"ping\"]");
        browser.waitFor("the reply of ping", "document.querySelector('[data-reply=\"ping\"]').dataset.status", WAIT);
        assertEquals("200", text("document.querySelector('[data-reply=\"ping\"]').dataset.status"));
        assertEquals("ok", text("document.querySelector('[data-reply=\"ping\"]').dataset.outcome"));
        JsonObject shown = parse(text("document.querySelector('[data-reply=\"ping\"] [data-value]').textContent"));
        assertEquals(HELLO, shown.getString("name"));
        assertTrue(shown.keySet().containsAll(List.of("version", "time", "service uptime")), shown.toString());

        Path png = screenshot("ping", "[data-method=\"ping\"]");
        assertTrue(Files.size(png) > 20_000, "a screenshot of the page, not a blank one: " + Files.size(png));
    }

    @Test
    @Order(4)
    void aMethodAliceMayNotCallShowsTheRefusalAndItsReason() throws Exception {
        // A link straight to the service, as a person would bookmark it, loaded afresh (from the page already shown,
        // only its fragment would change).
        browser.navigate("about:blank");
        browser.navigate(Caller.url("/#" + GUARDED).toString());
        browser.waitFor("the methods of Test/Guarded", "document.querySelector('[data-call=\"admins\"]')", WAIT);
        assertEquals("false", text("document.querySelector('[data-method=\"admins\"] [data-callable]')"
                + ".dataset.callable"));
        JsonObject admins = describe(GUARDED).getJsonArray("methods").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("name").equals("admins")).findFirst().orElseThrow();
        assertEquals(String.join(", ", admins.getJsonArray("auth").getValuesAs(JsonString::getString)),
                text("document.querySelector('[data-auth=\"admins\"]').textContent"), "the effective rule");

        browser.click("[data-call=\"admins\"]");
        browser.waitFor("the reply of admins", "document.querySelector('[data-reply=\"admins\"]').dataset.status",
                WAIT);
        Reply direct = Caller.user("alice").call(GUARDED, "admins", "[]");
        assertEquals(403, direct.status());
        assertEquals("403", text("document.querySelector('[data-reply=\"admins\"]').dataset.status"));
        assertEquals("error", text("document.querySelector('[data-reply=\"admins\"]').dataset.outcome"));
        assertEquals("HTTP 403 · S_ERROR (Errno 13)",
                text("document.querySelector('[data-reply=\"admins\"] [data-summary]').textContent"));
        assertEquals(direct.message(), text("document.querySelector('[data-reply=\"admins\"] [data-value]')"
                + ".textContent"), "the page shows the refusal's reason");
        assertTrue(direct.message().contains("No access to Test/Guarded.admins"), direct.message());
        screenshot("refused", "[data-reply=\"admins\"]");
    }

    @Test
    @Order(5)
    void argumentsThatAreNotAJsonArrayAreNotSent() {
        browser.type("[data-args=\"open\"]", "{\"not\": \"an array\"}");
        browser.click("[data-call=\"open\"]");
        browser.waitFor("the page's refusal", "document.querySelector('[data-reply=\"open\"]').dataset.status",
                WAIT);
        assertEquals("not-sent", text("document.querySelector('[data-reply=\"open\"]').dataset.status"));
        assertTrue(text("document.querySelector('[data-reply=\"open\"]').textContent").contains("JSON array"));
    }

    @Test
    @Order(6)
    void aServiceWithStableConnectionsShowsItsMessages() {
        browser.click("#services [data-service=\"Test/Board\"]");
        browser.waitFor("the messages of Test/Board", "document.querySelector('[data-message]')", WAIT);
        List<String> shown = strings(browser.evaluate("[...document.querySelectorAll('[data-message]')]"
                + ".map(e => e.dataset.message + ' ' + e.textContent)"));
        List<String> described = describe("Test/Board").getJsonArray("messages").stream()
                .map(JsonValue::asJsonObject).map(m -> m.getString("name")).toList();
        assertEquals(described, shown.stream().map(row -> row.substring(0, row.indexOf(' '))).toList());
        String post = shown.stream().filter(row -> row.startsWith("Post ")).findFirst().orElseThrow();
        assertTrue(post.contains("text: string") && post.contains("clients send it"), post);
    }

    @Test
    @Order(7)
    void thePageRanWithoutAScriptErrorOrAPolicyViolation() {
        assertEquals(List.of(), browser.pageErrors());
    }

    @Test
    @Order(8)
    void aVisitorIsToldSoAndSeesOnlyTheMethodsItMayCall() throws Exception {
        try (Chromium visitor = Chromium.start(OUTPUT.resolve("chromium-visitor-" + SERVER),
                Caller.url("").toString(), null, Caller.PKI.resolve("ca/ca.pem"), TEST_CA)) {
            visitor.navigate(Caller.url("/#" + GUARDED).toString());
            visitor.waitFor("the visitor's identity", "document.getElementById('caller').dataset.identity"
                    + " !== 'unknown' && document.querySelector('[data-method=\"open\"]')", WAIT);
            assertEquals(JsonValue.TRUE, visitor.evaluate("document.getElementById('caller').dataset.identity"
                    + " === 'visitor' && !document.getElementById('caller').dataset.dn"));
            assertEquals(JsonValue.TRUE, visitor.evaluate("!!document.querySelector('[data-incomplete]')"),
                    "the page says that methods are hidden");
            assertEquals(JsonValue.TRUE, visitor.evaluate("!document.querySelector('[data-method=\"admins\"]')"),
                    "a method the visitor may not call is not shown");
            assertEquals(List.of(), visitor.pageErrors());
        }
    }

    /** Shows the element in the middle of the window and writes a screenshot of the window. */
    private static Path screenshot(String name, String selector) throws Exception {
        browser.evaluate("document.querySelector(" + Chromium.jsString(selector)
                + ").scrollIntoView({block: 'center'})");
        byte[] png = browser.screenshot();
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(png, signature.length), "a PNG");
        Files.createDirectories(OUTPUT);
        Path file = OUTPUT.resolve(SERVER + "-" + name + ".png");
        Files.write(file, png);
        return file;
    }

    /** The service's description as the server gives it to alice. */
    private static JsonObject describe(String service) {
        return Caller.user("alice").send(HttpRequest.newBuilder(Caller.url("/" + service))
                .header("Accept", "application/json").GET()).value().asJsonObject();
    }

    private static List<String> serviceNames() {
        JsonObject listing = Caller.user("alice").send(HttpRequest.newBuilder(Caller.url("/"))
                .header("Accept", "application/json").GET()).value().asJsonObject();
        return listing.getJsonArray("services").stream()
                .map(service -> service.asJsonObject().getString("name")).toList();
    }

    private static String text(String expression) {
        JsonValue value = browser.evaluate(expression);
        if (!(value instanceof JsonString string)) {
            throw new AssertionError("expected text from " + expression + ", got " + value);
        }
        return string.getString();
    }

    private static List<String> strings(JsonValue array) {
        return array.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
