package io.gatehouse.runtime.monitoring;

import io.gatehouse.testpki.CaDirectory;
import io.gatehouse.testpki.CertificateAuthority;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaDirectoryScanTest {

    @TempDir
    Path dir;

    private final CaDirectoryScan scan = new CaDirectoryScan();

    @Test
    void countsCertificatesAndCrlsAndNamesTheStaleOnes() throws Exception {
        CertificateAuthority fresh = CertificateAuthority.create(new X500Name("CN=Fresh CA"));
        CertificateAuthority lapsed = CertificateAuthority.create(new X500Name("CN=Lapsed CA"));
        CaDirectory.install(dir, fresh.certificate(), fresh.issueCrl(List.of(), Duration.ofDays(7)));
        List<Path> written = CaDirectory.install(dir, lapsed.certificate(),
                lapsed.issueCrl(List.of(), Duration.ofHours(-1)));
        String staleName = written.stream().map(p -> p.getFileName().toString()).filter(n -> n.contains(".r"))
                .findFirst().orElseThrow();
        Files.writeString(dir.resolve("README.txt"), "not a CA file");

        CaDirectoryScan.Findings findings = scan.scan(dir, Instant.now());
        assertEquals(2, findings.certificates());
        assertEquals(2, findings.crls());
        assertEquals(List.of(staleName), findings.staleCrls());
        assertEquals(List.of(), findings.badCrls());
    }

    @Test
    void aCrlIsReadAgainWhenItsFileChanges() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(new X500Name("CN=Renewed CA"));
        CaDirectory.install(dir, ca.certificate(), ca.issueCrl(List.of(), Duration.ofHours(-1)));
        assertEquals(1, scan.scan(dir, Instant.now()).staleCrls().size());
        CaDirectory.install(dir, ca.certificate(), ca.issueCrl(List.of(), Duration.ofDays(1)));
        assertEquals(List.of(), scan.scan(dir, Instant.now()).staleCrls());
    }

    @Test
    void aFileNamedLikeACrlThatIsNoneIsReported() throws Exception {
        Files.writeString(dir.resolve("0123abcd.r0"), "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
        CaDirectoryScan.Findings findings = scan.scan(dir, Instant.now());
        assertEquals(List.of("0123abcd.r0"), findings.badCrls());
        assertEquals(List.of(), findings.staleCrls());
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThrows(java.io.IOException.class, () -> scan.scan(dir.resolve("absent"), Instant.now()));
    }
}
