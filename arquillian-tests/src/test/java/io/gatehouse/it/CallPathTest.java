package io.gatehouse.it;

import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order of a call's steps and what each guarantees, on the real server: the rule is checked before any argument
 * is read, every exported method a call reaches is checked against its own rule, null is refused where a parameter
 * does not take it, the container knows the caller, and a credential that stops being valid stops working on the
 * connection it came in on.
 */
@ExtendWith(ArquillianExtension.class)
class CallPathTest {

    private static final String GUARDED = "Test/Guarded";
    private static final String RELAY = "Test/Relay";
    private static final String HELLO = "Framework/Hello";
    private static final String ALICE = "/C=ch/O=Gatehouse/OU=Users/CN=alice";
    /** Words that would tell a refused caller something about a method's parameters. */
    private static final List<String> SIGNATURE_WORDS = List.of("int", "String", "string", "integer", "argument",
            "expected", "takes", "count", "label");

    private final Caller alice = Caller.user("alice");
    private final Caller bob = Caller.user("bob");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void aVisitorCallingAGuardedMethodWithWrongArgumentsIsRefusedWithoutAWordOfItsParameters() {
        for (String args : List.of("[\"not a number\", {\"x\": 1}]", "[]", "[1, 2, 3, 4]", "not json")) {
            Reply reply = Caller.visitor().call(GUARDED, "countFor", args);
            assertEquals(401, reply.status(), reply.toString());
            assertRefusedWithoutSignature(reply);
        }
        // Registered, but in no group: not authenticated as anybody's member.
        Reply mallory = Caller.user("mallory").call(GUARDED, "countFor", "[\"x\"]");
        assertEquals(401, mallory.status(), mallory.toString());
        assertRefusedWithoutSignature(mallory);
    }

    @Test
    void aRegisteredUserWithoutTheRightIsRefusedWithoutAWordOfItsParameters() {
        for (String args : List.of("[\"three\"]", "[]", "[{\"deep\": [[[]]]}, 2]")) {
            Reply reply = alice.call(GUARDED, "adminCount", args);
            assertEquals(403, reply.status(), reply.toString());
            assertRefusedWithoutSignature(reply);
            assertTrue(reply.message().toLowerCase().contains("serviceadministrator"), reply.message());
        }
        // The same method with good arguments and the right: called.
        assertEquals("admin count 3", bob.call(GUARDED, "adminCount", "[3]").value().toString().replace("\"", ""));
        // And with bad arguments once allowed: now the caller learns what is expected.
        Reply badArguments = bob.call(GUARDED, "adminCount", "[\"three\"]");
        assertEquals(400, badArguments.status());
        assertTrue(badArguments.message().startsWith("argument 1 (count) of adminCount: expected"),
                badArguments.message());
    }

    @Test
    void aHandlerCallingAnotherHandlersMethodIsCheckedAgainstThatMethodsOwnRule() {
        Reply refused = alice.call(RELAY, "adminsThroughRelay", "[]");
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("Test/Guarded.admins"), refused.message());
        assertTrue(refused.message().toLowerCase().contains("serviceadministrator"), refused.message());

        Reply visitor = Caller.visitor().call(RELAY, "adminsThroughRelay", "[]");
        assertEquals(401, visitor.status(), visitor.toString());
        assertTrue(visitor.message().contains("Test/Guarded.admins"), visitor.message());

