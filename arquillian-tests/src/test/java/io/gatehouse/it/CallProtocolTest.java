package io.gatehouse.it;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire contract of PROTOCOL.md §2 to §6 against the real WAR in Payara Micro: routes, form fields, the
 * status table with its S_ERROR bodies, compression, and the built-in methods.
 */
@ExtendWith(ArquillianExtension.class)
class CallProtocolTest {

    private static final String HELLO = "Framework/Hello";

    private final Caller alice = Caller.user("alice");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void helloAnswersWithTheConfiguredGreeting() {
        Reply reply = alice.call(HELLO, "sayHello", "[\"world\"]");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        assertEquals("Salut, world!", reply.json().getString("Value"));
        assertEquals("Salut, alice!", alice.call(HELLO, "sayHello", "[\"\"]").json().getString("Value"));
    }

    @Test
    void pingHasExactlyDiracsKeys() {
        JsonObject value = alice.call(HELLO, "ping", "[]").value().asJsonObject();
        assertEquals(Set.of("version", "time", "host uptime", "service start time", "service uptime", "load", "name",
                "cpu times"), value.keySet());
        assertEquals(HELLO, value.getString("name"));
        assertEquals("dt", value.getJsonObject("time").getString("__dCls"));
        assertTrue(value.getJsonObject("time").getString("obj").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("dt", value.getJsonObject("service start time").getString("__dCls"));
        assertTrue(value.getJsonNumber("host uptime").isIntegral());
        assertTrue(value.getJsonNumber("service uptime").longValue() >= 0);
        assertTrue(value.getString("load").matches("\\d+\\.\\d+ \\d+\\.\\d+ \\d+\\.\\d+"), value.getString("load"));
        assertEquals(Set.of("user time", "system time", "children user time", "children system time",
                "elapsed real time"), value.getJsonObject("cpu times").keySet());
    }

    @Test
    void echoReturnsTaggedValuesUnchanged() {
        String args = "[{\"when\": {\"__dCls\": \"dt\", \"obj\": \"2024-02-29 23:59:58\"},"
                + " \"day\": {\"__dCls\": \"date\", \"obj\": \"2024-03-01\"},"
                + " \"bytes\": {\"__dCls\": \"b64\", \"obj\": \"AAEC/w==\"},"
                + " \"list\": [1, 2.5, \"three\", null, true], \"nested\": {\"a\": {\"b\": []}}}]";
        JsonObject value = alice.call(HELLO, "echo", args).value().asJsonObject();
        assertEquals("2024-02-29 23:59:58", value.getJsonObject("when").getString("obj"));
        assertEquals("dt", value.getJsonObject("when").getString("__dCls"));
        assertEquals("2024-03-01", value.getJsonObject("day").getString("obj"));
        assertEquals("AAEC/w==", value.getJsonObject("bytes").getString("obj"));
        assertEquals("[1,2.5,\"three\",null,true]", value.getJsonArray("list").toString());
        assertEquals("{\"a\":{\"b\":[]}}", value.getJsonObject("nested").toString());
    }

    @Test
    void unknownMethodIs501WithEnosys() {
        Reply reply = alice.call(HELLO, "noSuchMethod", "[]");
        assertEquals(501, reply.status());
        assertFalse(reply.ok());
        assertEquals(38, reply.errno());
        assertTrue(reply.message().contains("noSuchMethod is not implemented"), reply.message());
    }

    @Test
    void otherVerbsAre405WithAnSError() {
        // GET describes the service (DescriptionTest); every other verb but POST is refused.
        for (String verb : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS"}) {
            Reply reply = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                    .method(verb, HttpRequest.BodyPublishers.noBody()));
            assertEquals(405, reply.status(), verb + ": " + reply);
            assertFalse(reply.ok(), verb);
            assertTrue(reply.message().contains("POST"), verb + ": " + reply.message());
            assertEquals("GET, POST", reply.header("Allow"), verb + ": " + reply.headers());
        }
    }

    @Test
    void unknownPathsAre404WithAnSError() {
        for (String path : new String[] {"/Framework/Nothing", "/Nothing/Hello", "/Framework",
                "/Framework/Hello/extra", "/Framework/Hello/"}) {
            Reply reply = alice.post(path, "method", "ping");
            assertEquals(404, reply.status(), path + ": " + reply);
            assertFalse(reply.ok(), path);
            assertFalse(reply.message().isBlank(), path);
        }
        // "/" is the service list, which is read with GET.
        Reply root = alice.post("/", "method", "ping");
        assertEquals(405, root.status(), root.toString());
        assertFalse(root.ok());
    }

    @Test
    void missingOrEmptyMethodIs400() {
        for (Reply reply : new Reply[] {alice.post("/" + HELLO, "args", "[]"), alice.post("/" + HELLO, "method", ""),
                alice.post("/" + HELLO)}) {
            assertEquals(400, reply.status(), reply.toString());
            assertTrue(reply.message().contains("method"), reply.message());
        }
    }

