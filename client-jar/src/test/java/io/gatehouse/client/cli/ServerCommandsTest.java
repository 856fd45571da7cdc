package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.testpki.DevPki;

/** call, ping, whoami and bench against an in-process HTTPS server. */
class ServerCommandsTest {

    @TempDir
    static Path pki;

    static TestServer server;
    static String url;
    static String caDir;
    static String proxy;
    static String aliceDn;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        caDir = pki.resolve("certificates").toString();
        aliceDn = OpenSslNames.oneLine(DevPki.userSubject("alice"));
        proxy = pki.resolve("alice-proxy.pem").toString();
        Cli.Run init = Cli.run("proxy-init", "--cert", pki.resolve("users/alice/usercert.pem").toString(),
                "--key", pki.resolve("users/alice/userkey.pem").toString(), "--group", "alice_group", "--out", proxy);
        assertEquals(0, init.code(), init::show);
        server = new TestServer(pki);
        url = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Cli.Run as(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = args[0];
        all[1] = "--proxy";
        all[2] = proxy;
        all[3] = "--ca-dir=" + caDir;
        System.arraycopy(args, 1, all, 4, args.length - 1);
        return Cli.run(all);
    }

    @Test
    void callPrintsStringsPlainAndStructuresAsIndentedJson() {
        Cli.Run text = as("call", url, "echo", "hello");
        assertEquals(0, text.code(), text::show);
        assertEquals("hello\n", text.out(), text::show);
        assertEquals("", text.err(), text::show);

        Cli.Run number = as("call", url, "echo", "-5");
        assertEquals(0, number.code(), number::show);
        assertEquals("-5\n", number.out(), number::show);

        Cli.Run structure = as("call", url, "echo", "{\"a\": [1, 2], \"b\": {}, \"c\": \"x\\ny\"}");
        assertEquals(0, structure.code(), structure::show);
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": \"x\\ny\"\n}\n", structure.out(),
                structure::show);
    }

    @Test
    void callJsonPrintsDiracsReply() {
        Cli.Run run = as("call", "--json", url, "echo", "{\"__dCls\":\"dt\",\"obj\":\"2024-05-01 12:00:00\"}");
        assertEquals(0, run.code(), run::show);
        JsonObject reply = run.jsonObject();
        assertTrue(reply.getBoolean("OK"));
        assertEquals("dt", reply.getJsonObject("Value").getString("__dCls"));
    }

    @Test
    void callWithTheUrlAsAnOption() {
        Cli.Run run = as("call", "--url", url, "echo", "word");
        assertEquals(0, run.code(), run::show);
        assertEquals("word\n", run.out(), run::show);
    }

    @Test
    void failoverGoesToTheNextUrl() throws Exception {
        String dead = "https://127.0.0.1:" + CallCommandTest.closedPort() + TestServer.PATH;
        Cli.Run run = as("call", dead, "echo", "1", "--failover", url);
        assertEquals(0, run.code(), run::show);
        assertEquals("1\n", run.out(), run::show);
    }

    @Test
    void anSErrorExitsWithOneAndShowsTheErrno() {
        Cli.Run run = as("call", url, "fail");
        assertEquals(1, run.code(), run::show);
        assertEquals("", run.out(), run::show);
        assertTrue(run.err().contains("fail on " + url + " failed: Unauthorized query [errno 1111]"), run::show);

        Cli.Run json = as("call", "--json", url, "fail");
        assertEquals(1, json.code(), json::show);
        assertEquals(Json.createObjectBuilder().add("OK", false).add("Errno", 1111)
                .add("Message", "Unauthorized query").build(), json.jsonObject());
    }

    @Test
    void forbiddenExitsWithFive() {
        Cli.Run run = as("call", url, "forbidden");
        assertEquals(5, run.code(), run::show);
        assertTrue(run.err().contains("HTTP 403"), run::show);
        assertTrue(run.err().contains("forbidden needs the property Admin"), run::show);
        assertTrue(run.err().contains("gatehouse proxy-init --group"), run::show);
    }

    @Test
    void aVisitorIsToldToMakeAProxy() {
        Cli.Run run = Cli.run("whoami", "--no-cert", "--ca-dir", caDir, url);
        assertEquals(5, run.code(), run::show);
        assertTrue(run.err().contains("No certificate was sent"), run::show);
        assertTrue(run.err().contains("gatehouse proxy-init"), run::show);
    }

    @Test
    void anUnknownMethodExitsWithSix() {
        Cli.Run run = as("call", url, "noSuchMethod", "1");
        assertEquals(6, run.code(), run::show);
        assertTrue(run.err().contains("noSuchMethod"), run::show);
    }

    @Test
    void aSlowAnswerIsATimeout() {
        Cli.Run run = as("call", "--timeout", "0.5", url, "slow");
        assertEquals(7, run.code(), run::show);
        assertTrue(run.err().contains("may or may not have run"), run::show);
    }

    @Test
    void anUntrustedServerIsATlsFailure() throws Exception {
        Path empty = Files.createDirectories(pki.resolve("empty-ca-dir"));
        Cli.Run run = Cli.run("ping", "--proxy", proxy, "--ca-dir", empty.toString(), url);
        assertEquals(4, run.code(), run::show);
        assertTrue(run.err().contains("--ca-dir"), run::show);
    }

    @Test
    void pingPrintsASummary() {
        Cli.Run run = as("ping", url);
        assertEquals(0, run.code(), run::show);
        String out = run.out();
        assertTrue(out.startsWith("Framework/Hello at " + url + "\n"), run::show);
        assertTrue(out.contains("  version     : 0.1.0-test\n"), run::show);
        assertTrue(out.contains("  service up  : 1h 2m (since 2025-01-02 03:04:05 UTC)\n"), run::show);
        assertTrue(out.contains("  host up     : 1d 1h\n"), run::show);
        assertTrue(out.contains("  load        : 0.10 0.20 0.30\n"), run::show);
        assertTrue(out.contains("  answered in : "), run::show);

        Cli.Run json = as("ping", "--json", url);
        assertEquals(0, json.code(), json::show);
        assertEquals("Framework/Hello", json.jsonObject().getString("name"));
    }

    @Test
    void whoamiShowsTheProxysIdentityAndGroup() {
        Cli.Run run = as("whoami", url);
        assertEquals(0, run.code(), run::show);
        String out = run.out();
        assertTrue(out.contains("DN               : " + aliceDn + "\n"), run::show);
        assertTrue(out.contains("group            : alice_group\n"), run::show);
        assertTrue(out.contains("username         : alice\n"), run::show);
        assertTrue(out.contains("properties       : NormalUser, ProductionManagement\n"), run::show);
        assertTrue(out.contains("proxy            : yes, not limited\n"), run::show);
        assertTrue(out.matches("(?s).*time left        : 2[34]:\\d\\d:\\d\\d\n.*"), run::show);

        Cli.Run json = as("whoami", "--json", url);
        assertEquals(0, json.code(), json::show);
        assertEquals("alice_group", json.jsonObject().getString("group"));
    }

    @Test
    void whoamiWithOtherCredentialsAndExtraCredentials() throws Exception {
        Path password = pki.resolve("p12-password");
        Files.writeString(password, DevPki.PASSWORD + "\n");
        Cli.Run p12 = Cli.run("whoami", "--p12", pki.resolve("users/alice/user.p12").toString(), "--password-file",
                password.toString(), "--truststore", pki.resolve(DevPki.TRUSTSTORE).toString(), "--host-mode", url);
        assertEquals(0, p12.code(), p12::show);
        assertTrue(p12.out().contains("proxy            : no\n"), p12::show);
        assertTrue(p12.out().contains("extraCredentials : hosts\n"), p12::show);

        Cli.Run pem = Cli.run("whoami", "--cert", pki.resolve("users/alice/usercert.pem").toString(), "--key",
                pki.resolve("users/alice/userkey.pem").toString(), "--ca-dir", caDir, "--delegate",
                "/C=ch/O=Other/CN=bob", "bob_group", "--json", url);
        assertEquals(0, pem.code(), pem::show);
        assertEquals(Json.createArrayBuilder().add("/C=ch/O=Other/CN=bob").add("bob_group").build(),
                pem.jsonObject().getJsonArray("extraCredentials"));
    }

    @Test
    void benchCountsCallsAndReportsLatency() {
        int before = server.calls.get();
        Cli.Run run = as("bench", "--calls", "60", "--concurrency", "4", "--warmup", "10", url);
        assertEquals(0, run.code(), run::show);
        assertEquals(1 + 10 + 60, server.calls.get() - before, run::show);
        assertTrue(run.out().startsWith("ping on " + url + ": 60 calls, concurrency 4, pooled connections"),
                run::show);
        assertTrue(run.out().contains("  calls/s   : "), run::show);
        assertTrue(run.out().matches("(?s).*latency   : mean [\\d.]+ ms, p50 [\\d.]+ ms, p99 [\\d.]+ ms.*"), run::show);
        assertTrue(run.out().contains("  errors    : 0\n"), run::show);

        Cli.Run json = as("bench", "--json", "--no-pool", "--calls", "5", "--warmup", "0", url);
        assertEquals(0, json.code(), json::show);
        JsonObject report = json.jsonObject();
        assertEquals(5, report.getInt("calls"));
        assertEquals(0, report.getInt("errors"));
        assertTrue(!report.getBoolean("pooled"));
        assertTrue(report.getJsonObject("latencyMs").getJsonNumber("p99").doubleValue() > 0);
        assertTrue(report.getJsonNumber("callsPerSecond").doubleValue() > 0);
    }

    @Test
    void benchStopsAtMaxSeconds() {
        Cli.Run run = as("bench", "--json", "--calls", "1000000", "--concurrency", "2", "--warmup", "0",
                "--max-seconds", "1", url);
        assertEquals(0, run.code(), run::show);
        JsonObject report = run.jsonObject();
        assertTrue(report.getBoolean("stoppedEarly"), run::show);
        assertTrue(report.getJsonNumber("seconds").doubleValue() < 10, run::show);
    }
}