        assertEquals("relayed admin bob", bob.call(RELAY, "adminsThroughRelay", "[]").value().toString()
                .replace("\"", ""));
        assertEquals("relayed open to alice", alice.call(RELAY, "openThroughRelay", "[]").value().toString()
                .replace("\"", ""));
    }

    @Test
    void nullForAParameterThatDoesNotTakeItIs400NamingIt() {
        Reply hello = alice.call(HELLO, "sayHello", "[null]");
        assertEquals(400, hello.status(), hello.toString());
        assertEquals("argument 1 (name) of sayHello must not be null", hello.message());

        Reply primitive = alice.call("Test/Types", "increment", "[null]");
        assertEquals(400, primitive.status(), primitive.toString());
        assertTrue(primitive.message().endsWith("must not be null"), primitive.message());

        // echo declares that it takes null.
        Reply echo = alice.call(HELLO, "echo", "[null]");
        assertEquals(200, echo.status(), echo.toString());
        assertEquals(JsonValue.NULL, echo.value());
    }

    @Test
    void theContainerKnowsTheCallerAndTheirGroupAsARole() {
        JsonObject view = alice.call(GUARDED, "containerView", "[]").value().asJsonObject();
        assertEquals(ALICE, view.getString("principal"));
        assertEquals(ALICE, view.getString("securityPrincipal"));
        assertTrue(view.getBoolean("requestInGroup"), view.toString());
        assertTrue(view.getBoolean("securityInGroup"), view.toString());
        assertFalse(view.getBoolean("requestInOtherGroup"), view.toString());

        // @RolesAllowed on a handler method is the container's check of the same roles.
        Reply refused = alice.call(GUARDED, "adminRole", "[]");
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("@RolesAllowed"), refused.message());
        assertEquals("role holder bob", bob.call(GUARDED, "adminRole", "[]").value().toString().replace("\"", ""));
    }

    @Test
    void textsEchoedFromTheRequestAreCut() {
        Reply reply = alice.call(HELLO, "m".repeat(200_000), "[]");
        assertEquals(501, reply.status(), reply.status() + " " + reply.text().length());
        assertTrue(reply.message().length() < 400, "a reply of " + reply.message().length() + " characters");
        assertTrue(reply.message().contains("199900 more characters"), reply.message());
    }

    @Test
    void containerErrorsAreSErrorsToo() {
        for (String path : List.of("/WEB-INF/web.xml", "/WEB-INF/beans.xml", "/META-INF/MANIFEST.MF", "/Nope/Nothing",
                "/Framework/Hello/more", "/", "/Framework")) {
            for (String verb : List.of("GET", "POST")) {
                if (path.equals("/") && verb.equals("GET")) {
                    continue; // the service list (DescriptionTest)
                }
                Reply reply = alice.send(HttpRequest.newBuilder(Caller.url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(verb, verb.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("method=ping")));
                assertSError(verb + " " + path, reply);
                assertTrue(reply.status() == 404 || reply.status() == 405, verb + " " + path + ": " + reply);
            }
        }
        for (String type : List.of("garbage", "text/garbage", "application/json", "multipart/form-data")) {
            Reply garbageType = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("method=ping")));
            assertSError("Content-Type " + type, garbageType);
            assertTrue(garbageType.status() >= 400 && garbageType.status() < 500, type + ": " + garbageType);
        }
    }

    @Test
    void aRevokedCredentialIsRefusedOnTheNextCallOverAKeptConnection(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.load();
        // A second certificate with alice's DN: registered, so the server knows who it is before and after.
        IssuedCredential user = ca.issueUser("C=ch,O=Gatehouse,OU=Users,CN=alice");
        Caller kept = Caller.keyStore(TestCa.keyStore(dir, "alice-again", user));
        assertEquals(ALICE, kept.call(HELLO, "whoami", "[]").value().asJsonObject().getString("DN"));

        Instant replaced = Instant.now();
        ca.revoke(user);

        Reply refused = null;
        while (refused == null && Duration.between(replaced, Instant.now()).toSeconds() < 20) {
            Reply reply = kept.call(HELLO, "ping", "[]");
            if (reply.status() == 401) {
                refused = reply;
            } else {
                assertEquals(200, reply.status(), reply.toString());
                Thread.sleep(200);
            }
        }
        assertNotNull(refused, "the revoked certificate still worked over its connection 20 s after the CRL changed");
        assertTrue(refused.message().contains("no longer accepted"), refused.message());
        assertTrue(refused.message().toLowerCase().contains("revoked"), refused.message());
        System.out.println("CallPathTest: a revoked certificate was refused on its kept connection "
                + Duration.between(replaced, Instant.now()).toMillis() + " ms after the CRL changed");
        // Everyone else goes on.
        assertEquals(200, alice.call(HELLO, "ping", "[]").status());
    }

    @Test
    void anExpiredProxyIsRefusedOnTheNextCallOverAKeptConnection(@TempDir Path dir) throws Exception {
        IssuedCredential user = TestCa.load().issueUser("C=ch,O=Gatehouse,OU=Users,CN=bob");
        IssuedCredential proxy = new ProxyIssuer().issue(user, ProxyOptions.rfc3820().lifetime(Duration.ofSeconds(6)));
        Instant expiry = proxy.certificate().getNotAfter().toInstant();
        Caller kept = Caller.keyStore(TestCa.keyStore(dir, "short-proxy", proxy));
        JsonObject before = kept.call(HELLO, "whoami", "[]").value().asJsonObject();
        assertTrue(before.getBoolean("isProxy"));
        assertTrue(before.getJsonNumber("secondsLeft").longValue() <= 6, before.toString());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1500);
        Reply after = kept.call(HELLO, "ping", "[]");
        assertEquals(401, after.status(), after.toString());
        assertTrue(after.message().contains("expired"), after.message());
    }

    private static void assertRefusedWithoutSignature(Reply reply) {
        assertFalse(reply.ok());
        assertEquals(13, reply.errno());
        String message = reply.message();
        assertTrue(message.contains("No access to Test/Guarded."), message);
        String reason = message.substring(message.indexOf(':', message.indexOf("No access")) + 1);
        for (String word : SIGNATURE_WORDS) {
            assertFalse(reason.contains(word), "'" + word + "' in " + message);
        }
        assertFalse(message.contains("expected"), message);
        assertFalse(message.contains("argument"), message);
    }

    private static void assertSError(String what, Reply reply) {
        String type = reply.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), what + ": " + type + " " + reply);
        JsonObject json = reply.json();
        assertFalse(json.getBoolean("OK"), what);
        assertTrue(json.getString("Message").length() > 10, what + ": " + json);
        assertFalse(reply.text().contains("Exception"), what + ": " + reply);
        assertFalse(reply.text().contains("<html"), what + ": " + reply);
    }
}
