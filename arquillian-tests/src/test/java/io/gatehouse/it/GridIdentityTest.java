package io.gatehouse.it;

import io.gatehouse.credentials.IssuedCredential;

import jakarta.json.JsonObject;


import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hostile-chain suite: every chain of the build's catalogue over real TLS against the deployed WAR, behind
 * the grid trust manager. Good chains are accepted with the right DN, group and flags; bad ones never reach a
 * service (refused at the handshake).
 */
@ExtendWith(ArquillianExtension.class)
class GridIdentityTest {

    private static final String HELLO = "Framework/Hello";
    private static final String ALICE = "/C=ch/O=Gatehouse/OU=Users/CN=alice";
    private static final String BOB = "/C=ch/O=Gatehouse/OU=Users/CN=bob";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    private static JsonObject whoami(Caller caller) {
        return caller.call(HELLO, "whoami", "[]").value().asJsonObject();
    }

    @ParameterizedTest(name = "{0}: DN {1}, group {2}, limited {3}")
    @CsvSource(delimiter = '|', value = {
            "rfc-proxy        | alice | dirac_user  | false | 1",
            "rfc-proxy-group  | bob   | dirac_user  | false | 1",
            "rfc-limited      | alice | dirac_user  | true  | 1",
            "legacy-proxy     | alice | dirac_user  | false | 1",
            "legacy-limited   | alice | dirac_user  | true  | 1",
            "proxy-of-proxy   | alice | dirac_user  | false | 2",
            "limited-of-proxy | alice | dirac_user  | true  | 2",
            "pathlen-ok       | alice | dirac_user  | false | 2",
            "legacy-of-legacy | alice | dirac_user  | false | 2",
            "group-on-first   | bob   | dirac_user  | false | 2",
    })
    void goodProxyChainsAreAcceptedWithTheirIdentity(String chain, String user, String group, boolean limited,
                                                    int steps) {
        JsonObject me = whoami(Caller.chain(chain));
        String dn = "/C=ch/O=Gatehouse/OU=Users/CN=" + user;
        assertEquals(Set.of("subject", "issuer", "secondsLeft", "isProxy", "isLimitedProxy", "validDN", "validGroup",
                "DN", "identity", "group", "VO", "username", "properties"), me.keySet(), chain);
        assertEquals(dn, me.getString("DN"), chain);
        assertEquals(dn, me.getString("identity"), chain);
        assertEquals(user, me.getString("username"), chain);
        assertEquals(group, me.getString("group"), chain);
        assertTrue(me.getBoolean("isProxy"), chain);
        assertEquals(limited, me.getBoolean("isLimitedProxy"), chain);
        assertTrue(me.getBoolean("validDN") && me.getBoolean("validGroup"), chain);
        String subject = me.getString("subject");
        assertTrue(subject.startsWith(dn + "/CN="), chain + ": " + subject);
        assertEquals(steps, subject.substring(dn.length()).split("/CN=").length - 1, chain + ": " + subject);
        assertEquals(subject.substring(0, subject.lastIndexOf("/CN=")), me.getString("issuer"), chain);
        long secondsLeft = me.getJsonNumber("secondsLeft").longValue();
        assertTrue(secondsLeft > 3600 && secondsLeft <= 24 * 3600, chain + ": secondsLeft " + secondsLeft);
    }

