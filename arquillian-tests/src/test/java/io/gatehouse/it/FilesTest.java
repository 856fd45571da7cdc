package io.gatehouse.it;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.FileTransfer;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.TransferOptions;
import io.gatehouse.api.wire.Transfers;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File transfers (README, "Files"; PROTOCOL.md §9) through the real server: the example file service
 * {@code Framework/Files} over its directory (gatehouse-test.cfg), and {@code Test/Transfers}, whose downloads fail
 * on purpose. Downloads as curl and DIRAC's Python client ask for them, ranges and offsets, streamed uploads with
 * their checksums, and each refusal with its status and reason.
 */
@ExtendWith(ArquillianExtension.class)
class FilesTest {

    static final String FILES = "/Framework/Files";
    static final String TRANSFERS = "/Test/Transfers";
    static final Path DIRECTORY = Path.of(System.getProperty("gatehouse.filesDirectory"));

    private final Caller alice = Caller.user("alice");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @BeforeAll
    static void makeTheDirectory() throws IOException {
        Files.createDirectories(DIRECTORY);
        try (Stream<Path> old = Files.list(DIRECTORY)) {
            for (Path file : old.toList()) {
                if (!Files.isDirectory(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Transfers.Checksum checksumOf(byte[] bytes) {
        ChecksumDigester digest = new ChecksumDigester();
        digest.update(bytes, 0, bytes.length);
        return digest.finish();
    }

    HttpRequest.Builder download(String path, String argsJson) {
        return HttpRequest.newBuilder(Caller.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Caller.form("method", "streamToClient", "args", argsJson,
                        "rawContent", "True")));
    }

    static HttpRequest.Builder upload(String path, String method, String argsJson) {
        return HttpRequest.newBuilder(Caller.url(path + "?method=" + method + "&args="
                        + URLEncoder.encode(argsJson, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream");
    }

    /** The checksum the server computed for a transfer, from transferChecksum. */
    Transfers.Checksum serverChecksum(Caller caller, String service, String transferId) {
        Reply reply = caller.call(service.substring(1), "transferChecksum", "[\"" + transferId + "\"]");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.ok(), reply.toString());
        JsonObject value = reply.value().asJsonObject();
        return new Transfers.Checksum(value.getJsonNumber("size").longValue(), value.getString("adler32"),
                value.getString("sha256"));
    }

    @Test
    void curlGetsTheRawBytes() throws Exception {
        byte[] content = randomBytes(300_000, 1);
        Files.write(DIRECTORY.resolve("curl.bin"), content);
        Path out = Files.createTempFile("curl", ".bin");
        Path pki = Caller.PKI;
        Process curl = new ProcessBuilder("curl", "-sS", "-o", out.toString(), "-w", "%{http_code} %{content_type}",
                "--cacert", pki.resolve("ca/ca.pem").toString(),
                "--cert", pki.resolve("users/alice/usercert.pem").toString(),
                "--key", pki.resolve("users/alice/userkey.pem").toString(),
                "-d", "method=streamToClient", "-d", "args=[\"curl.bin\"]", "-d", "rawContent=True",
                Caller.url(FILES).toString()).redirectErrorStream(true).start();
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
        assertEquals("200 application/octet-stream", new String(curl.getInputStream().readAllBytes()).trim());
        assertArrayEquals(content, Files.readAllBytes(out));
        Files.delete(out);
    }

    /** Exactly the request of DIRAC v8's TornadoClient.receiveFile(destination, name), and what it does with it. */
    @Test
    void diracsReceiveFileGetsTheFileAndNothingForAMissingOne() throws Exception {
        byte[] content = randomBytes(200_000, 2);
        Files.write(DIRECTORY.resolve("dirac.bin"), content);
        Path out = Files.createTempDirectory("dirac").resolve("received.bin");
        // TornadoBaseClient._request with outputFile: the form, stream=True, r.text, raise_for_status, then the
        // chunks written to the file; an HTTP error leaves no file.
        String script = "import json, requests, sys\n"
                + "kwargs = {'method': 'streamToClient', 'args': json.dumps([sys.argv[5]]), 'rawContent': True}\n"
                + "kwargs['clientVO'] = 'unknown'\n"
                + "with requests.post(sys.argv[1], data=kwargs, timeout=600, verify=sys.argv[4],"
                + " cert=(sys.argv[2], sys.argv[3]), stream=True) as r:\n"
                + "    rawText = r.text\n"
                + "    try:\n"
                + "        r.raise_for_status()\n"
                + "    except requests.exceptions.HTTPError as e:\n"
                + "        print(e.response.status_code, json.loads(rawText)['Message'])\n"
                + "        sys.exit(0)\n"
                + "    with open(sys.argv[6], 'wb') as f:\n"
                + "        for chunk in r.iter_content(4096):\n"
                + "            f.write(chunk)\n"
                + "    print(r.status_code, r.headers['Content-Type'])\n";
        Path pki = Caller.PKI;
        List<String> command = List.of("python3", "-c", script, Caller.url(FILES).toString(),
                pki.resolve("users/alice/usercert.pem").toString(), pki.resolve("users/alice/userkey.pem").toString(),
                pki.resolve("ca/ca.pem").toString());
        assertEquals("200 application/octet-stream", run(command, "dirac.bin", out.toString()));
        assertArrayEquals(content, Files.readAllBytes(out));
        Path missing = out.resolveSibling("missing.bin");
        assertEquals("404 No such file or directory ( 2 : no file absent.bin)", run(command, "absent.bin",
                missing.toString()));
        assertFalse(Files.exists(missing), "DIRAC's client wrote nothing for the error");
    }

    private static String run(List<String> command, String... more) throws Exception {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(more));
        Process python = new ProcessBuilder(all).redirectErrorStream(true).start();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        return new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void aRangeResumesAndTheChecksumCoversTheWholeFile() throws Exception {
        byte[] content = randomBytes(1_000_000, 3);
        Files.write(DIRECTORY.resolve("range.bin"), content);
        HttpResponse<byte[]> part = alice.exchange(download(FILES, "[\"range.bin\"]")
                .header("Range", "bytes=400000-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 400000-999999/1000000", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("600000", part.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 400_000, 1_000_000), part.body());
        String id = part.headers().firstValue(Transfers.TRANSFER_HEADER).orElseThrow();
        assertEquals(checksumOf(content), serverChecksum(alice, FILES, id));

        // The offset argument, for callers that cannot send a Range.
        HttpResponse<byte[]> tail = alice.exchange(download(FILES, "[\"range.bin\", 999000]").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, tail.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 999_000, 1_000_000), tail.body());

        HttpResponse<byte[]> past = alice.exchange(download(FILES, "[\"range.bin\"]")
                .header("Range", "bytes=1000000-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(416, past.statusCode());
        assertEquals("bytes */1000000", past.headers().firstValue("Content-Range").orElseThrow());
        assertTrue(new String(past.body(), StandardCharsets.UTF_8).contains("starts past the end"));
    }

    @Test
    void aChecksumIsOnlyForTheCallerWhoMadeTheTransfer() throws Exception {
        Files.write(DIRECTORY.resolve("mine.bin"), randomBytes(1000, 4));
        HttpResponse<byte[]> reply = alice.exchange(download(FILES, "[\"mine.bin\"]").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String id = reply.headers().firstValue(Transfers.TRANSFER_HEADER).orElseThrow();
        Reply bobAsks = Caller.user("bob").call("Framework/Files", "transferChecksum", "[\"" + id + "\"]");
        assertEquals(200, bobAsks.status());
        assertFalse(bobAsks.ok());
        assertEquals(2, bobAsks.errno());
        assertTrue(bobAsks.message().contains("of yours"), bobAsks.message());
    }

    @Test
    void refusedAndMissingPathsAreErrorsWithTheirStatus() throws Exception {
        Files.writeString(DIRECTORY.resolve("inside.txt"), "x");
        Path outside = Files.createTempFile("outside", ".txt");
        Path link = DIRECTORY.resolve("escape.txt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        Path fifo = DIRECTORY.resolve("fifo");
        Files.deleteIfExists(fifo);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Files.createDirectories(DIRECTORY.resolve("sub"));

        assertRefused(404, 2, "no file nothing-here.txt", "nothing-here.txt");
        assertRefused(403, 13, "climbs out", "../pki/ca/ca.pem");
        assertRefused(403, 13, "climbs out", "sub/../../pki/ca/ca.pem");
        assertRefused(403, 13, "is absolute", "/etc/passwd");
        assertRefused(403, 13, "link that leaves", "escape.txt");
        assertRefused(403, 13, "not a regular file", "fifo");
        assertRefused(400, 21, "is a directory", "sub");
        Files.delete(outside);
    }

    private void assertRefused(int status, int errno, String reason, String path) throws IOException {
        HttpResponse<byte[]> reply = alice.exchange(download(FILES, "[\"" + path + "\"]").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Reply refused = Reply.of(reply.statusCode(), reply.headers(), reply.body());
        assertEquals(status, refused.status(), path + ": " + refused);
        assertTrue(refused.header("Content-Type").startsWith("application/json"), refused.toString());
        assertFalse(refused.ok());
        assertEquals(errno, refused.errno(), refused.toString());
        assertTrue(refused.message().contains(reason), path + ": " + refused.message());
    }

    @Test
    void aStreamedUploadIsStoredWithItsChecksum() throws Exception {
        byte[] content = randomBytes(5_000_000, 5);
        HttpResponse<byte[]> reply = alice.exchange(upload(FILES, "streamFromClient", "[\"sub/up.bin\"]")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Files.createDirectories(DIRECTORY.resolve("sub"));
        Reply stored = Reply.of(reply.statusCode(), reply.headers(), reply.body());
        assertEquals(200, stored.status(), stored.toString());
        assertTrue(stored.ok(), stored.toString());
        assertEquals("sub/up.bin", stored.value().asJsonObject().getString("path"));
        assertEquals(5_000_000, stored.value().asJsonObject().getJsonNumber("size").longValue());
        Transfers.Checksum expected = checksumOf(content);
        assertEquals(expected, Transfers.Checksum.fromHeader(stored.header(Transfers.CHECKSUM_HEADER)).orElseThrow());
        assertEquals(expected, serverChecksum(alice, FILES, stored.header(Transfers.TRANSFER_HEADER)));
        assertArrayEquals(content, Files.readAllBytes(DIRECTORY.resolve("sub/up.bin")));

        // DIRAC's form: the bytes base64-tagged inside args.
        Reply small = alice.call("Framework/Files", "storeBytes",
                "[\"small.bin\", {\"__dCls\": \"b64\", \"obj\": \"AAEC/w==\"}]");
        assertTrue(small.ok(), small.toString());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, Files.readAllBytes(DIRECTORY.resolve("small.bin")));

        JsonObject listed = alice.call("Framework/Files", "listDirectory", "[\"sub\"]").value().asJsonArray()
                .getJsonObject(0);
        assertEquals("up.bin", listed.getString("name"));
        assertEquals("file", listed.getString("type"));
        assertEquals(5_000_000, listed.getJsonNumber("size").longValue());
    }

    @Test
    void uploadsOverTheLimitAre413() throws Exception {
        // Announced: refused before the method reads a byte (what the client sends meanwhile is drained, within
        // bounds, so that it reads the refusal).
        HttpResponse<byte[]> announced = alice.exchange(upload(TRANSFERS, "count", "[]")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2_000_000])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Reply refused = Reply.of(announced.statusCode(), announced.headers(), announced.body());
        assertEquals(413, refused.status(), refused.toString());
        assertEquals(27, refused.errno());
        assertTrue(refused.message().contains("limit of 1048576 bytes (announced in Content-Length)"),
                refused.message());
        // Chunked, no length: counted while the method reads; the rest is drained for the client to read the 413.
        HttpResponse<byte[]> counted = alice.exchange(upload(TRANSFERS, "count", "[]")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                new byte[2_000_000]))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Reply over = Reply.of(counted.statusCode(), counted.headers(), counted.body());
        assertEquals(413, over.status(), over.toString());
        assertTrue(over.message().contains("limit of 1048576 bytes (counted while reading)"), over.message());
        // Under the limit, chunked: read whole.
        HttpResponse<byte[]> fits = alice.exchange(upload(TRANSFERS, "count", "[]")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                new byte[1_000_000]))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Reply read = Reply.of(fits.statusCode(), fits.headers(), fits.body());
        assertEquals(1_000_000, read.value().asJsonObject().getJsonNumber("read").longValue(), read.toString());
    }

    /**
     * An unauthorized upload is refused before its body is read: the request announces a megabyte and sends none
     * of it, and the refusal still comes at once.
     */
    @Test
    void anUnauthorizedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        // mallory is registered but in no group: DIRAC's visitor, refused as unauthenticated.
        String mallory = rawUpload(Caller.userSocket("mallory"), "streamFromClient", "[\"mallory.bin\"]");
        assertTrue(mallory.startsWith("HTTP/1.1 401"), mallory);
        assertTrue(mallory.contains("No access to Framework/Files.streamFromClient"), mallory);
        String visitor = rawUpload(Caller.visitorSocket(), "streamFromClient", "[\"visitor.bin\"]");
        assertTrue(visitor.startsWith("HTTP/1.1 401"), visitor);
        assertTrue(visitor.contains("No access to Framework/Files.streamFromClient"), visitor);
        // A method that takes no streamed content is refused before the body too.
        String alice = rawUpload(Caller.userSocket("alice"), "removeFile", "[\"x\"]");
        assertTrue(alice.startsWith("HTTP/1.1 415"), alice);
        assertTrue(alice.contains("takes no streamed content"), alice);
        assertFalse(Files.exists(DIRECTORY.resolve("mallory.bin")));
        assertFalse(Files.exists(DIRECTORY.resolve("visitor.bin")));
    }

    /** Sends only the headers of an upload announcing 1 MB, and reads the reply (10 s at most). */
    private static String rawUpload(javax.net.ssl.SSLSocket socket, String method, String args) throws IOException {
        try (socket) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + FILES + "?method=" + method + "&args=" + URLEncoder.encode(args,
                    StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = new byte[4096];
            int n = socket.getInputStream().read(head);
            return n < 0 ? "" : new String(head, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** An upload whose client goes away halfway leaves nothing under the name, and no partial file in sight. */
    @Test
    void anUploadCutShortLeavesNoFile() throws Exception {
        try (javax.net.ssl.SSLSocket socket = Caller.userSocket("alice")) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + FILES + "?method=streamFromClient&args=" + URLEncoder.encode("[\"cut.bin\"]",
                    StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[300_000]);
            out.flush();
        }
        Eventually.waitFor(() -> {
            try (Stream<Path> files = Files.list(DIRECTORY)) {
                return files.noneMatch(f -> f.getFileName().toString().startsWith(".upload-"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(Files.exists(DIRECTORY.resolve("cut.bin")));
    }

    @Test
    void uploadsAndRemovalsFollowTheirOwnRules() throws Exception {
        Files.writeString(DIRECTORY.resolve("doomed.txt"), "bye");
        Reply byAlice = alice.call("Framework/Files", "removeFile", "[\"doomed.txt\"]");
        assertEquals(403, byAlice.status(), byAlice.toString());
        assertTrue(Files.exists(DIRECTORY.resolve("doomed.txt")));
        Reply byBob = Caller.user("bob").call("Framework/Files", "removeFile", "[\"doomed.txt\"]");
        assertTrue(byBob.ok(), byBob.toString());
        assertFalse(Files.exists(DIRECTORY.resolve("doomed.txt")));

        // A streamed method called with a form, and a form method called with a stream, are told how to call.
        Reply asForm = alice.call("Framework/Files", "streamFromClient", "[\"x.bin\"]");
        assertEquals(400, asForm.status());
        assertTrue(asForm.message().contains("application/octet-stream"), asForm.message());
        HttpResponse<byte[]> asStream = alice.exchange(upload(FILES, "removeFile", "[\"x\"]")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(415, asStream.statusCode());
    }

    /**
     * 2 GiB each way through the server, whose heap is 256 MiB (micro-jvm.args, arquillian.xml,
     * payara-server-site.asadmin), with the client library: both arrive whole, and both ends' checksums are equal.
     * The figures are printed for the record; bin/bench-files compares them with curl and a static file.
     */
    @Test
    void twoGibibytesEachWayAtConstantMemory() throws Exception {
        long size = 2L << 30;
        Path big = DIRECTORY.resolve("big.bin");
        Transfers.Checksum original = writeBigFile(big, size);
        Caller probe = Caller.visitor();
        probe.call("Test/Probe", "peakHeap", "[true]");
        Path received = DIRECTORY.getParent().resolve("received.bin");
        try (GatehouseClient client = client(FILES)) {
            FileTransfer down = client.receiveFile(received, "big.bin");
            assertTrue(down.ok(), down.message());
            assertTrue(down.verified());
            assertEquals(original, down.checksum());
            assertEquals(size, Files.size(received));
            long downPeak = peakHeap(probe, true);
            Files.delete(received);

            FileTransfer up = client.sendFile(big, "big-up.bin");
            assertTrue(up.ok(), up.message());
            assertTrue(up.verified());
            assertEquals(original, up.checksum());
            assertEquals(size, Files.size(DIRECTORY.resolve("big-up.bin")));
            long upPeak = peakHeap(probe, false);
            System.out.printf("FILES %s: 2 GiB download %.1f MiB/s (server peak heap %d MiB), upload %.1f MiB/s"
                    + " (server peak heap %d MiB)%n", System.getProperty("gatehouse.it.server", "payara-micro"),
                    size / (down.elapsed().toNanos() / 1e9) / (1 << 20), downPeak >> 20,
                    size / (up.elapsed().toNanos() / 1e9) / (1 << 20), upPeak >> 20);
        } finally {
            probe.call("Test/Probe", "peakHeap", "[false]");
            Files.deleteIfExists(received);
            Files.deleteIfExists(big);
            Files.deleteIfExists(DIRECTORY.resolve("big-up.bin"));
        }
    }

    /** The server's peak heap since the last reading (Test/Probe), the sampling started again or stopped. */
    private static long peakHeap(Caller probe, boolean again) {
        return Long.parseLong(probe.call("Test/Probe", "peakHeap", "[" + again + "]").value().toString());
    }

    static GatehouseClient client(String path) {
        return GatehouseClient.builder().url(Caller.url(path).toString())
                .credentials(ClientCredentials.pem(Caller.PKI.resolve("users/alice/usercert.pem"),
                        Caller.PKI.resolve("users/alice/userkey.pem")))
                .trust(ClientTrust.caDirectory(Caller.PKI.resolve("certificates")))
                .build();
    }

    /**
     * An upload the server refuses before its body (Expect: 100-continue) gets the server's status and reason, not
     * a connection reset.
     */
    @Test
    void theClientReadsWhyAnUploadWasRefused() throws Exception {
        Path file = Files.createTempFile("refused", ".bin");
        Files.write(file, new byte[2_000_000]);
        try (GatehouseClient mallory = GatehouseClient.builder().url(Caller.url(FILES).toString())
                .credentials(ClientCredentials.pem(Caller.PKI.resolve("users/mallory/usercert.pem"),
                        Caller.PKI.resolve("users/mallory/userkey.pem")))
                .trust(ClientTrust.caDirectory(Caller.PKI.resolve("certificates"))).build();
             GatehouseClient alice = client(TRANSFERS)) {
            FileTransfer refused = mallory.sendFile(file, "mallory.bin");
            assertFalse(refused.ok());
            assertEquals(401, refused.httpStatus(), refused.message());
            assertEquals(13, refused.errno());
            // The JDK's HttpURLConnection drops a 401's body in streaming mode: DIRAC's reading of 401 remains.
            assertTrue(refused.message().contains("No access to"), refused.message());
            FileTransfer tooLarge = alice.sendFile(file, TransferOptions.defaults(), "count");
            assertFalse(tooLarge.ok());
            assertEquals(413, tooLarge.httpStatus(), tooLarge.message());
            assertEquals(27, tooLarge.errno());
            // The server's reason ("larger than this service's limit"), or, where the JDK's client kept no body of
            // the refused upload (WildFly answers before 100 Continue), the client's reading of 413.
            assertTrue(tooLarge.message().contains("larger than"), tooLarge.message());
        } finally {
            Files.delete(file);
        }
        assertFalse(Files.exists(DIRECTORY.resolve("mallory.bin")));
    }

    /** The client library finds a download cut short by the server, resumes it from its offset, and verifies it. */
    @Test
    void theClientResumesADownloadTheServerInterrupted() throws Exception {
        int size = 3_000_000;
        Path target = Files.createTempDirectory("resume").resolve("flaky.bin");
        try (GatehouseClient client = client(TRANSFERS)) {
            FileTransfer transfer = client.receiveFile(target, TransferOptions.defaults(), "flaky", "client", size,
                    1_000_000);
            assertTrue(transfer.ok(), transfer.message());
            assertEquals(2, transfer.attempts(), "one interruption, one resumption");
            assertTrue(transfer.verified());
            byte[] whole = Files.readAllBytes(target);
            assertEquals(size, whole.length);
            for (int i = 0; i < size; i++) {
                if (whole[i] != TransfersHandler.patterned(i)) {
                    throw new AssertionError("byte " + i + " differs");
                }
            }
            assertEquals(checksumOf(whole), transfer.checksum());
            assertFalse(Files.exists(target.resolveSibling("flaky.bin.part")));

            // A source that ends before its announced length never becomes a file under the name.
            Path shortened = target.resolveSibling("short.bin");
            FileTransfer cut = client.receiveFile(shortened, TransferOptions.defaults().withMaxAttempts(2),
                    "shortSource", 500_000, 200_000);
            assertFalse(cut.ok());
            assertEquals(5, cut.errno(), cut.message());
            assertFalse(Files.exists(shortened));
        }
    }

    /** A file of patterned pseudo-random bytes (no two blocks alike), and its checksum. */
    private static Transfers.Checksum writeBigFile(Path file, long size) throws IOException {
        byte[] block = randomBytes(1 << 20, 6);
        ChecksumDigester digest = new ChecksumDigester();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                block[(int) (written >> 20) % block.length] ^= 0x5a;
                digest.update(block, 0, block.length);
                out.write(block);
            }
        }
        return digest.finish();
    }

    /** A download the server cannot finish is cut short: the client sees fewer bytes than announced. */
    @Test
    void aDownloadInterruptedByTheServerIsIncompleteAndResumes() throws Exception {
        int size = 3_000_000;
        HttpResponse<InputStream> first = alice.exchange(download(TRANSFERS, "").POST(
                HttpRequest.BodyPublishers.ofString(Caller.form("method", "flaky", "args",
                        "[\"raw\", " + size + ", 1000000]", "rawContent", "True"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, first.statusCode());
        assertEquals(String.valueOf(size), first.headers().firstValue("Content-Length").orElseThrow());
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        try (InputStream body = first.body()) {
            assertThrows(IOException.class, () -> body.transferTo(received));
        }
        assertTrue(received.size() < size, "the client saw " + received.size() + " bytes");
        Reply failed = alice.call("Test/Transfers", "transferChecksum",
                "[\"" + first.headers().firstValue(Transfers.TRANSFER_HEADER).orElseThrow() + "\"]");
        assertFalse(failed.ok());
        assertTrue(failed.message().contains("did not complete"), failed.message());

        HttpResponse<byte[]> rest = alice.exchange(download(TRANSFERS, "").POST(
                        HttpRequest.BodyPublishers.ofString(Caller.form("method", "flaky", "args",
                                "[\"raw\", " + size + ", 1000000]", "rawContent", "True")))
                .header("Range", "bytes=" + received.size() + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, rest.statusCode());
        received.write(rest.body());
        byte[] whole = received.toByteArray();
        assertEquals(size, whole.length);
        for (int i = 0; i < size; i++) {
            if (whole[i] != TransfersHandler.patterned(i)) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
        assertEquals(checksumOf(whole), serverChecksum(alice, TRANSFERS,
                rest.headers().firstValue(Transfers.TRANSFER_HEADER).orElseThrow()));
    }

    @Test
    void aSourceShorterThanItSaidIsCutShortToo() throws Exception {
        HttpResponse<InputStream> reply = alice.exchange(download(TRANSFERS, "").POST(
                HttpRequest.BodyPublishers.ofString(Caller.form("method", "shortSource", "args", "[500000, 200000]",
                        "rawContent", "True"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("500000", reply.headers().firstValue("Content-Length").orElseThrow());
        try (InputStream body = reply.body()) {
            assertThrows(IOException.class, () -> body.transferTo(OutputStream.nullOutputStream()));
        }
    }
}
