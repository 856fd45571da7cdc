package io.gatehouse.testpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.gatehouse.credentials.AtomicFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    private static SecureRandom random;
    private static CertificateAuthority ca;

    @BeforeAll
    static void createCa() throws Exception {
        random = new SecureRandom();
        ca = CertificateAuthority.create(DevPki.caSubject(), CertificateAuthority.DEFAULT_KEY_BITS,
                CertificateAuthority.DEFAULT_CA_VALIDITY, random);
    }

    @Test
    void caCertificateHasCaExtensionsAndBackdatedValidity() throws Exception {
        X509Certificate cert = ca.certificate();
        assertEquals(Integer.MAX_VALUE, cert.getBasicConstraints());
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[5], "keyCertSign");
        assertTrue(keyUsage[6], "cRLSign");
        assertFalse(keyUsage[0], "digitalSignature");
        assertNotNull(subjectKeyId(cert));
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        cert.verify(cert.getPublicKey());

        Instant now = Instant.now();
        Duration backdated = Duration.between(cert.getNotBefore().toInstant(), now);
        assertTrue(backdated.compareTo(Duration.ofMinutes(59)) > 0 && backdated.compareTo(Duration.ofMinutes(61)) < 0,
                "notBefore about one hour ago: " + backdated);
        Duration remaining = Duration.between(now, cert.getNotAfter().toInstant());
        assertTrue(remaining.toDays() >= 3649 && remaining.toDays() <= 3650, "about 10 years: " + remaining);
        assertEquals("C=ch,O=Gatehouse,CN=Gatehouse Development CA", ca.subject().toString());
    }

    @Test
    void hostCertificate() throws Exception {
        IssuedCredential host = ca.issueHost(DevPki.hostSubject("localhost"),
                List.of("localhost", "127.0.0.1", "::1", "gatehouse.example.org"), Duration.ofDays(730));
        X509Certificate cert = host.certificate();
        cert.verify(ca.certificate().getPublicKey());
        assertEquals(List.of(cert, ca.certificate()), host.chain());
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), cert.getExtendedKeyUsage());
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0] && keyUsage[2], "digitalSignature and keyEncipherment");
        assertFalse(keyUsage[1] || keyUsage[5] || keyUsage[6], "no nonRepudiation, keyCertSign, cRLSign");
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertArrayEquals(subjectKeyId(ca.certificate()), authorityKeyId(cert));
        assertNotNull(subjectKeyId(cert));

        List<String> sans = new ArrayList<>();
        for (List<?> entry : cert.getSubjectAlternativeNames()) {
            sans.add(entry.get(0) + ":" + entry.get(1));
        }
        assertEquals(List.of("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1", "2:gatehouse.example.org"), sans);
        assertTrue(KeyPairs.matches(host.privateKey(), cert.getPublicKey()));
    }

    @Test
    void userCertificate() throws Exception {
        IssuedCredential user = ca.issueUser(DevPki.userSubject("alice"), Duration.ofDays(365));
        X509Certificate cert = user.certificate();
        cert.verify(ca.certificate().getPublicKey());
        assertEquals(List.of(CLIENT_AUTH), cert.getExtendedKeyUsage());
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0] && keyUsage[1] && keyUsage[2], "digitalSignature, nonRepudiation, keyEncipherment");
        assertFalse(keyUsage[5] || keyUsage[6]);
        assertNull(cert.getSubjectAlternativeNames());
        assertArrayEquals(subjectKeyId(ca.certificate()), authorityKeyId(cert));
        assertEquals("CN=alice,OU=Users,O=Gatehouse,C=ch", cert.getSubjectX500Principal().getName());
        long days = Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 364 && days <= 365, "one year: " + days);
    }

    @Test
    void serialsAreRandomAndPositive() throws Exception {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            BigInteger serial = CertificateAuthority.randomSerial(random);
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() <= 127);
            serials.add(serial);
        }
        assertEquals(200, serials.size());
    }

    @Test
    void validityIsCutAtTheCaNotAfter() throws Exception {
        CertificateAuthority shortLived = CertificateAuthority.create(new X500Name("CN=Short Lived CA"), 2048,
                Duration.ofDays(10), random);
        X509Certificate cert = shortLived.issueUser(new X500Name("CN=u"), Duration.ofDays(365)).certificate();
        assertEquals(shortLived.certificate().getNotAfter(), cert.getNotAfter());
    }

    @Test
    void crlRevokesTheGivenSerials() throws Exception {
        X509Certificate revoked = ca.issueUser(DevPki.userSubject("revoked"), Duration.ofDays(1)).certificate();
        X509Certificate kept = ca.issueUser(DevPki.userSubject("kept"), Duration.ofDays(1)).certificate();

        X509CRL crl = ca.issueCrl(List.of(revoked.getSerialNumber()));
        crl.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertTrue(crl.isRevoked(revoked));
        assertFalse(crl.isRevoked(kept));
        assertEquals(1, crl.getRevokedCertificates().size());
        assertNotNull(crl.getExtensionValue(Extension.cRLNumber.getId()));
        assertArrayEquals(subjectKeyId(ca.certificate()), AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                        .getOctets()).getKeyIdentifier());
        long days = Duration.between(Instant.now(), crl.getNextUpdate().toInstant()).toDays();
        assertTrue(days >= 29 && days <= 30, "nextUpdate in 30 days by default: " + days);

        X509CRL weekly = ca.issueCrl(List.of(), Duration.ofDays(7));
        assertNull(weekly.getRevokedCertificates());
        long weeklyDays = Duration.between(Instant.now(), weekly.getNextUpdate().toInstant()).toDays();
        assertTrue(weeklyDays >= 6 && weeklyDays <= 7, "configured nextUpdate: " + weeklyDays);
    }

    @Test
    void pemFilesRoundTrip() throws Exception {
        IssuedCredential user = ca.issueUser(DevPki.userSubject("pem"), Duration.ofDays(1));
        Path cert = dir.resolve("sub/usercert.pem");
        Path key = dir.resolve("sub/userkey.pem");
        Path crlFile = dir.resolve("sub/crl.pem");
        PemFiles.writeCertificates(cert, user.chain().toArray(new X509Certificate[0]));
        PemFiles.writePrivateKey(key, user.privateKey());
        X509CRL crl = ca.issueCrl(List.of(user.certificate().getSerialNumber()));
        PemFiles.writeCrl(crlFile, crl);

        String keyText = Files.readString(key, StandardCharsets.US_ASCII);
        assertTrue(keyText.startsWith("-----BEGIN PRIVATE KEY-----"), keyText.lines().findFirst().orElse(""));
        assertTrue(Files.readString(crlFile).startsWith("-----BEGIN X509 CRL-----"));
        assertEquals(user.chain(), PemFiles.readCertificates(cert));
        assertEquals(user.certificate(), PemFiles.readCertificate(cert));
        assertEquals(user.privateKey(), PemFiles.readPrivateKey(key));
        assertEquals(crl, PemFiles.readCrl(crlFile));
        if (AtomicFiles.isPosix(key)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
        }
        try (var files = Files.list(dir.resolve("sub"))) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void loadReusesAnExistingCaIncludingTraditionalRsaKeys() throws Exception {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca-key.pem");
        PemFiles.writeCertificates(cert, ca.certificate());
        // The "BEGIN RSA PRIVATE KEY" form that older openssl commands write.
        StringWriter traditional = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(traditional)) {
            writer.writeObject(ca.privateKey());
        }
        assertTrue(traditional.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        Files.writeString(key, traditional.toString());

        CertificateAuthority loaded = CertificateAuthority.load(cert, key, random);
        assertEquals(ca.certificate(), loaded.certificate());
        X509Certificate issued = loaded.issueUser(DevPki.userSubject("x"), Duration.ofDays(1)).certificate();
        issued.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), issued.getIssuerX500Principal());
    }

    @Test
    void loadRefusesAKeyOfAnotherCertificateAndNonCaCertificates() throws Exception {
        IssuedCredential user = ca.issueUser(DevPki.userSubject("notca"), Duration.ofDays(1));
        Path caCert = dir.resolve("ca.pem");
        Path otherKey = dir.resolve("other-key.pem");
        Path userCert = dir.resolve("user.pem");
        Path userKey = dir.resolve("user-key.pem");
        PemFiles.writeCertificates(caCert, ca.certificate());
        PemFiles.writePrivateKey(otherKey, user.privateKey());
        PemFiles.writeCertificates(userCert, user.certificate());
        PemFiles.writePrivateKey(userKey, user.privateKey());

        GeneralSecurityException wrongKey = assertThrows(GeneralSecurityException.class,
                () -> CertificateAuthority.load(caCert, otherKey, random));
        assertTrue(wrongKey.getMessage().contains("does not belong"), wrongKey.getMessage());
        GeneralSecurityException notCa = assertThrows(GeneralSecurityException.class,
                () -> CertificateAuthority.load(userCert, userKey, random));
        assertTrue(notCa.getMessage().contains("not a CA"), notCa.getMessage());
    }

    @Test
    void differentCasDoNotShareKeysOrSerials() throws Exception {
        CertificateAuthority other = CertificateAuthority.create(DevPki.rogueCaSubject(), 2048,
                Duration.ofDays(30), random);
        assertNotEquals(ca.certificate().getPublicKey(), other.certificate().getPublicKey());
        assertNotEquals(ca.certificate().getSerialNumber(), other.certificate().getSerialNumber());
        assertFalse(KeyPairs.matches(other.privateKey(), ca.certificate().getPublicKey()));
        Collection<BigInteger> none = List.of();
        assertThrows(java.security.SignatureException.class,
                () -> other.issueCrl(none).verify(ca.certificate().getPublicKey()));
    }

    @Test
    void explicitDatesAndCaFlagForNegativeTests() throws Exception {
        java.security.KeyPair key = KeyPairs.generateRsa(2048, random);
        Instant notBefore = Instant.now().minus(Duration.ofDays(3));
        Instant notAfter = Instant.now().minus(Duration.ofDays(2));
        X509Certificate expired = ca.certify(key.getPublic(), DevPki.userSubject("expired"),
                CertificateAuthority.Usage.USER, List.of(), notBefore, notAfter, false);
        assertEquals(notBefore.getEpochSecond(), expired.getNotBefore().toInstant().getEpochSecond());
        assertEquals(notAfter.getEpochSecond(), expired.getNotAfter().toInstant().getEpochSecond());
        assertEquals(-1, expired.getBasicConstraints());
        expired.verify(ca.certificate().getPublicKey());

        X509Certificate caFlag = ca.certify(key.getPublic(), DevPki.userSubject("caflag"),
                CertificateAuthority.Usage.USER, List.of(), Instant.now(), Instant.now().plus(Duration.ofDays(1)), true);
        assertEquals(Integer.MAX_VALUE, caFlag.getBasicConstraints());
        assertFalse(caFlag.getKeyUsage()[5], "still the key usage of a user: no keyCertSign");

        assertThrows(IllegalArgumentException.class, () -> ca.certify(key.getPublic(), DevPki.userSubject("x"),
                CertificateAuthority.Usage.USER, List.of(), notAfter, notBefore, false));
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return value == null ? null
                : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }
}