    @Test
    void aGroupInTheProxyOverridesTheUsersDefault() {
        assertEquals("dirac_admin", whoami(Caller.user("bob")).getString("group"));
        JsonObject proxy = whoami(Caller.chain("rfc-proxy-group"));
        assertEquals("dirac_user", proxy.getString("group"));
        assertEquals(List.of("NormalUser"), proxy.getJsonArray("properties").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void legacyProxySubjectsEndAsGlobusWroteThem() {
        assertTrue(whoami(Caller.chain("legacy-proxy")).getString("subject").equals(ALICE + "/CN=proxy"));
        assertTrue(whoami(Caller.chain("legacy-limited")).getString("subject").equals(ALICE + "/CN=limited proxy"));
    }

    @ParameterizedTest(name = "{0} is refused at the handshake")
    @ValueSource(strings = {
            "proxy-of-limited", "expired-user", "not-yet-valid-user", "revoked-user", "proxy-of-revoked", "expired-proxy",
            "not-yet-valid-proxy", "proxy-wrong-signer", "proxy-wrong-subject", "proxy-two-cn", "beyond-pathlen",
            "unknown-policy", "proxy-is-ca", "ee-ca-flag", "proxy-of-ca-flag", "weak-user", "weak-proxy",
            "proxy-of-untrusted", "legacy-wrong-signer", "proxy-no-signing", "outside-namespace", "denied-subtree"})
    void badChainsAreRefusedAtTheHandshake(String chain) {
        assertRefused(Caller.chain(chain));
    }

    @Test
    void endEntityCertificatesOfTheCatalogueBehaveAsUsersVisitorsOrStrangers() {
        assertEquals(ALICE, whoami(Caller.user("alice")).getString("DN"));
        assertEquals(BOB, whoami(Caller.user("bob")).getString("DN"));
        assertFalse(whoami(Caller.user("alice")).getBoolean("isProxy"));
        assertEquals(401, Caller.user("stranger").call(HELLO, "whoami", "[]").status());
        assertRefused(Caller.untrusted());
    }

    @Test
    void aProxyMadeByOpensslWorksWithCurl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assumeTrue(commandExists("curl") && commandExists("openssl"), "curl and openssl are needed");
        Path alice = Caller.PKI.resolve("users/alice");
        Files.writeString(dir.resolve("ext.cnf"), "[proxy]\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "proxyCertInfo=critical,language:id-ppl-inheritAll\n");
        run(dir, "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "proxykey.pem", "-subj",
                "/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=424242", "-out", "proxy.csr");
        run(dir, "openssl", "x509", "-req", "-in", "proxy.csr", "-CA", alice.resolve("usercert.pem").toString(),
                "-CAkey", alice.resolve("userkey.pem").toString(), "-set_serial", "424242", "-days", "1",
                "-extfile", "ext.cnf", "-extensions", "proxy", "-out", "proxycert.pem");
        Path proxyFile = dir.resolve("x509up");
        Files.writeString(proxyFile, Files.readString(dir.resolve("proxycert.pem"))
                + Files.readString(dir.resolve("proxykey.pem")) + Files.readString(alice.resolve("usercert.pem")));
        JsonObject me = curlWhoami(proxyFile);
        assertEquals(ALICE, me.getString("DN"));
        assertEquals(ALICE + "/CN=424242", me.getString("subject"));
        assertTrue(me.getBoolean("isProxy"));
    }

    @Test
    void theGeneratorsProxyFileWorksWithCurl() throws Exception {
        assumeTrue(commandExists("curl"), "curl is needed");
        JsonObject me = curlWhoami(Caller.PKI.resolve("users/alice/proxy.pem"));
        assertEquals(ALICE, me.getString("DN"));
        assertTrue(me.getBoolean("isProxy"));
        assertEquals("alice", me.getString("username"));
    }

    /**
     * The documented interval: the test server re-reads its CA directory every 2 s
     * ({@code gatehouse.trust.updateSeconds}); the refusal must come within that plus the time a handshake takes.
     */
    @Test
    void aNewCrlInTheCaDirectoryRevokesAUserWithoutARestart(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        TestCa ca = TestCa.load();
        IssuedCredential user = ca.issueUser("C=ch,O=Gatehouse,OU=Users,CN=revocable");
        Path p12 = TestCa.keyStore(dir, "revocable", user);
        assertEquals(200, Caller.keyStore(p12).call(HELLO, "ping", "[]").status());

        Instant replaced = Instant.now();
        ca.revoke(user);

        Duration refusedAfter = null;
        while (refusedAfter == null && Duration.between(replaced, Instant.now()).toSeconds() < 20) {
            try {
                Caller.keyStore(p12).call(HELLO, "ping", "[]");
                Thread.sleep(250);
            } catch (UncheckedIOException refused) {
                refusedAfter = Duration.between(replaced, Instant.now());
            }
        }
        assertTrue(refusedAfter != null, "the revoked user was still accepted 20 s after the CRL changed");
        assertTrue(refusedAfter.toMillis() < 2000 + 3000, "refused only after " + refusedAfter);
        System.out.println("GridIdentityTest: the revoked user was refused " + refusedAfter.toMillis()
                + " ms after the CRL changed on disk (update interval 2 s)");
        assertEquals(ALICE, whoami(Caller.user("alice")).getString("DN"));
    }

    private static JsonObject curlWhoami(Path proxyFile) throws Exception {
        String out = run(proxyFile.getParent(), "curl", "-sS", "--cert", proxyFile.toString(), "--cacert",
                Caller.PKI.resolve("ca/ca.pem").toString(), "-d", "method=whoami", Caller.url("/" + HELLO).toString());
        Reply reply = new Reply(200, null, out.getBytes(StandardCharsets.UTF_8));
        return reply.value().asJsonObject();
    }

    static void assertRefused(Caller caller) {
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> caller.call(HELLO, "ping", "[]"), "the server answered instead of refusing");
        assertTrue(refused.getCause() instanceof java.io.IOException, refused.toString());
    }

    private static boolean commandExists(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