    @Test
    void argsThatAreNotAJsonArrayAre400() {
        Reply notJson = alice.call(HELLO, "echo", "[1, 2");
        assertEquals(400, notJson.status());
        assertTrue(notJson.message().contains("args"), notJson.message());
        Reply notArray = alice.call(HELLO, "echo", "{\"a\": 1}");
        assertEquals(400, notArray.status());
        assertTrue(notArray.message().contains("array"), notArray.message());
    }

    @Test
    void badUtf8Is400() {
        Reply reply = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("method=echo&args=%5B%22%FF%FE%22%5D")));
        assertEquals(400, reply.status());
        assertTrue(reply.message().contains("UTF-8"), reply.message());
    }

    @Test
    void anExceptionIs500WithoutItsText() {
        Reply reply = alice.call("Test/Types", "crash", "[]");
        assertEquals(500, reply.status());
        assertFalse(reply.ok());
        assertFalse(reply.text().contains("hunter2"), reply.text());
        assertFalse(reply.text().contains("IllegalStateException"), reply.text());
        assertFalse(reply.text().contains("at io.gatehouse"), reply.text());
        assertTrue(reply.message().contains("incident"), reply.message());
    }

    @Test
    void aResultThatCannotBeEncodedIs500() {
        Reply reply = alice.call("Test/Types", "unencodable", "[]");
        assertEquals(500, reply.status(), reply.toString());
        assertFalse(reply.ok());
    }

    @Test
    void serviceErrorsAre200WithDiracsMessageFormat() {
        Reply refused = alice.call("Test/Types", "refuse", "[]");
        assertEquals(200, refused.status());
        assertFalse(refused.ok());
        assertEquals(2, refused.errno());
        assertEquals("No such file or directory ( 2 : no such thing)", refused.message());

        Reply declined = alice.call("Test/Types", "declined", "[]");
        assertEquals(200, declined.status());
        assertEquals(0, declined.errno());
        assertEquals("declined politely", declined.message());

        assertEquals("42", alice.call("Test/Types", "answered", "[]").value().toString());
    }

    @Test
    void theLastOfRepeatedFieldsWinsAndDiracsExtraFieldsAreIgnored() {
        Reply reply = alice.post("/" + HELLO, "method", "noSuchMethod", "method", "echo", "args", "[1]",
                "args", "[\"last\"]", "clientVO", "gatehouse", "clientSetup", "Production");
        assertEquals("last", reply.json().getString("Value"));
    }

    @Test
    void gzipRequestBodiesAreAccepted() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(Caller.form("method", "echo", "args", "[\"compressed\"]").getBytes(StandardCharsets.UTF_8));
        }
        Reply reply = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
        assertEquals("compressed", reply.json().getString("Value"));

        Reply broken = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("method=echo")));
        assertEquals(400, broken.status(), broken.toString());
    }

    @Test
    void largeRepliesAreGzippedOnlyWhenAccepted() {
        String form = Caller.form("method", "repeat", "args", "[\"abc\", 1000]");
        Reply zipped = alice.send(HttpRequest.newBuilder(Caller.url("/Test/Types"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals("gzip", zipped.header("Content-Encoding"));
        assertEquals("Accept-Encoding", zipped.header("Vary"));
        assertEquals("abc".repeat(1000), zipped.json().getString("Value"));

        Reply plain = alice.send(HttpRequest.newBuilder(Caller.url("/Test/Types"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertNull(plain.header("Content-Encoding"));
        assertEquals("Accept-Encoding", plain.header("Vary"), "the same reply is gzipped for others");
        assertEquals("abc".repeat(1000), plain.json().getString("Value"));

        Reply small = alice.send(HttpRequest.newBuilder(Caller.url("/Test/Types"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(Caller.form("method", "repeat", "args", "[\"abc\", 2]"))));
        assertNull(small.header("Content-Encoding"));
        assertNull(small.header("Vary"), "a reply too short to compress is the same for every Accept-Encoding");
    }

    @Test
    void rawContentSendsStringsAndBytesAsOctetStream() {
        Reply text = alice.post("/Test/Types", "method", "repeat", "args", "[\"xyz\", 3]", "rawContent", "True");
        assertEquals(200, text.status());
        assertTrue(text.header("Content-Type").startsWith("application/octet-stream"), text.header("Content-Type"));
        assertEquals("xyzxyzxyz", text.text());

        Reply bytes = alice.post("/Test/Types", "method", "reverse", "args",
                "[{\"__dCls\": \"b64\", \"obj\": \"AQID\"}]", "rawContent", "1");
        assertArrayEquals(new byte[] {3, 2, 1}, bytes.body());
    }

    @Test
    void multipartFormsAreAccepted() {
        String boundary = "gatehouse-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"method\"\r\n\r\necho\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"args\"\r\n\r\n[\"multi\"]\r\n"
                + "--" + boundary + "--\r\n";
        Reply reply = alice.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals("multi", reply.json().getString("Value"), reply.toString());
    }
}
