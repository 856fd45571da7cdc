package io.gatehouse.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.client.FakeDescriptions;
import io.gatehouse.testpki.DevPki;

/** gatehouse describe against an in-process HTTPS server with the description routes. */
class DescribeCommandTest {

    @TempDir
    static Path pki;

    static TestServer server;
    static String caDir;
    static String proxy;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        caDir = pki.resolve("certificates").toString();
        proxy = pki.resolve("users/alice/" + DevPki.USER_PROXY).toString();
        server = new TestServer(pki);
        server.serve("/", new FakeDescriptions());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** describe with alice's proxy and the CA directory, then the arguments. */
    private static Cli.Run describe(String... args) {
        return Cli.runWith("describe", proxy, caDir, args);
    }

    @Test
    void printsSignaturesRulesAndDocs() {
        Cli.Run run = describe(server.url("/Test/Described"));
        assertEquals(0, run.code(), run::show);
        assertEquals("", run.err(), run::show);
        List<String> lines = Arrays.asList(run.out().split("\n", -1));
        assertEquals("Test/Described", lines.get(0), run::show);
        assertEquals("  A service to describe.", lines.get(1), run::show);
        // The terminal escape the server put in a doc is not passed on.
        assertFalse(run.out().contains("\u001b"), run::show);
        assertTrue(lines.contains("  Its second paragraph ?[31mtries to colour?[0m the terminal."), run::show);
        assertContainsInOrder(lines,
                "Methods:",
                "  getFile(path: string) -> file",
                "      auth: NormalUser or TrustedHost (configuration); not callable by you; transfer: download",
                "      Sends a file.",
                "        path: Where it is.",
                "  put(name: string, size?: integer) -> null",
                "      auth: authenticated (code); transfer: upload",
                "  sayHello(name: string) -> string",
                "      auth: authenticated (code)",
                "        returns: The greeting.",
                "Built-in methods (every service has them):",
                "  ping() -> map<string,any>",
                "      auth: anyone (default)",
                "      Is the service alive?",
                "Messages (stable connections):",
                "  Post(text: string)   clients may send it",
                "      auth: NormalUser (code)",
                "        text: What is said.",
                "  Notice()   only the service sends it",
                "      Sent to everyone.");
        // sayHello's long doc is wrapped under its signature, no line wider than the width.
        int doc = lines.indexOf("      auth: authenticated (code)") + 1;
        assertTrue(lines.get(doc).startsWith("      Greets the caller. It says hello, warmly."), run::show);
        assertTrue(lines.get(doc + 1).startsWith("      "), run::show);
        for (String line : lines) {
            assertTrue(line.length() <= DescriptionText.WIDTH, line);
        }
        assertFalse(run.out().contains("Note:"), run::show);
    }

    @Test
    void jsonPrintsTheServedValue() {
        Cli.Run run = describe("--json", server.url("/Test/Described"));
        assertEquals(0, run.code(), run::show);
        assertEquals(FakeDescriptions.described(), run.jsonObject());
        assertTrue(run.out().startsWith("{\n  \"name\": \"Test/Described\",\n"), run::show);
    }

    @Test
    void theServersRootListsItsServices() {
        for (String root : List.of(server.url("/"), server.url(""))) {
            Cli.Run run = describe(root);
            assertEquals(0, run.code(), run::show);
            assertEquals("Gatehouse 0.1.0-test: 2 services\n"
                    + "  Framework/Hello  Says hello to its callers, by name.\n"
                    + "  Test/Described\n", run.out(), run::show);
        }
        Cli.Run json = describe("--json", server.url("/"));
        assertEquals(0, json.code(), json::show);
        assertEquals(FakeDescriptions.services(), json.jsonObject());
    }

    @Test
    void anUnknownServiceExitsWithOneAndTheServersMessage() {
        for (boolean asJson : new boolean[] {false, true}) {
            Cli.Run run = asJson ? describe("--json", server.url("/No/Such")) : describe(server.url("/No/Such"));
            assertEquals(ExitCodes.SERVICE_ERROR, run.code(), run::show);
            assertEquals("", run.out(), run::show);
            assertTrue(run.err().startsWith("gatehouse describe: describe on " + server.url("/No/Such")
                    + " failed (HTTP 404): Unknown service No/Such"), run::show);
            assertTrue(run.err().contains("There is no service at this URL"), run::show);
        }
    }

