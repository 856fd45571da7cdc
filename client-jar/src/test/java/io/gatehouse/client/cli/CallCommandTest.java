package io.gatehouse.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.testpki.DevPki;

/** The calling commands without a server: usage errors, credentials and unreachable URLs. */
class CallCommandTest {

    @TempDir
    static Path pki;

    static String caDir;
    static String proxy;

    @BeforeAll
    static void makePki() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        caDir = pki.resolve("certificates").toString();
        proxy = pki.resolve("users/alice/" + DevPki.USER_PROXY).toString();
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void callToAClosedPortExitsWithFour() throws Exception {
        String url = "https://localhost:" + closedPort() + "/Framework/Hello";
        Cli.Run run = Cli.run("call", "--proxy", proxy, "--ca-dir", caDir, url, "echo", "1");
        assertEquals(4, run.code(), run::show);
        assertTrue(run.err().startsWith("gatehouse call: "), run::show);
        assertTrue(run.err().contains(url), run::show);
        assertTrue(run.err().contains("Is the server running, and are the host and port right?"), run::show);
        assertEquals("", run.out(), run::show);
    }

    @Test
    void callJsonPrintsTheClientsSErrorWhenNoUrlAnswers() throws Exception {
        String url = "https://localhost:" + closedPort() + "/Framework/Hello";
        Cli.Run run = Cli.run("call", "--json", "--proxy", proxy, "--ca-dir", caDir, url, "echo", "1");
        assertEquals(4, run.code(), run::show);
        assertEquals(false, run.jsonObject().getBoolean("OK"));
        assertEquals(111, run.jsonObject().getInt("Errno"));
        assertTrue(run.jsonObject().getString("Message").contains(url), run::show);
    }

    @Test
    void everyFailoverUrlIsTriedAndNamed() throws Exception {
        String first = "https://localhost:" + closedPort() + "/Framework/Hello";
        String second = "https://127.0.0.1:" + closedPort() + "/Framework/Hello";
        Cli.Run run = Cli.run("ping", "--proxy", proxy, "--ca-dir", caDir, first, "--url", second);
        assertEquals(4, run.code(), run::show);
        assertTrue(run.err().contains(first) && run.err().contains(second), run::show);
    }

    @Test
    void negativeNumbersAreArgumentsNotOptions() throws Exception {
        String url = "https://localhost:" + closedPort() + "/Framework/Hello";
        Cli.Run run = Cli.run("call", "--proxy", proxy, "--ca-dir", caDir, url, "echo", "-5", "-2.5");
        assertEquals(4, run.code(), run::show); // parsed, then unreachable
    }

    @Test
    void usageErrorsExitWithTwo() {
        String url = "https://localhost:8443/Framework/Hello";
        String[][] cases = {
            {},
            {"no-such-command"},
            {"call"},
            {"call", url},
            {"call", "sayHello", "world"},
            {"call", "localhost:8443/Framework/Hello", "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "ftp://localhost/Framework/Hello", "ping"},
            {"call", "--bogus", url, "ping"},
            {"call", "--proxy", proxy, "--p12", "user.p12", url, "ping"},
            {"call", "--key", "key.pem", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", "/no/such/dir", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "--truststore", "t.p12", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "--timeout", "0", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "--timeout", "soon", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "--host-mode", "--delegate", "/CN=a", "g", url, "ping"},
            {"call", "--proxy", proxy, "--ca-dir", caDir, "--delegate", "/CN=a", url, "ping"},
            {"ping"},
            {"whoami", "--proxy", proxy},
            {"bench", "--calls", "0", url},
            {"bench", "--concurrency", "0", url},
        };
        for (String[] args : cases) {
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.code(), run::show);
            assertTrue(run.err().contains("--help"), run::show);
            assertEquals("", run.out(), run::show);
        }
    }

    @Test
    void unknownOptionsGetSuggestions() {
        Cli.Run run = Cli.run("call", "--proxi", "x", "https://localhost:8443/A/B", "ping");
        assertEquals(2, run.code(), run::show);
        assertTrue(run.err().contains("--proxy"), run::show);
    }

    @Test
    void missingCredentialFilesExitWithThree() {
        String url = "https://localhost:8443/Framework/Hello";
        String[][] cases = {
            {"call", "--proxy", pki.resolve("nothing.pem").toString(), "--ca-dir", caDir, url, "ping"},
            {"call", "--cert", pki.resolve("nothing.pem").toString(), "--ca-dir", caDir, url, "ping"},
            {"whoami", "--p12", pki.resolve("nothing.p12").toString(), "--ca-dir", caDir, url},
            // a certificate without its key: the key is looked for in the same file
            {"whoami", "--cert", pki.resolve("users/alice/usercert.pem").toString(), "--ca-dir", caDir, url},
            // a PKCS#12 file without a password source
            {"ping", "--p12", pki.resolve("users/alice/user.p12").toString(), "--ca-dir", caDir, url},
        };
        for (String[] args : cases) {
            Cli.Run run = Cli.run(args);
            assertEquals(3, run.code(), run::show);
            assertEquals("", run.out(), run::show);
        }
    }

    @Test
    void helpListsExitCodesAndExamples() {
        for (String command : List.of("call", "ping", "whoami", "proxy-init", "proxy-info", "bench")) {
            Cli.Run run = Cli.run(command, "--help");
            assertEquals(0, run.code(), run::show);
            assertTrue(run.out().contains("Exit codes:"), run::show);
            assertTrue(run.out().contains("7   timeout"), run::show);
            assertTrue(run.out().contains("Examples:"), run::show);
        }
        Cli.Run top = Cli.run("--help");
        assertEquals(0, top.code(), top::show);
        for (String command : List.of("call", "ping", "whoami", "proxy-init", "proxy-info", "bench")) {
            assertTrue(top.out().contains("  " + command + " "), top::show);
        }
        Cli.Run version = Cli.run("--version");
        assertEquals(0, version.code(), version::show);
        assertTrue(version.out().startsWith("gatehouse "), version::show);
    }
}
