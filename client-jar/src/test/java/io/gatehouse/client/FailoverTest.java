package io.gatehouse.client;

import io.gatehouse.api.Errors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatehouse.testpki.DevPki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which failures move a call to the next URL (those where the method cannot have run) and which end it (those
 * where it may have run: PROTOCOL.md §10).
 */
class FailoverTest {

    @TempDir
    static Path pki;

    static FakeGatehouse server;
    static String hello;
    static String other;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        server = FakeGatehouse.start(pki);
        hello = server.url("/Framework/Hello");
        other = server.url("/Framework/Other");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static GatehouseClient client(String... urls) {
        return GatehouseClient.builder()
                .urls(List.of(urls))
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A local port nobody listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aClosedPortFailsOverToTheNextUrl() throws Exception {
        String closed = "https://localhost:" + closedPort() + "/Framework/Hello";
        try (GatehouseClient client = client(closed, other)) {
            CallResult result = client.call("sayHello", "failover");
            assertTrue(result.ok(), result::toString);
            assertEquals(other, result.url().toString());
            assertEquals(1, server.count("sayHello"));
            assertEquals(1, server.countOn("/Framework/Other"));
        }
    }

    @Test
    void anUnknownHostFailsOverToTheNextUrl() {
        try (GatehouseClient client = client("https://no-such-host.invalid:8443/Framework/Hello", hello)) {
            CallResult result = client.call("sayHello", "dns");
            assertTrue(result.ok(), result::toString);
            assertEquals(hello, result.url().toString());
        }
    }

    @Test
    void whenNoUrlCanBeReachedTheMessageSaysWhyForEach() throws Exception {
        String first = "https://localhost:" + closedPort() + "/Framework/Hello";
        String second = "https://localhost:" + closedPort() + "/Framework/Hello";
        try (GatehouseClient client = client(first, second)) {
            CallResult result = client.call("sayHello", "nobody");
            assertFalse(result.ok());
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertEquals(0, result.httpStatus());
            assertTrue(result.message().contains(first + ": connection refused"), result.message());
            assertTrue(result.message().contains(second + ": connection refused"), result.message());
        }
        try (GatehouseClient client = client(first)) {
            CallResult result = client.call("sayHello", "nobody");
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertEquals("cannot reach " + first + ": connection refused", result.message());
        }
    }

    @ParameterizedTest(name = "{0} fails over")
    @ValueSource(strings = {"/Busy/Service", "/Gone/Service", "/Missing/Service"})
    void http404And503FailOver(String path) {
        try (GatehouseClient client = client(server.url(path), hello)) {
            CallResult result = client.call("sayHello", "again");
            assertTrue(result.ok(), result::toString);
            assertEquals(hello, result.url().toString());
        }
        List<String> paths = new ArrayList<>();
        server.calls().forEach(c -> paths.add(c.path()));
        // The JDK server answers an unknown path itself, without a handler: that call is not recorded.
        List<String> expected = path.equals("/Missing/Service") ? List.of("/Framework/Hello")
                : List.of(path, "/Framework/Hello");
        assertEquals(expected, paths);
    }

    @Test
    void a503OnTheOnlyUrlIsTheResult() {
        String busy = server.url("/Busy/Service");
        try (GatehouseClient client = client(busy)) {
            CallResult result = client.call("sayHello", "busy");
            assertFalse(result.ok());
            assertEquals(503, result.httpStatus());
            assertEquals(0, result.errno());
            assertTrue(result.message().contains("Service temporarily unavailable"), result.message());
            assertTrue(result.message().contains("HTTP 503 from " + busy), result.message());
        }
    }

    @Test
    void whenEveryUrlAnswers404Or503TheMessageListsThem() {
        String busy = server.url("/Busy/Service");
        String gone = server.url("/Gone/Service");
        try (GatehouseClient client = client(busy, gone)) {
            CallResult result = client.call("sayHello", "busy");
            assertFalse(result.ok());
            assertEquals(404, result.httpStatus());
            assertEquals(gone, result.url().toString());
            assertTrue(result.message().contains(busy + ": HTTP 503 (Service temporarily unavailable)"),
                    result.message());
            assertTrue(result.message().contains(gone + ": HTTP 404 (Unknown service Gone/Service)"),
                    result.message());
        }
    }

    @Test
    void a500DoesNotFailOver() {
        try (GatehouseClient client = client(server.url("/Broken/Service"), hello)) {
            CallResult result = client.call("sayHello", "broken");
            assertFalse(result.ok());
            assertEquals(500, result.httpStatus());
            assertTrue(result.message().contains("Internal error"), result.message());
        }
        assertEquals(1, server.countOn("/Broken/Service"));
        assertEquals(0, server.countOn("/Framework/Hello"), "the method may have run: no second call");
    }

    @Test
    void refusalsAndErrorsOfTheServiceDoNotFailOver() {
        try (GatehouseClient client = client(hello, other)) {
            assertEquals(Errors.EACCES, client.call("status", 401, 0, "who are you").errno());
            assertEquals(Errors.ENOSYS, client.call("nothingLikeThis").errno());
            assertEquals(1111, client.call("fail").errno());
        }
        assertEquals(0, server.countOn("/Framework/Other"));
    }

    @Test
    void aReadTimeoutIsEtimedoutAndTheCallIsNeitherRetriedNorFailedOver() throws Exception {
        try (GatehouseClient client = GatehouseClient.builder()
                .urls(List.of(hello, other))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .readTimeout(Duration.ofMillis(400))
                .build()) {
            long start = System.nanoTime();
            CallResult result = client.call("sleep", 2000);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(result.ok());
            assertEquals(Errors.ETIMEDOUT, result.errno());
            assertEquals(0, result.httpStatus());
            assertEquals(hello, result.url().toString());
            assertTrue(result.message().contains("may or may not have run"), result.message());
            assertTrue(result.message().contains("NOT retried"), result.message());
            assertTrue(elapsedMillis < 1500, "took " + elapsedMillis + " ms");
        }
        // A retry or a failover would come at once; wait past the handler's sleep to be sure none came.
        Thread.sleep(2500);
        assertEquals(1, server.count("sleep"));
        assertEquals(0, server.countOn("/Framework/Other"));
    }

    @Test
    void theReadTimeoutCoversTheWholeReplyNotOnlyItsHeaders() throws Exception {
        try (GatehouseClient client = GatehouseClient.builder()
                .url(hello)
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .readTimeout(Duration.ofMillis(500))
                .build()) {
            CallResult result = client.call("slowBody", 2000);
            assertEquals(Errors.ETIMEDOUT, result.errno(), result::toString);
        }
        try (GatehouseClient patient = GatehouseClient.builder()
                .url(hello)
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .readTimeout(Duration.ofSeconds(5))
                .build()) {
            CallResult result = patient.call("slowBody", 200);
            assertTrue(result.ok(), result::toString);
            assertEquals("y".repeat(4000), result.value(String.class));
        }
    }

    @Test
    void anInterruptedCallEndsWithEintrAndKeepsTheInterrupt() throws Exception {
        try (GatehouseClient client = client(hello, other)) {
            CallResult[] result = new CallResult[1];
            boolean[] interrupted = new boolean[1];
            Thread caller = new Thread(() -> {
                result[0] = client.call("sleep", 1500);
                interrupted[0] = Thread.currentThread().isInterrupted();
            });
            caller.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.count("sleep") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            caller.interrupt();
            caller.join(5000);
            assertEquals(Errors.EINTR, result[0].errno(), result[0]::toString);
            assertTrue(result[0].message().contains("may or may not have run"), result[0].message());
            assertTrue(interrupted[0], "the thread's interrupt status is kept");
        }
        assertEquals(0, server.countOn("/Framework/Other"));
    }

    @Test
    void aConnectionDroppedAfterTheRequestIsEioAndNotFailedOver() {
        try (GatehouseClient client = client(hello, other)) {
            CallResult result = client.call("drop");
            assertFalse(result.ok());
            assertEquals(Errors.EIO, result.errno(), result::toString);
            assertTrue(result.message().contains("may or may not have run"), result.message());
        }
        // A reply-less close on a fresh connection is where the JDK client retries a GET by itself; not a POST.
        assertEquals(1, server.count("drop"));
        assertEquals(0, server.countOn("/Framework/Other"));
    }

    @Test
    void aServerThatNeverCompletesTheHandshakeFailsOverAfterTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never say a word
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String mute = "https://localhost:" + silent.getLocalPort() + "/Framework/Hello";
            try (GatehouseClient client = GatehouseClient.builder()
                    .urls(List.of(mute, hello))
                    .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                    .connectTimeout(Duration.ofMillis(500))
                    .build()) {
                long start = System.nanoTime();
                CallResult result = client.call("sayHello", "patient");
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(result.ok(), result::toString);
                assertEquals(hello, result.url().toString());
                assertTrue(elapsedMillis < 3000, "took " + elapsedMillis + " ms");
            }
            try (GatehouseClient client = GatehouseClient.builder()
                    .url(mute)
                    .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                    .connectTimeout(Duration.ofMillis(300))
                    .build()) {
                CallResult result = client.call("sayHello", "patient");
                assertEquals(Errors.ECONNREFUSED, result.errno());
                assertEquals("cannot reach " + mute + ": no connection within 0.300 s", result.message());
            }
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aFailedHandshakeFailsOver() throws Exception {
        // A server whose certificate is for another host: the handshake fails, nothing was sent.
        try (FakeGatehouse elsewhere = FakeGatehouse.start(FakeGatehouse.serverContext(
                TlsTest.hostKeyStore(pki, "C=ch,O=Gatehouse,OU=Hosts,CN=elsewhere", "elsewhere.example"),
                FakeGatehouse.gridTrust(pki.resolve("certificates"))));
             GatehouseClient client = client(elsewhere.url("/Framework/Hello"), hello)) {
            CallResult result = client.call("sayHello", "tls");
            assertTrue(result.ok(), result::toString);
            assertEquals(hello, result.url().toString());
            assertEquals(0, elsewhere.calls().size());
        }
    }
}