    @Test
    void aVisitorIsToldTheListIsIncomplete() {
        Cli.Run visitor = Cli.run("describe", "--no-cert", "--ca-dir", caDir, server.url("/Test/Visitor"));
        assertEquals(0, visitor.code(), visitor::show);
        assertFalse(visitor.out().contains("secret("), visitor::show);
        assertTrue(visitor.out().contains("  ping() -> map<string,any>\n"), visitor::show);
        assertTrue(visitor.out().endsWith("\nNote: this list leaves out the methods you may not call (you called"
                + " without a certificate: --no-cert); call with a certificate or proxy to see them all.\n"),
                visitor::show);

        Cli.Run member = describe(server.url("/Test/Visitor"));
        assertEquals(0, member.code(), member::show);
        assertTrue(member.out().contains("  secret() -> string\n"), member::show);
        assertFalse(member.out().contains("Note:"), member::show);
    }

    @Test
    void oversizedRepliesAreRefusedQuickly() {
        for (String path : List.of("/Test/Endless", "/Test/Declared", "/Test/Bomb")) {
            for (boolean asJson : new boolean[] {false, true}) {
                Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> asJson
                        ? describe("--json", server.url(path)) : describe(server.url(path)), path);
                assertEquals(ExitCodes.SERVICE_ERROR, run.code(), run::show);
                assertEquals("", run.out(), run::show);
                assertTrue(run.err().contains("is larger than 8 MiB, far more than a description"), run::show);
            }
        }
    }

    @Test
    void repliesThatAreNotDescriptionsAreReportedPlainly() {
        Cli.Run html = describe(server.url("/Test/NotJson"));
        assertEquals(ExitCodes.SERVICE_ERROR, html.code(), html::show);
        assertTrue(html.err().contains("is not DIRAC's S_OK/S_ERROR JSON: <html><body>Welcome to nginx!"),
                html::show);

        Cli.Run string = describe(server.url("/Test/NotDescription"));
        assertEquals(ExitCodes.SERVICE_ERROR, string.code(), string::show);
        assertTrue(string.err().contains("is not a service description: its value is string"), string::show);
        assertFalse(string.err().contains("Exception"), string::show);
        assertFalse(string.err().contains("\tat "), string::show);

        Cli.Run old = describe(server.url("/Test/Old"));
        assertEquals(ExitCodes.SERVICE_ERROR, old.code(), old::show);
        assertTrue(old.err().contains("(HTTP 405): HTTP method GET is not supported"), old::show);
        assertTrue(old.err().contains("This server does not describe its services"), old::show);
    }

    @Test
    void refusalsTimeoutsAndUnreachableServersHaveTheirExitCodes() throws Exception {
        Cli.Run refused = Cli.run("describe", "--no-cert", "--ca-dir", caDir, server.url("/Test/Private"));
        assertEquals(ExitCodes.NOT_AUTHORIZED, refused.code(), refused::show);
        assertTrue(refused.err().contains("a certificate is needed"), refused::show);
        assertTrue(refused.err().contains("No certificate was sent"), refused::show);

        Cli.Run slow = describe("--connect-timeout", "1", "--timeout", "1", server.url("/Test/Slow"));
        assertEquals(ExitCodes.TIMEOUT, slow.code(), slow::show);
        assertTrue(slow.err().contains("no reply from " + server.url("/Test/Slow") + " within 2 s"), slow::show);

        String closed = "https://127.0.0.1:" + CallCommandTest.closedPort() + "/Test/Described";
        Cli.Run unreachable = describe(closed);
        assertEquals(ExitCodes.UNREACHABLE, unreachable.code(), unreachable::show);
        assertTrue(unreachable.err().contains("connection refused"), unreachable::show);

        Cli.Run failover = describe(closed, "--failover", server.url("/Test/Described"));
        assertEquals(0, failover.code(), failover::show);
        assertTrue(failover.out().startsWith("Test/Described\n"), failover::show);
    }

    @Test
    void aUrlMustNameAServiceOrTheServersRoot() {
        Cli.Run half = describe(server.url("/Framework"));
        assertEquals(ExitCodes.USAGE, half.code(), half::show);
        assertTrue(half.err().contains("give https://host:port/System/Component or https://host:port/"), half::show);

        Cli.Run mixed = describe(server.url("/Test/Described"), "--failover", server.url("/"));
        assertEquals(ExitCodes.USAGE, mixed.code(), mixed::show);

        Cli.Run none = describe();
        assertEquals(ExitCodes.USAGE, none.code(), none::show);
    }

    @Test
    void helpNamesTheCommand() {
        Cli.Run help = Cli.run("--help");
        assertTrue(help.out().contains("describe"), help::show);
        Cli.Run own = Cli.run("describe", "--help");
        assertEquals(0, own.code(), own::show);
        assertTrue(own.out().contains("gatehouse describe https://localhost:8443/Framework/Hello"), own::show);
    }

    private static void assertContainsInOrder(List<String> lines, String... expected) {
        int from = 0;
        for (String line : expected) {
            int at = lines.subList(from, lines.size()).indexOf(line);
            assertTrue(at >= 0, () -> "missing, or out of order: '" + line + "' in\n" + String.join("\n", lines));
            from += at + 1;
        }
    }
}
