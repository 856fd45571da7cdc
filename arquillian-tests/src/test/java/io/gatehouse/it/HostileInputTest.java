package io.gatehouse.it;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What strangers can send, on a server with a small heap (256 MiB on Payara Micro, micro-jvm.args): bodies over their limit, compressed
 * bombs, oversized multipart, absurd nesting, and connections that drip their bodies. Each is refused with the
 * right status and an S_ERROR, the heap stays flat, and other callers go on being served.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final String HELLO = "Framework/Hello";
    private static final long MIB = 1024 * 1024;
    /** How much the server's heap may grow, after a collection, across a refused hostile body. */
    private static final long HEAP_SLACK = 24 * MIB;

    private final Caller alice = Caller.user("alice");
    private final Caller visitor = Caller.visitor();

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    /** First, while the server is fresh: deep nesting used to overflow its stack while the reply was written. */
    @Test
    @Order(1)
    void argsNestedAThousandDeepAre400OnAFreshServer() {
        String deep = "[" + "[".repeat(1000) + "]".repeat(1000) + "]";
        for (Caller caller : List.of(visitor, alice)) {
            Reply reply = caller.call(HELLO, "echo", deep);
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("args nests arrays and objects more than 64 levels deep", reply.message());
        }
        Reply objects = alice.call(HELLO, "echo", "[" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1000) + "]");
        assertEquals(400, objects.status(), objects.toString());
        // Within the limit: echoed whole.
        String fine = "[" + "[".repeat(62) + "7" + "]".repeat(62) + "]";
        assertEquals(fine.substring(1, fine.length() - 1), alice.call(HELLO, "echo", fine).value().toString());
        Reply extra = alice.post("/" + HELLO, "method", "whoami", "extraCredentials", "[".repeat(500) + "]".repeat(500));
        assertEquals(400, extra.status(), extra.toString());
    }

    @Test
    void aGzipBombIs413WhileTheHeapStaysFlat() {
        long before = heapUsed();
        byte[] bomb = gzipBomb(1024 * MIB);
        Reply reply = visitor.send(gzipped(bomb));
        assertEquals(413, reply.status(), reply.toString());
        assertTrue(reply.message().contains("larger than the limit of 1048576 bytes"), reply.message());
        assertHeapFlat(before);
        // A registered caller's limit is larger, but the bomb still goes off at it, counted after decompression.
        Reply registered = alice.send(gzipped(bomb));
        assertEquals(413, registered.status(), registered.toString());
        assertTrue(registered.message().contains("after decompression"), registered.message());
        assertHeapFlat(before);
    }

    @Test
    void fiftyMebibytesFromAVisitorAre413WhetherAnnouncedOrNot() {
        long before = heapUsed();
        Reply announced = visitor.send(form(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> filler("method=echo&args=", 50 * MIB)), 50 * MIB)));
        assertEquals(413, announced.status(), announced.toString());
        assertTrue(announced.message().contains("Content-Length"), announced.message());
        Reply chunked = visitor.send(form(HttpRequest.BodyPublishers.ofInputStream(
                () -> filler("method=echo&args=", 50 * MIB))));
        assertEquals(413, chunked.status(), chunked.toString());
        assertTrue(chunked.message().contains("registered certificate may send more"), chunked.message());
        assertHeapFlat(before);
        // Just over the visitor's limit, a registered caller is served.
        String twoMiB = "[\"" + "y".repeat((int) (2 * MIB)) + "\"]";
        assertEquals(413, visitor.call(HELLO, "echo", twoMiB).status());
        assertEquals(2 * MIB, alice.call(HELLO, "echo", twoMiB).value().toString().length() - 2);
    }

    @Test
    void fourMultipartPartsOfSixtyMebibytesFromAVisitorAre413() {
        long before = heapUsed();
        String boundary = "gatehouse-boundary-7d3f";
        Supplier<InputStream> body = () -> multipart(boundary, 4, 60 * MIB);
        Reply reply = visitor.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
        assertEquals(413, reply.status(), reply.toString());
        assertTrue(reply.message().contains("larger than the limit of 1048576 bytes"), reply.message());
        assertHeapFlat(before);
        // A small multipart call still works.
        Reply small = visitor.send(HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                        + " name=\"method\"\r\n\r\necho\r\n--" + boundary + "\r\nContent-Disposition: form-data;"
                        + " name=\"args\"\r\n\r\n[\"part\"]\r\n--" + boundary + "--\r\n")));
        assertEquals("\"part\"", small.value().toString(), small.toString());
    }

    @Test
    void whileThreeHundredConnectionsDripTheirBodiesOthersAreServed() throws Exception {
        int drippers = 300;
        List<SSLSocket> sockets = new ArrayList<>();
        ExecutorService opener = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<SSLSocket>> opening = new ArrayList<>();
            for (int i = 0; i < drippers; i++) {
                opening.add(CompletableFuture.supplyAsync(HostileInputTest::startDripping, opener));
            }
            for (CompletableFuture<SSLSocket> socket : opening) {
                sockets.add(socket.get(60, TimeUnit.SECONDS));
            }
            Instant stop = Instant.now().plusSeconds(12);
            int rounds = 0;
            while (Instant.now().isBefore(stop)) {
                for (SSLSocket socket : sockets) {
                    drip(socket);
                }
                rounds++;
                Instant asked = Instant.now();
                Reply reply = alice.call(HELLO, "ping", "[]");
                Duration took = Duration.between(asked, Instant.now());
                assertEquals(200, reply.status(), reply.toString());
                assertTrue(took.toMillis() < 5000, "a normal call took " + took + " while " + drippers
                        + " connections dripped");
                Thread.sleep(Math.max(0, 1000 - took.toMillis()));
            }
            assertTrue(rounds >= 5, "only " + rounds + " rounds");
        } finally {
            opener.shutdownNow();
            for (SSLSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed by the server
                }
            }
        }
    }

    private static SSLSocket startDripping() {
        try {
            SSLSocket socket = Caller.visitorSocket();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /" + HELLO + " HTTP/1.1\r\nHost: localhost:" + Caller.PORT + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nmethod=echo&args=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drip(SSLSocket socket) {
        try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
        } catch (IOException closedByTheServer) {
            // The server may hang up on a dripping connection: that is allowed, and what a timeout does.
        }
    }

    private static HttpRequest.Builder gzipped(byte[] body) {
        return form(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Encoding", "gzip");
    }

    private static HttpRequest.Builder form(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(Caller.url("/" + HELLO))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(body);
    }

    /** {@code prefix} then {@code x} up to {@code total} bytes, made as it is read. */
    private static InputStream filler(String prefix, long total) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= total) {
                    return -1;
                }
                byte b = position < head.length ? head[(int) position] : (byte) 'x';
                position++;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = position < head.length ? head[(int) position] : (byte) 'x';
                    position++;
                }
                return n;
            }
        };
    }

    /** {@code parts} form fields of {@code size} bytes each, made as they are read. */
    private static InputStream multipart(String boundary, int parts, long size) {
        List<InputStream> pieces = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            pieces.add(new java.io.ByteArrayInputStream(("--" + boundary + "\r\nContent-Disposition: form-data;"
                    + " name=\"field" + i + "\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            pieces.add(filler("", size));
            pieces.add(new java.io.ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        pieces.add(new java.io.ByteArrayInputStream(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        return new java.io.SequenceInputStream(java.util.Collections.enumeration(pieces));
    }

    /** A form whose args are {@code size} bytes of one repeated character, gzipped: about a thousandth of it. */
    private static byte[] gzipBomb(long size) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(zipped, 1 << 16)) {
            zip.write("method=echo&args=".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < size; written += block.length) {
                zip.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    private long heapUsed() {
        JsonObject heap = alice.call("Test/Probe", "heap", "[]").value().asJsonObject();
        long max = heap.getJsonNumber("max").longValue();
        // 256 MiB on Payara Micro and WildFly, Payara Server's default 512 MiB (payara-server-site.asadmin): either
        // way a small heap, which the bomb's 1 GiB, once expanded, would not fit in.
        assertTrue(max <= 512 * MIB + 16 * MIB, "the server's -Xmx: " + max / MIB + " MiB");
        return heap.getJsonNumber("used").longValue();
    }

    private void assertHeapFlat(long before) {
        long after = heapUsed();
        assertTrue(after - before < HEAP_SLACK, "heap grew from " + before / MIB + " MiB to " + after / MIB + " MiB");
    }
}
