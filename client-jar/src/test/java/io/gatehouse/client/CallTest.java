package io.gatehouse.client;

import io.gatehouse.api.Errors;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.gatehouse.testpki.DevPki;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls and replies: S_OK/S_ERROR, status mappings, arguments, gzip, typed clients, concurrency. */
class CallTest {

    @TempDir
    static Path pki;

    static FakeGatehouse server;
    static GatehouseClient client;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        server = FakeGatehouse.start(pki);
        url = server.url("/Framework/Hello");
        client = GatehouseClient.builder()
                .url(url)
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void sOkGivesTheValue() {
        CallResult result = client.call("sayHello", "world");
        assertTrue(result.ok(), result::toString);
        assertEquals("Hello, world!", result.value(String.class));
        assertEquals("Hello, world!", result.decodedValue());
        assertEquals(0, result.errno());
        assertEquals("", result.message());
        assertEquals(200, result.httpStatus());
        assertEquals(url, result.url().toString());
        assertSame(result, result.orThrow());
        assertEquals("sayHello", server.last().method());
        assertEquals("[\"world\"]", server.last().args());
    }

    @Test
    void sErrorOfTheServiceIsAResultNotAnException() {
        CallResult result = client.call("fail");
        assertFalse(result.ok());
        assertEquals(1111, result.errno());
        assertEquals("Unauthorized query ( 1111 : Unauthorized query)", result.message());
        assertEquals(200, result.httpStatus());
        assertEquals(JsonValue.NULL, result.value());
        IllegalStateException noValue = assertThrows(IllegalStateException.class, () -> result.value(String.class));
        assertTrue(noValue.getMessage().contains("Unauthorized query"), noValue.getMessage());
        assertThrows(IllegalStateException.class, result::decodedValue);
        CallException thrown = assertThrows(CallException.class, result::orThrow);
        assertEquals(1111, thrown.errno());
        assertEquals(200, thrown.httpStatus());
    }

    @Test
    void noArgumentsIsAnEmptyArray() {
        client.call("args");
        assertEquals("[]", server.last().args());
        client.call("args", (Object) null);
        assertEquals("[null]", server.last().args());
    }

    @Test
    void argumentsAndValuesTravelInJEncode() {
        LocalDateTime when = LocalDateTime.of(2024, 5, 17, 12, 30, 45);
        LocalDate day = LocalDate.of(2024, 5, 17);
        byte[] bytes = {0, 1, 2, (byte) 255};
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1);
        map.put("list", List.of("a", "b"));
        CallResult result = client.call("args", when, day, bytes, map, "é & = +", 3.5, true);
        assertTrue(result.ok(), result::toString);
        JsonArray sent = JEncode.parseArgs(server.last().args());
        assertEquals("dt", sent.getJsonObject(0).getString("__dCls"));
        assertEquals("2024-05-17 12:30:45", sent.getJsonObject(0).getString("obj"));
        assertEquals("date", sent.getJsonObject(1).getString("__dCls"));
        assertEquals("b64", sent.getJsonObject(2).getString("__dCls"));
        assertEquals("é & = +", sent.getString(4));

