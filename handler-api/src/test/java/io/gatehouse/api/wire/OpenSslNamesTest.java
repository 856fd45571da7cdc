package io.gatehouse.api.wire;

import io.gatehouse.credentials.PemFiles;
import io.gatehouse.testpki.CertificateAuthority;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our one-line DNs against what {@code openssl x509 -subject -nameopt compat} prints for the same certificate. */
class OpenSslNamesTest {

    private static CertificateAuthority ca;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createCa() throws Exception {
        ca = CertificateAuthority.create(new X500Name("C=ch,O=Gatehouse Test,CN=Name Test CA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "C=ch,O=DIRAC,OU=Users,CN=alice",
            "DC=org,DC=example,O=Grid,CN=Jane Doe 12345",
            "C=ch,O=DIRAC,CN=bob,E=bob@example.org",
            "C=ch,O=DIRAC,OU=Users+OU=Admins,CN=carol",
            "C=ch,O=DIRAC,CN=d\\,ave (test)",
            "C=ch,O=DIRAC,CN=UID 7,UID=7",
            "C=ch,O=Université de Genève,CN=José Müller",
            "C=ch,O=DIRAC,CN=slash/inside,CN=plus\\+inside,CN=back\\\\slash\\,comma\\=eq",
    })
    void matchesOpenSsl(String name) throws Exception {
        X509Certificate cert = ca.issueUser(new X500Name(name), Duration.ofDays(1)).certificate();
        Path pem = dir.resolve("cert-" + Math.abs(name.hashCode()) + ".pem");
        PemFiles.writeCertificates(pem, cert);
        String expected = openSslSubject(pem);
        assertEquals(expected, OpenSslNames.oneLine(cert.getSubjectX500Principal()));
        assertTrue(expected.startsWith("/C=") || expected.startsWith("/DC="), expected);
    }

    private static String openSslSubject(Path pem) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-subject", "-nameopt", "compat", "-in",
                pem.toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue(), out);
        assertTrue(out.startsWith("subject="), out);
        return out.substring("subject=".length());
    }
}
