package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import io.gatehouse.testpki.DevPki;
import io.gatehouse.testpki.ProxyForgery;

/** proxy-init and proxy-info, on a development PKI made for the test. */
class ProxyCommandsTest {

    @TempDir
    static Path pki;

    @TempDir
    Path tmp;

    static Path cert;
    static Path key;
    static Path p12;
    static String aliceDn;

    @BeforeAll
    static void makePki() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        Path alice = pki.resolve("users/alice");
        cert = alice.resolve("usercert.pem");
        key = alice.resolve("userkey.pem");
        p12 = alice.resolve("user.p12");
        aliceDn = OpenSslNames.oneLine(DevPki.userSubject("alice"));
    }

    private Path passwordFile(String password) throws Exception {
        Path file = Files.createTempFile(tmp, "password", ".txt");
        Files.writeString(file, password + "\n");
        return file;
    }

    @Test
    void proxyInitWithGroupValidityAndLimitedThenProxyInfo() throws Exception {
        Path out = tmp.resolve("proxy.pem");
        Cli.Run init = Cli.run("proxy-init", "--cert", cert.toString(), "--key", key.toString(), "--group",
                "dirac_user", "--valid", "2:30", "--limited", "--out", out.toString());
        assertEquals(0, init.code(), init::show);
        assertTrue(init.out().contains("Proxy written to " + out), init::show);
        assertTrue(init.out().contains("dirac_user"), init::show);
        assertEquals("", init.err(), init::show);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

        IssuedCredential proxy = GridProxyFiles.read(out);
        X509Certificate leaf = proxy.certificate();
        assertTrue(ProxyCertificates.isRfc3820Proxy(leaf));
        assertTrue(ProxyCertificates.isLimitedProxy(leaf));
        assertEquals("dirac_user", ProxyCertificates.diracGroup(leaf).orElseThrow());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());

        Cli.Run info = Cli.run("proxy-info", "--file", out.toString());
        assertEquals(0, info.code(), info::show);
        assertTrue(info.out().contains("identity    : " + aliceDn + "\n"), info::show);
        assertTrue(info.out().contains("RFC 3820 proxy, limited"), info::show);
        assertTrue(info.out().contains("DIRAC group : dirac_user"), info::show);
        assertTrue(info.out().contains("key         : RSA 2048 bits"), info::show);
        assertTrue(info.out().matches("(?s).*time left   : 02:(29|30):\\d\\d \\(until .*"), info::show);
        assertTrue(info.out().contains("path        : " + out), info::show);

        Cli.Run json = Cli.run("proxy-info", "--json", "--file", out.toString());
        assertEquals(0, json.code(), json::show);
        JsonObject report = json.jsonObject();
        assertEquals("dirac_user", report.getString("group"));
        assertTrue(report.getBoolean("isLimitedProxy"));
        assertTrue(report.getBoolean("isProxy"));
        assertEquals("rfc3820", report.getString("type"));
        assertEquals(aliceDn, report.getString("identity"));
        assertEquals(aliceDn, report.getString("issuer"));
        assertTrue(report.getString("subject").startsWith(aliceDn + "/CN="));
        long secondsLeft = report.getJsonNumber("secondsLeft").longValue();
        assertTrue(secondsLeft > 2 * 3600 + 29 * 60 && secondsLeft <= 2 * 3600 + 30 * 60, json::show);
        assertFalse(report.getBoolean("expired"));
        assertEquals(2, report.getJsonArray("chain").size());
    }

    @Test
    void proxyInitDefaultsToTwentyFourHoursUnlimitedWithoutGroup() throws Exception {
        Path out = tmp.resolve("default.pem");
        Cli.Run init = Cli.run("proxy-init", "--json", "-C", cert.toString(), "-K", key.toString(), "-o",
                out.toString());
        assertEquals(0, init.code(), init::show);
        JsonObject report = init.jsonObject();
        assertTrue(report.isNull("group"));
        assertFalse(report.getBoolean("isLimitedProxy"));
        long secondsLeft = report.getJsonNumber("secondsLeft").longValue();
        assertTrue(Math.abs(secondsLeft - 24 * 3600) < 120, init::show);
        assertEquals(out.toString(), report.getString("path"));
    }

    @Test
    void proxyInitFromPkcs12AsLegacyProxy() throws Exception {
        Path out = tmp.resolve("legacy.pem");
        Cli.Run init = Cli.run("proxy-init", "--p12", p12.toString(), "--password-file",
                passwordFile(DevPki.PASSWORD).toString(), "--legacy", "--valid", "1", "--bits", "1024",
                "--out", out.toString());
        assertEquals(0, init.code(), init::show);
        assertTrue(init.err().contains("1024-bit key"), init::show); // warned, not refused
        Cli.Run info = Cli.run("proxy-info", "--file", out.toString());
        assertEquals(0, info.code(), info::show);
        assertTrue(info.out().contains("legacy (Globus GT2) proxy, not limited"), info::show);
        assertTrue(info.out().contains("subject     : " + aliceDn + "/CN=proxy\n"), info::show);
        assertTrue(info.out().contains("RSA 1024 bits"), info::show);
        // The CA in the PKCS#12 chain is not written to the proxy file.
        Cli.Run json = Cli.run("proxy-info", "--json", "--file", out.toString());
        assertEquals(List.of(aliceDn + "/CN=proxy", aliceDn), json.jsonObject().getJsonArray("chain")
                .getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void proxyInitWithAWrongPkcs12PasswordIsACredentialsError() throws Exception {
        Cli.Run init = Cli.run("proxy-init", "--p12", p12.toString(), "--password-file",
                passwordFile("wrong").toString(), "--out", tmp.resolve("x.pem").toString());
        assertEquals(3, init.code(), init::show);
        assertTrue(init.err().contains("wrong password"), init::show);
        assertFalse(Files.exists(tmp.resolve("x.pem")));
    }

    @Test
    void proxyInitWithoutAPasswordAndNoTerminalSaysHowToGiveOne() throws Exception {
        Cli.Run init = Cli.run("proxy-init", "--p12", p12.toString(), "--out", tmp.resolve("x.pem").toString());
        assertEquals(3, init.code(), init::show);
        assertTrue(init.err().contains("--password-file"), init::show);
    }

    @Test
    void proxyInitReadsEncryptedKeysInBothPemForms() throws Exception {
        PrivateKey privateKey = PemFiles.readPrivateKey(key);
        char[] password = "s3cret phrase".toCharArray();

        Path pkcs8 = tmp.resolve("pkcs8-encrypted.pem");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(privateKey, new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setPassword(password).build()));
        }
        Files.writeString(pkcs8, text.toString());
        assertTrue(text.toString().contains("BEGIN ENCRYPTED PRIVATE KEY"));

        Path traditional = tmp.resolve("openssl-encrypted.pem");
        text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(privateKey, new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider()).build(password));
        }
        Files.writeString(traditional, text.toString());
        assertTrue(text.toString().contains("Proc-Type: 4,ENCRYPTED"));

        for (Path encrypted : List.of(pkcs8, traditional)) {
            Path out = tmp.resolve(encrypted.getFileName() + ".proxy");
            Cli.Run good = Cli.run("proxy-init", "--cert", cert.toString(), "--key", encrypted.toString(),
                    "--password-file", passwordFile("s3cret phrase").toString(), "--out", out.toString());
            assertEquals(0, good.code(), good::show);
            assertTrue(Files.exists(out));

            Cli.Run wrong = Cli.run("proxy-init", "--cert", cert.toString(), "--key", encrypted.toString(),
                    "--password-file", passwordFile("nope").toString(), "--out", out + ".2");
            assertEquals(3, wrong.code(), wrong::show);
            assertTrue(wrong.err().contains("cannot decrypt the key in " + encrypted + ": wrong password?"),
                    wrong::show);

            Cli.Run none = Cli.run("proxy-init", "--cert", cert.toString(), "--key", encrypted.toString(),
                    "--out", out + ".3");
            assertEquals(3, none.code(), none::show);
            assertTrue(none.err().contains("--password-file"), none::show);
        }
    }

    @Test
    void aProxyNeverOutlivesItsCertificate() throws Exception {
        Path out = tmp.resolve("long.pem");
        Cli.Run init = Cli.run("proxy-init", "--cert", cert.toString(), "--key", key.toString(), "--valid",
                "20000", "--out", out.toString());
        assertEquals(0, init.code(), init::show);
        assertTrue(init.err().contains("note: your certificate expires at"), init::show);
        Instant certificateEnd = PemFiles.readCertificate(cert).getNotAfter().toInstant();
        Instant proxyEnd = GridProxyFiles.read(out).certificate().getNotAfter().toInstant();
        assertFalse(proxyEnd.isAfter(certificateEnd));
        assertTrue(Duration.between(proxyEnd, certificateEnd).abs().toSeconds() < 60);
    }

    @Test
    void proxyInitUsageErrors() {
        String[][] cases = {
            {"proxy-init", "--valid", "abc"},
            {"proxy-init", "--valid", "1:75"},
            {"proxy-init", "--valid", "0"},
            {"proxy-init", "--bits", "100"},
            {"proxy-init", "--bits", "many"},
            {"proxy-init", "--no-such-option"},
            {"proxy-init", "--group", "has space"},
            {"proxy-init", "--p12", "x.p12", "--cert", "y.pem"},
        };
        for (String[] args : cases) {
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.code(), run::show);
            assertTrue(run.err().contains("--help"), run::show);
            assertEquals("", run.out(), run::show);
        }
    }

    @Test
    void proxyInitWithAMissingCertificateIsACredentialsError() {
        Cli.Run run = Cli.run("proxy-init", "--cert", tmp.resolve("none.pem").toString(), "--key", key.toString(),
                "--out", tmp.resolve("p.pem").toString());
        assertEquals(3, run.code(), run::show);
        assertTrue(run.err().contains("there is no certificate " + tmp.resolve("none.pem")), run::show);
    }

    @Test
    void proxyInfoOnAnExpiredProxySaysSoAndExitsWithThree() throws Exception {
        Path expired = expiredProxy();
        Cli.Run info = Cli.run("proxy-info", "--file", expired.toString());
        assertEquals(3, info.code(), info::show);
        assertTrue(info.out().contains("time left   : EXPIRED at "), info::show);
        assertTrue(info.err().contains("your proxy expired at "), info::show);
        assertTrue(info.err().contains("make a new one with `gatehouse proxy-init`"), info::show);

        Cli.Run json = Cli.run("proxy-info", "--json", "-f", expired.toString());
        assertEquals(3, json.code(), json::show);
        assertTrue(json.jsonObject().getBoolean("expired"));
        assertEquals(0, json.jsonObject().getInt("secondsLeft"));
    }

    @Test
    void callingWithAnExpiredProxyIsACredentialsError() throws Exception {
        Path expired = expiredProxy();
        Cli.Run call = Cli.run("call", "--proxy", expired.toString(), "--ca-dir", pki.resolve("certificates").toString(),
                "https://localhost:8443/Framework/Hello", "ping");
        assertEquals(3, call.code(), call::show);
        assertTrue(call.err().contains("your proxy " + expired + " expired at "), call::show);
        assertTrue(call.err().contains("`gatehouse proxy-init`"), call::show);
    }

    @Test
    void proxyInfoOnAMissingFile() {
        Cli.Run info = Cli.run("proxy-info", "--file", tmp.resolve("absent").toString());
        assertEquals(3, info.code(), info::show);
        assertTrue(info.err().contains("there is no proxy at " + tmp.resolve("absent")), info::show);
        assertTrue(info.err().contains("gatehouse proxy-init"), info::show);
    }

    @Test
    void proxyInfoOnAProxyOfAProxyFindsTheIdentity() throws Exception {
        IssuedCredential user = new IssuedCredential(PemFiles.readCertificate(cert), PemFiles.readPrivateKey(key),
                List.of(PemFiles.readCertificate(cert)));
        IssuedCredential first = new ProxyIssuer().issue(user, ProxyOptions.rfc3820().diracGroup("first_group"));
        IssuedCredential second = new ProxyIssuer().issue(first, ProxyOptions.legacy().limited());
        Path file = tmp.resolve("proxy-of-proxy.pem");
        GridProxyFiles.write(file, second);
        Cli.Run info = Cli.run("proxy-info", "--json", "--file", file.toString());
        assertEquals(0, info.code(), info::show);
        JsonObject report = info.jsonObject();
        assertEquals(aliceDn, report.getString("identity"));
        assertEquals("legacy", report.getString("type"));
        assertTrue(report.getBoolean("isLimitedProxy"));
        assertEquals("first_group", report.getString("group"));
        assertEquals(3, report.getJsonArray("chain").size());
    }

    @Test
    void proxyInfoOnAFileWithoutAKeyDescribesItButRefusesIt() throws Exception {
        Cli.Run info = Cli.run("proxy-info", "--file", cert.toString());
        assertEquals(3, info.code(), info::show);
        assertTrue(info.out().contains("not a proxy (end-entity certificate)"), info::show);
        assertTrue(info.err().contains("cannot be used to call"), info::show);
    }

    private Path expiredProxy() throws Exception {
        X509Certificate userCertificate = PemFiles.readCertificate(cert);
        IssuedCredential user = new IssuedCredential(userCertificate, PemFiles.readPrivateKey(key),
                List.of(userCertificate));
        Instant now = Instant.now();
        IssuedCredential proxy = ProxyForgery.of(ProxyOptions.rfc3820())
                .validity(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)))
                .issue(user, new SecureRandom());
        Path file = tmp.resolve("expired.pem");
        GridProxyFiles.write(file, proxy);
        assertTrue(Files.readString(file, StandardCharsets.US_ASCII).contains("PRIVATE KEY"));
        return file;
    }
}