        record Everything(LocalDateTime when, LocalDate day, byte[] bytes, Map<String, Object> map, String text,
                          double number, boolean flag) {
        }
        // The value comes back with its tags and binds to Java types the server's way.
        @SuppressWarnings("unchecked")
        List<Object> decoded = (List<Object>) result.decodedValue();
        assertEquals(when, decoded.get(0));
        assertEquals(day, decoded.get(1));
        assertArrayEquals(bytes, (byte[]) decoded.get(2));
        assertEquals(when, JEncode.bind(result.value().asJsonArray().get(0), LocalDateTime.class));
        assertArrayEquals(bytes, client.call("echo", (Object) bytes).value(byte[].class));
        assertEquals(day, client.call("echo", day).value(LocalDate.class));
        assertEquals(7, (int) client.call("echo", 7).value(int.class));
        assertEquals(map, client.call("echo", map).decodedValue());
    }

    @Test
    void aValueThatDoesNotFitTheTypeIsAnArgumentException() {
        CallResult result = client.call("echo", "text");
        assertThrows(ArgumentException.class, () -> result.value(Integer.class));
    }

    @ParameterizedTest(name = "HTTP {0} gives errno {2}")
    @CsvSource({
            "401, 0, 13, No access to",
            "403, 0, 13, No access to",
            "501, 0, 38, HTTP 501 from",
            "500, 1234, 1234, HTTP 500 from",
            "400, 22, 22, HTTP 400 from",
            "405, 0, 0, HTTP 405 from",
    })
    void statusMapping(int status, int serverErrno, int errno, String text) {
        CallResult result = client.call("status", status, serverErrno, "server says " + status);
        assertFalse(result.ok());
        assertEquals(errno, result.errno(), result::toString);
        assertEquals(status, result.httpStatus());
        assertTrue(result.message().contains(text), result.message());
        assertTrue(result.message().contains("server says " + status), result.message());
        if (status == 401 || status == 403) {
            assertEquals("No access to " + url + ": server says " + status, result.message());
        } else {
            assertTrue(result.message().contains(url), result.message());
        }
        assertEquals(1, server.count("status"), "called once, not retried");
    }

    @Test
    void unknownMethodIsEnosys() {
        CallResult result = client.call("noSuchMethod");
        assertEquals(Errors.ENOSYS, result.errno());
        assertEquals(501, result.httpStatus());
        assertTrue(result.message().contains("noSuchMethod is not implemented"), result.message());
    }

    @Test
    void aBodyThatIsNotJsonGivesErrnoZeroWithStatusAndUrl() {
        CallResult result = client.call("raw", 502, "<html><body>Bad gateway</body></html>");
        assertFalse(result.ok());
        assertEquals(0, result.errno());
        assertEquals(502, result.httpStatus());
        assertTrue(result.message().contains("HTTP 502 from " + url), result.message());
        assertTrue(result.message().contains("Bad gateway"), result.message());

        CallResult notStructured = client.call("raw", 200, "<html>hello</html>");
        assertFalse(notStructured.ok());
        assertEquals(0, notStructured.errno());
        assertTrue(notStructured.message().contains("not DIRAC's S_OK/S_ERROR"), notStructured.message());

        CallResult unauthorized = client.call("raw", 401, "go away");
        assertEquals(Errors.EACCES, unauthorized.errno());
        assertEquals("No access to " + url + ": HTTP 401", unauthorized.message());
    }

    @Test
    void gzipRepliesAreInflated() {
        CallResult big = client.call("big", 50_000);
        assertTrue(big.ok(), big::toString);
        assertEquals("x".repeat(50_000), big.value(String.class));
        assertTrue(server.last().gzipped(), "the server gzipped the reply because the client accepts gzip");

        CallResult small = client.call("big", 10);
        assertEquals("x".repeat(10), small.value(String.class));
        assertFalse(server.last().gzipped());
    }

    @Test
    void oneClientServesConcurrentCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "caller-" + i;
                futures.add(pool.submit(() -> client.call("sayHello", name).orThrow().value(String.class)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals("Hello, caller-" + i + "!", futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, server.count("sayHello"));
    }

    @Test
    void illegalUseThrows() {
        assertThrows(IllegalArgumentException.class, () -> client.call(""));
        assertThrows(NullPointerException.class, () -> client.call(null));
        assertThrows(IllegalArgumentException.class, () -> client.call("echo", Double.NaN));
        assertEquals(0, server.calls().size());
    }

    @Test
    void aClosedClientRefusesCalls() throws Exception {
        GatehouseClient closing = GatehouseClient.builder().url(url)
                .trust(ClientTrust.caDirectory(pki.resolve("certificates"))).build();
        assertTrue(closing.call("sayHello", "x").ok());
        closing.close();
        closing.close();
        assertThrows(IllegalStateException.class, () -> closing.call("sayHello", "x"));
    }

    // ---- typed clients ----

    /** A service interface as a user would write it. */
    public interface Hello {
        String sayHello(String name);

        @Remote("echo")
        List<Map<String, Integer>> echoTable(List<Map<String, Integer>> table);

        @Remote("echo")
        Map<String, List<LocalDate>> echoCalendar(Map<String, List<LocalDate>> calendar);

        @Remote("echo")
        Point echoPoint(Point point);

        @Remote("echo")
        Optional<String> echoOptional(String text);

        @Remote("echo")
        int echoInt(int number);

        @Remote("echo")
        int echoIntFromText(String text);

        @Remote("echo")
        byte[] echoBytes(byte[] bytes);

        @Remote("echo")
        void echoNothing(String text);

        CallResult fail();

        @Remote("fail")
        String failing();

        @Remote("status")
        void status(int code, int errno, String message);

        default String greetTwice(String name) {
            return sayHello(name) + " " + sayHello(name);
        }
    }

    /** A record value. */
    public record Point(int x, int y, String label) {
    }

    /** A return type JEncode cannot bind. */
    public interface Unbindable {
        Thread thread();
    }

    @Test
    void typedClientCallsTheExportedMethods() {
        Hello hello = client.typed(Hello.class);
        assertEquals("Hello, typed!", hello.sayHello("typed"));
        List<Map<String, Integer>> table = List.of(Map.of("a", 1), Map.of("b", 2, "c", 3));
        assertEquals(table, hello.echoTable(table));
        Map<String, List<LocalDate>> calendar = Map.of("may", List.of(LocalDate.of(2024, 5, 1)));
        assertEquals(calendar, hello.echoCalendar(calendar));
        assertEquals(new Point(1, 2, "p"), hello.echoPoint(new Point(1, 2, "p")));
        assertEquals(Optional.of("opt"), hello.echoOptional("opt"));
        assertEquals(Optional.empty(), hello.echoOptional(null));
        assertEquals(42, hello.echoInt(42));
        assertArrayEquals(new byte[] {9, 8}, hello.echoBytes(new byte[] {9, 8}));
        hello.echoNothing("ignored");
        assertEquals("Hello, x! Hello, x!", hello.greetTwice("x"));
        assertEquals("[\"x\"]", server.last().args());
        assertEquals(2, server.calls().stream().filter(c -> c.method().equals("sayHello")
                && c.args().equals("[\"x\"]")).count());
    }

    @Test
    void typedClientThrowsCallExceptionForAnSError() {
        Hello hello = client.typed(Hello.class);
        CallException failed = assertThrows(CallException.class, hello::failing);
        assertEquals(1111, failed.errno());
        assertEquals(200, failed.httpStatus());
        assertEquals(url, failed.url().toString());
        assertTrue(failed.getMessage().contains("Unauthorized query"));

        CallException forbidden = assertThrows(CallException.class, () -> hello.status(403, 0, "not you"));
        assertEquals(Errors.EACCES, forbidden.errno());
        assertEquals(403, forbidden.httpStatus());

        CallResult raw = hello.fail();
        assertFalse(raw.ok());
        assertEquals(1111, raw.errno());

        CallException mismatch = assertThrows(CallException.class, () -> hello.echoIntFromText("seven"));
        assertTrue(mismatch.getMessage().contains("does not fit int"), mismatch.getMessage());
        assertTrue(mismatch.getCause() instanceof ArgumentException);
    }

    @Test
    void typedClientAnswersObjectMethodsLocally() {
        Hello hello = client.typed(Hello.class);
        Hello other = client.typed(Hello.class);
        assertTrue(hello.toString().contains("Hello"), hello.toString());
        assertTrue(hello.toString().contains(url), hello.toString());
        assertEquals(hello, hello);
        assertNotEquals(hello, other);
        assertEquals(hello.hashCode(), hello.hashCode());
        assertEquals(0, server.calls().size(), "toString, equals and hashCode never reach the server");
    }

    @Test
    void typedClientRefusesWhatItCannotDo() {
        IllegalArgumentException unbindable = assertThrows(IllegalArgumentException.class,
                () -> client.typed(Unbindable.class));
        assertTrue(unbindable.getMessage().contains("Unbindable.thread"), unbindable.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.typed(String.class));
    }

    @Test
    void nullValueOfAnSOk() {
        CallResult result = client.call("echo", (Object) null);
        assertTrue(result.ok());
        assertEquals(JsonValue.NULL, result.value());
        assertNull(result.decodedValue());
        assertNull(result.value(String.class));
        assertTrue(client.call("echo", "s").value() instanceof JsonString);
    }
}
