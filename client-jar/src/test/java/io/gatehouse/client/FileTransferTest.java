package io.gatehouse.client;

import io.gatehouse.api.Errors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gatehouse.api.wire.Transfers;
import io.gatehouse.testpki.DevPki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** receiveFile and sendFile against a file service that follows (or breaks) the transfer contract. */
class FileTransferTest {

    static final String PATH = "/Data/Files";
    static final int SIZE = 2 * 1024 * 1024 + 12345;

    @TempDir
    static Path pki;

    @TempDir
    Path dir;

    static FakeGatehouse server;
    static FakeFileService files;
    static GatehouseClient client;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        server = FakeGatehouse.start(pki);
        files = new FakeFileService();
        server.serve(PATH, files);
        client = client(Duration.ofSeconds(30), false);
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
    }

    static GatehouseClient client(Duration readTimeout, boolean asHost) throws Exception {
        GatehouseClient.Builder builder = GatehouseClient.builder()
                .url(server.url(PATH))
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .readTimeout(readTimeout);
        if (asHost) {
            builder.asHost();
        }
        return builder.build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        files.reset();
        files.files.put("data.bin", content);
    }

    static TransferOptions fast() {
        return TransferOptions.defaults().withRetryBackoff(Duration.ofMillis(10));
    }

    // ---- downloads ----

    @Test
    void downloadIsWrittenAndVerified() throws Exception {
        Path out = dir.resolve("data.bin");
        FileTransfer transfer = client.receiveFile(out, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(FakeFileService.checksum(content), transfer.checksum());
        assertTrue(transfer.verified());
        assertEquals(SIZE, transfer.bytesTransferred());
        assertEquals(SIZE, transfer.size());
        assertEquals(1, transfer.attempts());
        assertFalse(Files.exists(FileTransfers.partFile(out)));
        FakeFileService.Request request = files.downloads().get(0);
        assertEquals(Transfers.DOWNLOAD_METHOD, request.method());
        assertEquals("[\"data.bin\"]", request.args());
        assertNull(request.range());
        assertEquals(1, files.requests.stream().filter(r -> r.method().equals(Transfers.CHECKSUM_METHOD)).count());
    }

    @Test
    void theDownloadAsksForRawContentAndMayUseAnotherMethod() throws Exception {
        Path out = dir.resolve("data.bin");
        assertTrue(client.receiveFile(out, TransferOptions.defaults(), "getFile", "data.bin").ok());
        FakeFileService.Request request = files.downloads().get(0);
        assertEquals("getFile", request.method());
        assertEquals("True", request.rawContent());
        FakeFileService.Request checksum = files.requests.get(files.requests.size() - 1);
        assertEquals(Transfers.CHECKSUM_METHOD, checksum.method());
        assertTrue(checksum.args().matches("\\[\"t[0-9]+\"\\]"), checksum.args());
        assertNull(checksum.rawContent());
    }

    @Test
    void aBodyCutShortIsResumedWithARange() throws Exception {
        files.mode = FakeFileService.Mode.CUT_FIRST;
        Path out = dir.resolve("data.bin");
        FileTransfer transfer = client.receiveFile(out, fast(), Transfers.DOWNLOAD_METHOD, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(2, transfer.attempts());
        assertEquals(SIZE, transfer.bytesTransferred());
        List<FakeFileService.Request> downloads = files.downloads();
        assertEquals(2, downloads.size());
        assertNull(downloads.get(0).range());
        assertEquals("bytes=" + SIZE / 2 + "-", downloads.get(1).range());
        assertFalse(Files.exists(FileTransfers.partFile(out)));
    }

    @Test
    void anExistingPartIsContinued() throws Exception {
        Path out = dir.resolve("data.bin");
        int had = 1_000_000;
        Files.write(FileTransfers.partFile(out), Arrays.copyOf(content, had));
        FileTransfer transfer = client.receiveFile(out, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(SIZE - had, transfer.bytesTransferred());
        assertEquals(FakeFileService.checksum(content), transfer.checksum());
        assertEquals("bytes=" + had + "-", files.downloads().get(0).range());
        assertFalse(Files.exists(FileTransfers.partFile(out)));
    }

    @Test
    void withoutResumeAnExistingPartIsDiscarded() throws Exception {
        Path out = dir.resolve("data.bin");
        Files.write(FileTransfers.partFile(out), "garbage".getBytes(StandardCharsets.US_ASCII));
        FileTransfer transfer = client.receiveFile(out, TransferOptions.defaults().withResume(false),
                Transfers.DOWNLOAD_METHOD, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertNull(files.downloads().get(0).range());
    }

    @Test
    void aPartLongerThanTheFileStartsOver() throws Exception {
        Path out = dir.resolve("data.bin");
        Files.write(FileTransfers.partFile(out), new byte[SIZE + 10]);
        FileTransfer transfer = client.receiveFile(out, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(2, transfer.attempts());
        assertNull(files.downloads().get(1).range());
    }

    @Test
    void aServerIgnoringTheRangeSendsItAllAgain() throws Exception {
        files.mode = FakeFileService.Mode.IGNORE_RANGE;
        Path out = dir.resolve("data.bin");
        Files.write(FileTransfers.partFile(out), Arrays.copyOf(content, 5000));
        FileTransfer transfer = client.receiveFile(out, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(SIZE, transfer.bytesTransferred());
    }

    @Test
    void aChecksumMismatchIsRefusedAndThePartDeleted() throws Exception {
        files.mode = FakeFileService.Mode.WRONG_CHECKSUM;
        Path out = dir.resolve("data.bin");
        FileTransfer transfer = client.receiveFile(out, "data.bin");
        assertFalse(transfer.ok());
        assertEquals(Errors.EIO, transfer.errno());
        assertTrue(transfer.message().contains("0".repeat(64)), transfer.message());
        assertTrue(transfer.message().contains(FakeFileService.checksum(content).sha256()), transfer.message());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(FileTransfers.partFile(out)));
        assertNull(transfer.checksum());
        assertThrows(CallException.class, transfer::orThrow);
    }

    @Test
    void anSErrorBeforeTheFirstByteLeavesNoFile() throws Exception {
        Path out = dir.resolve("missing.bin");
        FileTransfer transfer = client.receiveFile(out, "missing.bin");
        assertFalse(transfer.ok());
        assertEquals(2, transfer.errno());
        assertEquals(404, transfer.httpStatus());
        assertTrue(transfer.message().contains("No such file: missing.bin"), transfer.message());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(FileTransfers.partFile(out)));
    }

    @Test
    void anSErrorLeavesAnExistingDestinationUntouched() throws Exception {
        Path out = dir.resolve("secret");
        Files.writeString(out, "old");
        FileTransfer transfer = client.receiveFile(out, "secret");
        assertFalse(transfer.ok());
        assertEquals(Errors.EACCES, transfer.errno());
        assertEquals(403, transfer.httpStatus());
        assertTrue(transfer.message().contains("secret is not for you"), transfer.message());
        assertEquals("old", Files.readString(out));
        assertFalse(Files.exists(FileTransfers.partFile(out)));
    }

    @Test
    void a401KeepsTheServersMessage() throws Exception {
        // The JDK drops a 401's body in streaming mode: the download asks again to read it.
        Path out = dir.resolve("revoked");
        FileTransfer transfer = client.receiveFile(out, "revoked");
        assertFalse(transfer.ok());
        assertEquals(Errors.EACCES, transfer.errno());
        assertEquals(401, transfer.httpStatus());
        assertTrue(transfer.message().contains("no longer accepted: revoked"), transfer.message());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(FileTransfers.partFile(out)));
    }

    @Test
    void withoutATransferIdTheDownloadIsUnverifiable() throws Exception {
        files.mode = FakeFileService.Mode.NO_TRANSFER_ID;
        Path out = dir.resolve("data.bin");
        FileTransfer refused = client.receiveFile(out, "data.bin");
        assertFalse(refused.ok());
        assertEquals(Errors.EIO, refused.errno());
        assertTrue(refused.message().contains(Transfers.TRANSFER_HEADER), refused.message());
        assertFalse(Files.exists(out));

        FileTransfer accepted = client.receiveFile(out, TransferOptions.defaults().withRequireChecksum(false),
                Transfers.DOWNLOAD_METHOD, "data.bin");
        assertTrue(accepted.ok(), accepted::toString);
        assertFalse(accepted.verified());
        assertEquals(FakeFileService.checksum(content), accepted.checksum());
        assertArrayEquals(content, Files.readAllBytes(out));
    }

    @Test
    void aStalledBodyIsResumed() throws Exception {
        files.mode = FakeFileService.Mode.STALL_FIRST;
        Path out = dir.resolve("data.bin");
        long start = System.nanoTime();
        FileTransfer transfer = client.receiveFile(out, fast().withStallTimeout(Duration.ofMillis(500)),
                Transfers.DOWNLOAD_METHOD, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertEquals(2, transfer.attempts());
        assertArrayEquals(content, Files.readAllBytes(out));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(2900).toNanos(), "did not wait for the server");
    }

    @Test
    void theReadTimeoutBoundsSilenceNotTheWholeTransfer() throws Exception {
        files.mode = FakeFileService.Mode.SLOW; // about 1.6 s in all, a piece every 100 ms
        try (GatehouseClient impatient = client(Duration.ofMillis(700), false)) {
            Path out = dir.resolve("data.bin");
            FileTransfer transfer = impatient.receiveFile(out, "data.bin");
            assertTrue(transfer.ok(), transfer::toString);
            assertEquals(1, transfer.attempts());
            assertTrue(transfer.elapsed().toMillis() > 700, transfer::toString);
        }
    }

    @Test
    void tooManyCutsGiveUpAndKeepThePart() throws Exception {
        files.mode = FakeFileService.Mode.CUT_FIRST;
        Path out = dir.resolve("data.bin");
        FileTransfer transfer = client.receiveFile(out, fast().withMaxAttempts(1), Transfers.DOWNLOAD_METHOD,
                "data.bin");
        assertFalse(transfer.ok());
        assertEquals(Errors.EIO, transfer.errno());
        assertEquals(1, transfer.attempts());
        assertTrue(transfer.message().contains("cut short"), transfer.message());
        assertFalse(Files.exists(out));
        assertEquals(SIZE / 2, Files.size(FileTransfers.partFile(out)));
        // the next call resumes it
        FileTransfer resumed = client.receiveFile(out, "data.bin");
        assertTrue(resumed.ok(), resumed::toString);
        assertEquals(SIZE - SIZE / 2, resumed.bytesTransferred());
        assertArrayEquals(content, Files.readAllBytes(out));
    }

    @Test
    void progressGrowsAndEndsAtTheTotal() throws Exception {
        files.mode = FakeFileService.Mode.SLOW;
        List<long[]> calls = new CopyOnWriteArrayList<>();
        Path out = dir.resolve("data.bin");
        FileTransfer transfer = client.receiveFile(out,
                TransferOptions.defaults().withProgress((done, total) -> calls.add(new long[] {done, total})),
                Transfers.DOWNLOAD_METHOD, "data.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertProgress(calls, SIZE);
    }

    @Test
    void downloadsOfOneClientReuseTheirConnection() throws Exception {
        List<Integer> ports = new CopyOnWriteArrayList<>();
        server.serve("/Data/Counted", exchange -> {
            ports.add(exchange.getRemoteAddress().getPort());
            files.handle(exchange);
        });
        try (GatehouseClient counted = GatehouseClient.builder().url(server.url("/Data/Counted"))
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates"))).build()) {
            assertTrue(counted.receiveFile(dir.resolve("one"), "data.bin").ok());
            assertTrue(counted.receiveFile(dir.resolve("two"), "data.bin").ok());
            TransferSockets sockets = counted.transferSockets();
            assertTrue(sockets == counted.transferSockets(), "one socket factory per client");
        }
        // download, checksum, download, checksum: the second download on the first one's connection
        assertEquals(4, ports.size(), ports::toString);
        assertEquals(ports.get(0), ports.get(2), ports::toString);
    }

    @Test
    void transfersOfferTls13And12OnlyAndCheckTheHostName() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", server.port());
             SSLSocket socket = (SSLSocket) client.transferSockets().createSocket(plain, "localhost", server.port(),
                     true)) {
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(socket.getEnabledProtocols()));
            assertEquals("HTTPS", socket.getSSLParameters().getEndpointIdentificationAlgorithm());
        }
    }

    @Test
    void anIpAddressUrlWorksForTransfers() throws Exception {
        try (GatehouseClient byAddress = GatehouseClient.builder()
                .url("https://127.0.0.1:" + server.port() + PATH)
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates"))).build()) {
            Path out = dir.resolve("data.bin");
            FileTransfer transfer = byAddress.receiveFile(out, "data.bin");
            assertTrue(transfer.ok(), transfer::toString);
            assertArrayEquals(content, Files.readAllBytes(out));
        }
    }

    @Test
    void aServerCertificateForAnotherHostIsRefusedForTransfers() throws Exception {
        try (FakeGatehouse elsewhere = FakeGatehouse.start(FakeGatehouse.serverContext(
                TlsTest.hostKeyStore(pki, "C=ch,O=Gatehouse,OU=Hosts,CN=elsewhere", "elsewhere.example"),
                FakeGatehouse.gridTrust(pki.resolve("certificates"))))) {
            elsewhere.serve(PATH, files);
            try (GatehouseClient misled = GatehouseClient.builder().url(elsewhere.url(PATH))
                    .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                    .trust(ClientTrust.caDirectory(pki.resolve("certificates"))).build()) {
                Path out = dir.resolve("data.bin");
                FileTransfer down = misled.receiveFile(out, "data.bin");
                assertFalse(down.ok());
                assertEquals(Errors.ECONNREFUSED, down.errno());
                assertTrue(down.message().contains("TLS handshake failed"), down.message());
                assertTrue(down.message().contains("does not match the host name"), down.message());
                assertTrue(down.message().contains("DNS:elsewhere.example, not for localhost"), down.message());
                assertFalse(Files.exists(out));
                assertFalse(Files.exists(FileTransfers.partFile(out)));

                Path source = dir.resolve("up.bin");
                Files.write(source, content);
                FileTransfer up = misled.sendFile(source, "stored.bin");
                assertFalse(up.ok());
                assertEquals(Errors.ECONNREFUSED, up.errno());
                assertTrue(up.message().contains("does not match the host name"), up.message());
                assertEquals(0, up.bytesTransferred());
            }
        }
        assertTrue(files.requests.isEmpty(), files.requests::toString);
        assertTrue(files.uploads.isEmpty());
    }

    static void assertProgress(List<long[]> calls, long size) {
        assertTrue(calls.size() >= 2, "calls: " + calls.size());
        assertTrue(calls.size() < 60, "throttled: " + calls.size());
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "monotonic at " + i);
        }
        long[] last = calls.get(calls.size() - 1);
        assertEquals(size, last[0]);
        assertEquals(size, last[1]);
    }

    @Test
    void aDirectoryOrAMissingParentIsALocalFailure() {
        FileTransfer directory = client.receiveFile(dir, "data.bin");
        assertFalse(directory.ok());
        assertEquals(Errors.EISDIR, directory.errno());
        assertEquals(0, directory.attempts());
        FileTransfer noParent = client.receiveFile(dir.resolve("no/such/dir/f"), "data.bin");
        assertEquals(Errors.ENOENT, noParent.errno());
        assertTrue(files.requests.isEmpty());
    }

    // ---- uploads ----

    @Test
    void anUploadSendsTheQueryAndTheBodyAndChecksTheHeader() throws Exception {
        Path source = dir.resolve("up.bin");
        Files.write(source, content);
        try (GatehouseClient host = client(Duration.ofSeconds(30), true)) {
            FileTransfer transfer = host.sendFile(source, "stored.bin", 7);
            assertTrue(transfer.ok(), transfer::toString);
            assertTrue(transfer.verified());
            assertEquals(FakeFileService.checksum(content), transfer.checksum());
            assertEquals(SIZE, transfer.bytesTransferred());
            assertEquals(1, transfer.attempts());
            assertEquals(SIZE, transfer.result().value().asJsonObject().getInt("size"));
        }
        FakeFileService.Request request = files.requests.get(0);
        assertEquals(Transfers.UPLOAD_METHOD, request.method());
        assertEquals("[\"stored.bin\",7]", request.args());
        assertEquals("\"hosts\"", request.extraCredentials());
        assertEquals("application/octet-stream", request.contentType());
        assertTrue(request.query().startsWith("method=streamFromClient&args="), request.query());
        assertEquals("[\"stored.bin\",7]", URLDecoder.decode(request.query().split("&")[1].substring(5),
                StandardCharsets.UTF_8));
        assertArrayEquals(content, files.uploads.get("stored.bin"));
    }

    @Test
    void anUploadWithAnotherMethodAndProgress() throws Exception {
        Path source = dir.resolve("up.bin");
        Files.write(source, content);
        List<long[]> calls = new CopyOnWriteArrayList<>();
        FileTransfer transfer = client.sendFile(source,
                TransferOptions.defaults().withProgress((done, total) -> calls.add(new long[] {done, total})),
                "putFile", "x.bin");
        assertTrue(transfer.ok(), transfer::toString);
        assertEquals("putFile", files.requests.get(0).method());
        assertProgress(calls, SIZE);
    }

    @Test
    void aMismatchingUploadHeaderFails() throws Exception {
        files.uploadMode = FakeFileService.UploadMode.BAD_HEADER;
        Path source = dir.resolve("up.bin");
        Files.write(source, content);
        FileTransfer transfer = client.sendFile(source, "stored.bin");
        assertFalse(transfer.ok());
        assertEquals(Errors.EIO, transfer.errno());
        assertTrue(transfer.message().contains("adler32=00000000"), transfer.message());
        assertTrue(transfer.message().contains(FakeFileService.checksum(content).adler32()), transfer.message());
        assertTrue(transfer.result().ok(), "the method's own reply is kept");
    }

    @Test
    void anUploadWithoutTheHeaderFails() throws Exception {
        files.uploadMode = FakeFileService.UploadMode.NO_HEADER;
        Path source = dir.resolve("up.bin");
        Files.write(source, content);
        FileTransfer transfer = client.sendFile(source, "stored.bin");
        assertFalse(transfer.ok());
        assertEquals(Errors.EIO, transfer.errno());
        assertTrue(transfer.message().contains(Transfers.CHECKSUM_HEADER), transfer.message());
    }

    @Test
    void anUploadRefusedIsTheServersSError() throws Exception {
        files.uploadMode = FakeFileService.UploadMode.TOO_LARGE;
        Path source = dir.resolve("up.bin");
        Files.write(source, content);
        FileTransfer transfer = client.sendFile(source, "stored.bin");
        assertFalse(transfer.ok());
        assertEquals(27, transfer.errno());
        assertEquals(413, transfer.httpStatus());
        assertTrue(transfer.message().contains("over the service's limit"), transfer.message());
        assertFalse(transfer.result().ok());
    }

    @Test
    void anUploadWhoseBodyStopsGoingOutIsGivenUp() throws Exception {
        // A server that reads nothing: once the socket buffers are full, writes block until the stall timeout.
        server.serve("/Data/Deaf", exchange -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        Path source = dir.resolve("big.bin");
        try (var out = Files.newOutputStream(source)) {
            for (int i = 0; i < 64; i++) {
                out.write(content, 0, 1 << 20);
            }
        }
        try (GatehouseClient deaf = GatehouseClient.builder().url(server.url("/Data/Deaf"))
                .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .trust(ClientTrust.caDirectory(pki.resolve("certificates"))).build()) {
            long start = System.nanoTime();
            FileTransfer transfer = deaf.sendFile(source, fast().withStallTimeout(Duration.ofMillis(500)),
                    Transfers.UPLOAD_METHOD, "big.bin");
            assertFalse(transfer.ok());
            assertEquals(Errors.ETIMEDOUT, transfer.errno());
            assertTrue(transfer.message().contains("stalled: no byte went out for 0.500 s"), transfer.message());
            assertTrue(transfer.message().contains("NOT retried"), transfer.message());
            assertTrue(transfer.bytesTransferred() < 64 << 20, transfer::toString);
            assertTrue(System.nanoTime() - start < Duration.ofMillis(4000).toNanos(), "did not wait for the server");
        }
    }

    @Test
    void anEmptyFileIsSentToo() throws Exception {
        Path source = Files.createFile(dir.resolve("empty"));
        FileTransfer transfer = client.sendFile(source, "empty");
        assertTrue(transfer.ok(), transfer::toString);
        assertEquals(0, transfer.size());
    }

    @Test
    void aMissingSourceIsALocalFailure() {
        FileTransfer transfer = client.sendFile(dir.resolve("nothing"), "x");
        assertFalse(transfer.ok());
        assertEquals(Errors.ENOENT, transfer.errno());
        assertEquals(0, transfer.attempts());
        assertTrue(files.requests.isEmpty());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TransferOptions.defaults().withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> TransferOptions.defaults().withStallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> client.receiveFile(dir.resolve("f"),
                TransferOptions.defaults(), "", "x"));
        assertEquals(5, TransferOptions.defaults().maxAttempts());
        assertTrue(TransferOptions.defaults().resume());
    }

    @Test
    void contentRangeIsParsed() {
        assertArrayEquals(new long[] {5, 9, 10}, FileTransfers.contentRange("bytes 5-9/10"));
        assertArrayEquals(new long[] {5, 9, -1}, FileTransfers.contentRange("bytes 5-9/*"));
        assertNull(FileTransfers.contentRange("bytes */10"));
        assertNull(FileTransfers.contentRange(null));
    }
}
