package io.gatehouse.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.api.wire.Transfers;
import io.gatehouse.client.FakeFileService;
import io.gatehouse.testpki.DevPki;

/** get-file and put-file against an in-process file service. */
class FileCommandsTest {

    @TempDir
    static Path pki;

    @TempDir
    Path dir;

    static TestServer server;
    static FakeFileService files;
    static String url;
    static String caDir;
    static String proxy;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        caDir = pki.resolve("certificates").toString();
        proxy = pki.resolve("users/alice/" + DevPki.USER_PROXY).toString();
        server = new TestServer(pki);
        files = new FakeFileService();
        server.serve("/Data/Files", files);
        url = server.url("/Data/Files");
        content = new byte[300_000];
        new Random(7).nextBytes(content);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        files.reset();
        files.files.put("/vo/f.dst", content);
    }

    private static Cli.Run as(String command, String... args) {
        return Cli.runWith(command, proxy, caDir, args);
    }

    @Test
    void getFilePrintsOneLine() throws Exception {
        Path out = dir.resolve("f.dst");
        Cli.Run run = as("get-file", url, "/vo/f.dst", "-o", out.toString());
        assertEquals(0, run.code(), run::show);
        assertArrayEquals(content, Files.readAllBytes(out));
        Transfers.Checksum sum = FakeFileService.checksum(content);
        assertTrue(run.out().startsWith("received " + out + " " + content.length + " bytes adler32=" + sum.adler32()
                + " sha256=" + sum.sha256() + " in "), run::show);
        assertTrue(run.out().endsWith(" MiB/s)\n"), run::show);
        assertEquals(1, run.out().lines().count(), run::show);
        assertEquals("", run.err(), run::show); // no terminal: no progress bar
        assertEquals("[\"/vo/f.dst\"]", files.downloads().get(0).args());
    }

    @Test
    void getFileJsonIsOneObject() throws Exception {
        files.mode = FakeFileService.Mode.CUT_FIRST;
        Path out = dir.resolve("f.dst");
        Cli.Run run = as("get-file", "--json", url, "/vo/f.dst", "--output", out.toString());
        assertEquals(0, run.code(), run::show);
        assertEquals(1, run.out().lines().count(), run::show);
        JsonObject json = run.jsonObject();
        Transfers.Checksum sum = FakeFileService.checksum(content);
        assertEquals(out.toString(), json.getString("file"));
        assertEquals(content.length, json.getJsonNumber("bytes").longValue());
        assertEquals(sum.adler32(), json.getString("adler32"));
        assertEquals(sum.sha256(), json.getString("sha256"));
        assertEquals(2, json.getInt("attempts"));
        assertTrue(json.getJsonNumber("seconds").doubleValue() >= 0);
        assertArrayEquals(content, Files.readAllBytes(out));
    }

    @Test
    void getFileWithAnotherMethodAndJsonArguments() throws Exception {
        Path out = dir.resolve("f.dst");
        Cli.Run run = as("get-file", "--method", "getFile", url, "/vo/f.dst", "3", "-o", out.toString());
        assertEquals(0, run.code(), run::show);
        assertEquals("getFile", files.downloads().get(0).method());
        assertEquals("[\"/vo/f.dst\",3]", files.downloads().get(0).args());
    }

    @Test
    void getFileOfAMissingFileExitsWithOne() {
        Path out = dir.resolve("nothing");
        Cli.Run run = as("get-file", url, "/vo/nothing", "-o", out.toString());
        assertEquals(1, run.code(), run::show);
        assertTrue(run.err().contains("No such file: /vo/nothing"), run::show);
        assertEquals("", run.out(), run::show);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("nothing.part")));
    }

    @Test
    void getFileRefusedExitsWithFive() {
        Cli.Run run = as("get-file", "--json", url, "secret", "-o", dir.resolve("s").toString());
        assertEquals(5, run.code(), run::show);
        JsonObject json = run.jsonObject();
        assertFalse(json.getBoolean("ok"));
        assertEquals(13, json.getInt("errno"));
        assertTrue(run.err().contains("secret is not for you"), run::show);
    }

    @Test
    void getFileChecksumMismatchExitsWithOne() {
        files.mode = FakeFileService.Mode.WRONG_CHECKSUM;
        Path out = dir.resolve("f.dst");
        Cli.Run run = as("get-file", url, "/vo/f.dst", "-o", out.toString());
        assertEquals(1, run.code(), run::show);
        assertTrue(run.err().contains("checksum mismatch"), run::show);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("f.dst.part")));
    }

    @Test
    void getFileUsageErrorsExitWithTwo() {
        Cli.Run noOutput = as("get-file", url, "/vo/f.dst");
        assertEquals(2, noOutput.code(), noOutput::show);
        Cli.Run noDirectory = as("get-file", url, "/vo/f.dst", "-o", dir.resolve("no/such/f").toString());
        assertEquals(2, noDirectory.code(), noDirectory::show);
        Cli.Run directory = as("get-file", url, "/vo/f.dst", "-o", dir.toString());
        assertEquals(2, directory.code(), directory::show);
        assertTrue(files.requests.isEmpty());
    }

    @Test
    void putFileJsonCarriesTheValue() throws Exception {
        Path in = dir.resolve("up.bin");
        Files.write(in, content);
        Cli.Run run = as("put-file", "--json", url, in.toString(), "/vo/up.bin", "2");
        assertEquals(0, run.code(), run::show);
        JsonObject json = run.jsonObject();
        assertEquals(content.length, json.getJsonNumber("bytes").longValue());
        assertEquals(FakeFileService.checksum(content).sha256(), json.getString("sha256"));
        assertEquals(1, json.getInt("attempts"));
        assertEquals("/vo/up.bin", json.getJsonObject("value").getString("stored"));
        assertArrayEquals(content, files.uploads.get("/vo/up.bin"));
        assertEquals(Transfers.UPLOAD_METHOD, files.requests.get(0).method());
        assertEquals("[\"/vo/up.bin\",2]", files.requests.get(0).args());
    }

    @Test
    void putFilePrintsOneLine() throws Exception {
        Path in = dir.resolve("up.bin");
        Files.write(in, content);
        Cli.Run run = as("put-file", url, in.toString(), "/vo/up.bin");
        assertEquals(0, run.code(), run::show);
        assertTrue(run.out().startsWith("sent " + in + " " + content.length + " bytes adler32="), run::show);
    }

    @Test
    void putFileFailures() throws Exception {
        Cli.Run missing = as("put-file", url, dir.resolve("nothing").toString());
        assertEquals(2, missing.code(), missing::show);
        assertTrue(missing.err().contains("there is no file"), missing::show);

        Path in = dir.resolve("up.bin");
        Files.write(in, content);
        files.uploadMode = FakeFileService.UploadMode.BAD_HEADER;
        Cli.Run mismatch = as("put-file", url, in.toString(), "/vo/up.bin");
        assertEquals(1, mismatch.code(), mismatch::show);
        assertTrue(mismatch.err().contains("checksum mismatch"), mismatch::show);

        files.uploadMode = FakeFileService.UploadMode.TOO_LARGE;
        Cli.Run tooLarge = as("put-file", url, in.toString(), "/vo/up.bin");
        assertEquals(1, tooLarge.code(), tooLarge::show);
        assertTrue(tooLarge.err().contains("over the service's limit"), tooLarge::show);
    }

    @Test
    void theProgressLine() {
        assertEquals(" 50% [###############---------------] 1.0 MiB/2.0 MiB  1.0 MiB/s  ETA 0:01",
                ProgressBar.line(1 << 20, 2 << 20, 1 << 20, 1_000_000_000L));
        assertEquals("100% [##############################] 2.0 GiB/2.0 GiB  256 MiB/s  8.0 s",
                ProgressBar.line(2L << 30, 2L << 30, 2L << 30, 8_000_000_000L));
        assertEquals("512 B  0.00 MiB/s", ProgressBar.line(512, -1, 512, 1_000_000_000L));
        assertEquals("1:02:03", ProgressBar.clock(3723));
        assertEquals("1.5 KiB", ProgressBar.bytes(1536));
    }

    @Test
    void theProgressBarRedrawsOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        ProgressBar bar = new ProgressBar(new java.io.PrintWriter(text), "f.dst");
        bar.progress(0, 100);
        bar.progress(10, 100); // within 100 ms: not drawn
        bar.progress(100, 100); // the end: drawn
        bar.finish();
        String drawn = text.toString();
        assertEquals(2, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertTrue(drawn.endsWith("\n"), drawn);
        assertTrue(drawn.contains("f.dst 100% ["), drawn);
    }
}
