package io.gatehouse.testpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatehouse.credentials.AtomicFiles;
import io.gatehouse.credentials.CertificateSigning;
import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.ProxyCertInfo;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import io.gatehouse.credentials.UnsignedProxy;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production proxy library ({@link ProxyIssuer}, {@link UnsignedProxy}, {@link GridProxyFiles} of module
 * grid-credentials) with a user of a real CA, which is why it is tested here rather than in grid-credentials.
 */
class ProxyIssuerTest {

    @TempDir
    Path dir;

    private static SecureRandom random;
    private static KeyPairPool keys;
    private static CertificateAuthority ca;
    private static IssuedCredential alice;
    private static ProxyIssuer issuer;

    @BeforeAll
    static void createCaAndUser() throws Exception {
        random = new SecureRandom();
        // Enough keys for every test here, made in parallel; tests that do not care share them.
        keys = new KeyPairPool(8, CertificateAuthority.DEFAULT_KEY_BITS, random);
        TestIssuer pki = TestIssuer.create(keys.take(), keys.take(), random);
        ca = pki.ca();
        alice = pki.alice();
        issuer = new ProxyIssuer(random);
    }

    @AfterAll
    static void closePool() {
        keys.close();
    }

    private static KeyPair key() throws GeneralSecurityException {
        return keys.take();
    }

    @Test
    void rfc3820ProxyHasTheDocumentedShape() throws Exception {
        Instant before = Instant.now();
        IssuedCredential proxy = issuer.issue(alice, ProxyOptions.rfc3820().keyPair(key()));
        X509Certificate cert = proxy.certificate();

        // Subject: alice + CN=<serial in decimal>; issuer: alice, byte for byte.
        BigInteger serial = cert.getSerialNumber();
        assertTrue(serial.signum() > 0 && serial.bitLength() <= 63, serial.toString());
        assertEquals(DevPki.userSubject("alice").toString() + ",CN=" + serial,
                X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).toString());
        assertArrayEquals(alice.certificate().getSubjectX500Principal().getEncoded(),
                cert.getIssuerX500Principal().getEncoded());
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=" + serial, compat(cert, "-subject"));
        assertTrue(ProxyCertificates.subjectExtendsIssuer(cert));

        // proxyCertInfo: critical, inherit-all, no path length constraint.
        assertTrue(cert.getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.14"));
        ProxyCertInfo info = ProxyCertificates.proxyCertInfo(cert).orElseThrow();
        assertEquals("1.3.6.1.5.5.7.21.1", info.policyLanguage().getId());
        assertNull(info.pathLengthConstraint());
        assertNull(info.policy());
        ASN1Sequence raw = ASN1Sequence.getInstance(extensionOctets(cert, "1.3.6.1.5.5.7.1.14"));
        assertEquals(1, raw.size(), "no pCPathLenConstraint element");
        assertEquals(1, ASN1Sequence.getInstance(raw.getObjectAt(0)).size(), "ProxyPolicy without policy");

        // keyUsage critical digitalSignature + keyEncipherment; no basicConstraints; no group.
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        boolean[] keyUsage = cert.getKeyUsage();
        for (int bit = 0; bit < keyUsage.length; bit++) {
            assertEquals(bit == 0 || bit == 2, keyUsage[bit], "keyUsage bit " + bit);
        }
        assertEquals(-1, cert.getBasicConstraints());
        assertNull(cert.getExtensionValue(Extension.basicConstraints.getId()));
        assertTrue(ProxyCertificates.diracGroup(cert).isEmpty());
        assertEquals(Set.of(Extension.keyUsage.getId(), "1.3.6.1.5.5.7.1.14"), cert.getCriticalExtensionOIDs());

        // Key identifiers link the proxy to alice.
        assertArrayEquals(subjectKeyId(alice.certificate()), authorityKeyId(cert));

        // Signed by alice with SHA256withRSA, new 2048-bit key, 24 hours from 5 minutes ago.
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        cert.verify(alice.certificate().getPublicKey());
        assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertNotEquals(alice.certificate().getPublicKey(), cert.getPublicKey());
        assertTrue(KeyPairs.matches(proxy.privateKey(), cert.getPublicKey()));
        Instant after = Instant.now();
        assertBetween(cert.getNotBefore().toInstant(), before.minus(Duration.ofMinutes(5)).minusSeconds(1),
                after.minus(Duration.ofMinutes(5)));
        assertBetween(cert.getNotAfter().toInstant(), before.plus(Duration.ofHours(24)).minusSeconds(1),
                after.plus(Duration.ofHours(24)));

        // Chain: proxy, then the issuer's chain (alice, CA).
        assertEquals(List.of(cert, alice.certificate(), ca.certificate()), proxy.chain());
        assertTrue(ProxyCertificates.isRfc3820Proxy(cert));
        assertFalse(ProxyCertificates.isLegacyProxy(cert));
        assertFalse(ProxyCertificates.isLimitedProxy(cert));
    }

    @Test
    void opensslDecodesTheExtensionsTheSameWay() throws Exception {
        IssuedCredential proxy = issuer.issue(alice, ProxyOptions.rfc3820().limited().pathLengthConstraint(3)
                .diracGroup("dirac_user").keyPair(key()));
        Path file = dir.resolve("proxy.pem");
        PemFiles.writeCertificates(file, proxy.certificate());
        String text = OpenSslCli.run(dir, "x509", "-in", "proxy.pem", "-noout", "-text").assertSuccess().output();
        assertTrue(text.contains("Proxy Certificate Information: critical"), text);
        assertTrue(text.contains("Path Length Constraint: 03"), text);
        assertTrue(text.contains("Policy Language: 1.3.6.1.4.1.3536.1.1.1.9"), text);
        assertTrue(text.contains("1.2.42.42:"), text);
        assertFalse(text.contains("1.2.42.42: critical"), text);
        assertTrue(text.contains("Key Usage: critical\n                Digital Signature, Key Encipherment"), text);
        assertFalse(text.contains("Basic Constraints"), text);

        // The DIRAC group extension value is a DER IA5String.
        byte[] octets = extensionOctets(proxy.certificate(), "1.2.42.42");
        assertEquals(0x16, octets[0], "IA5String tag");
        assertEquals("dirac_user", ASN1IA5String.getInstance(ASN1Primitive.fromByteArray(octets)).getString());
        assertEquals("dirac_user", ProxyCertificates.diracGroup(proxy.certificate()).orElseThrow());
        Files.write(dir.resolve("group.der"), octets);
        String parsed = OpenSslCli.run(dir, "asn1parse", "-inform", "DER", "-in", "group.der").assertSuccess().output();
        assertTrue(parsed.contains("IA5STRING") && parsed.contains(":dirac_user"), parsed);
    }

    @Test
    void limitedPathLengthAndOtherPolicyLanguages() throws Exception {
        KeyPair key = key();
        IssuedCredential limited = issuer.issue(alice, ProxyOptions.rfc3820().limited().keyPair(key));
        assertEquals(ProxyCertificates.LIMITED, ProxyCertificates.proxyCertInfo(limited.certificate())
                .orElseThrow().policyLanguage());
        assertTrue(ProxyCertificates.isLimitedProxy(limited.certificate()));

        IssuedCredential withPathLength = issuer.issue(alice, ProxyOptions.rfc3820().pathLengthConstraint(0).keyPair(key));
        ASN1Sequence raw = ASN1Sequence.getInstance(extensionOctets(withPathLength.certificate(), "1.3.6.1.5.5.7.1.14"));
        assertEquals(2, raw.size());
        assertEquals(BigInteger.ZERO, ASN1Integer.getInstance(raw.getObjectAt(0)).getValue());
        assertEquals(0, ProxyCertificates.proxyCertInfo(withPathLength.certificate()).orElseThrow()
                .pathLengthConstraint());

        IssuedCredential independent = issuer.issue(alice,
                ProxyOptions.rfc3820().policyLanguage("1.3.6.1.5.5.7.21.2").keyPair(key));
        assertEquals(ProxyCertificates.INDEPENDENT, ProxyCertificates.proxyCertInfo(independent.certificate())
                .orElseThrow().policyLanguage());
        assertTrue(independent.certificate().getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.14"));

        assertEquals(ProxyCertificates.LIMITED, ProxyOptions.rfc3820().policyLanguage(ProxyCertificates.LIMITED)
                .policyLanguage());
        assertTrue(ProxyOptions.rfc3820().policyLanguage(ProxyCertificates.LIMITED).isLimited());
    }

    @Test
    void legacyProxiesEndInCnProxyOrLimitedProxy() throws Exception {
        KeyPair key = key();
        IssuedCredential full = issuer.issue(alice, ProxyOptions.legacy().keyPair(key));
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=proxy", compat(full.certificate(), "-subject"));
        assertNull(full.certificate().getExtensionValue("1.3.6.1.5.5.7.1.14"));
        assertTrue(ProxyCertificates.isLegacyProxy(full.certificate()));
        assertFalse(ProxyCertificates.isLimitedProxy(full.certificate()));
        full.certificate().verify(alice.certificate().getPublicKey());

        IssuedCredential limited = issuer.issue(alice, ProxyOptions.legacy().limited().keyPair(key));
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=limited proxy",
                compat(limited.certificate(), "-subject"));
        assertTrue(ProxyCertificates.isLimitedProxy(limited.certificate()));

        IssuedCredential ofLegacy = issuer.issue(full, ProxyOptions.legacy().keyPair(key()));
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=proxy/CN=proxy",
                compat(ofLegacy.certificate(), "-subject"));
        assertFalse(ProxyCertificates.isLegacyProxy(alice.certificate()));
    }

    @Test
    void proxiesOfProxiesChainUp() throws Exception {
        IssuedCredential first = issuer.issue(alice, ProxyOptions.rfc3820().keyPair(key()));
        IssuedCredential second = issuer.issue(first, ProxyOptions.rfc3820().keyPair(key()));
        X509Certificate cert = second.certificate();
        assertEquals(List.of(cert, first.certificate(), alice.certificate(), ca.certificate()), second.chain());
        assertEquals(first.certificate().getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(first.certificate().getPublicKey());
        assertArrayEquals(subjectKeyId(first.certificate()), authorityKeyId(cert));
        assertEquals(X500Name.getInstance(first.certificate().getSubjectX500Principal().getEncoded()).toString()
                + ",CN=" + cert.getSerialNumber(), X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                .toString());
        // Never valid before, or after, its issuer.
        assertFalse(cert.getNotBefore().before(first.certificate().getNotBefore()));
        assertFalse(cert.getNotAfter().after(first.certificate().getNotAfter()));
    }

    @Test
    void lifetimeIsCutAtTheIssuersNotAfter() throws Exception {
        IssuedCredential shortLived = issuer.issue(alice, ProxyOptions.rfc3820().lifetime(Duration.ofHours(2))
                .keyPair(key()));
        IssuedCredential child = issuer.issue(shortLived, ProxyOptions.rfc3820().keyPair(key()));
        assertEquals(shortLived.certificate().getNotAfter(), child.certificate().getNotAfter());
        IssuedCredential longer = issuer.issue(shortLived, ProxyOptions.rfc3820().lifetime(Duration.ofHours(12))
                .keyPair(keyOf(child)));
        assertEquals(shortLived.certificate().getNotAfter(), longer.certificate().getNotAfter());
    }

    @Test
    void anExpiredIssuerMakesNoProxy() throws Exception {
        Instant now = Instant.now();
        IssuedCredential expired = ProxyForgery.of(ProxyOptions.rfc3820().keyPair(key()))
                .validity(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2))).issue(alice, random);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> issuer.issue(expired, ProxyOptions.rfc3820().keyPair(keyOf(expired))));
        assertTrue(e.getMessage().contains("no proxy can be made"), e.getMessage());
    }

    @Test
    void aSmallerKeyIsMadeWhenAsked() throws Exception {
        IssuedCredential weak = issuer.issue(alice, ProxyOptions.rfc3820().keyBits(1024));
        assertEquals(1024, ((RSAPublicKey) weak.certificate().getPublicKey()).getModulus().bitLength());
        assertTrue(KeyPairs.matches(weak.privateKey(), weak.certificate().getPublicKey()));
    }

    @Test
    void aPreparedProxyIsWhatIssueSigns() throws Exception {
        UnsignedProxy prepared = issuer.prepare(alice, ProxyOptions.rfc3820().diracGroup("dirac_user").keyPair(key()));
        X509Certificate signed = CertificateSigning.sign(prepared.certificateBuilder(), alice.privateKey(), random);
        signed.verify(alice.certificate().getPublicKey());
        assertEquals(prepared.serial(), signed.getSerialNumber());
        assertEquals(prepared.subject(), X500Name.getInstance(signed.getSubjectX500Principal().getEncoded()));
        assertTrue(ProxyCertificates.subjectExtendsIssuer(signed));
        assertEquals(ProxyCertificates.INHERIT_ALL, ProxyCertificates.proxyCertInfo(signed).orElseThrow()
                .policyLanguage());
        assertEquals("dirac_user", ProxyCertificates.diracGroup(signed).orElseThrow());
        IssuedCredential issued = issuer.issue(alice, ProxyOptions.rfc3820().diracGroup("dirac_user")
                .keyPair(prepared.keyPair()));
        assertEquals(issued.certificate().getCriticalExtensionOIDs(), signed.getCriticalExtensionOIDs());
        assertEquals(issued.certificate().getNonCriticalExtensionOIDs(), signed.getNonCriticalExtensionOIDs());

        IssuedCredential credential = prepared.credential(signed);
        assertEquals(List.of(signed, alice.certificate(), ca.certificate()), credential.chain());
        assertEquals(prepared.keyPair().getPrivate(), credential.privateKey());
        assertThrows(IllegalArgumentException.class, () -> prepared.credential(alice.certificate()),
                "a certificate of another key");
    }

    // ---- grid proxy files

    @Test
    void gridProxyFileRoundTrip() throws Exception {
        IssuedCredential first = issuer.issue(alice, ProxyOptions.rfc3820().keyPair(key()));
        IssuedCredential second = issuer.issue(first, ProxyOptions.rfc3820().diracGroup("dirac_user").keyPair(key()));
        Path file = dir.resolve("x509up_u1000");
        GridProxyFiles.write(file, second);

        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertEquals(List.of("CERTIFICATE", "PRIVATE KEY", "CERTIFICATE", "CERTIFICATE"), pemTypes(text));
        if (AtomicFiles.isPosix(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList(), "no temporary file left behind");
        }

        IssuedCredential read = GridProxyFiles.read(file);
        assertEquals(second.certificate(), read.certificate());
        assertEquals(List.of(second.certificate(), first.certificate(), alice.certificate()), read.chain(),
                "the chain without the CA");
        assertEquals(second.privateKey(), read.privateKey());
        assertTrue(KeyPairs.matches(read.privateKey(), read.certificate().getPublicKey()));
        assertEquals("dirac_user", ProxyCertificates.diracGroup(read.certificate()).orElseThrow());

        // openssl reads the first certificate and the key of the same file, and they match.
        String certModulus = OpenSslCli.run(dir, "x509", "-in", file.toString(), "-noout", "-modulus")
                .assertSuccess().output().trim();
        String keyModulus = OpenSslCli.run(dir, "rsa", "-in", file.toString(), "-noout", "-modulus")
                .assertSuccess().output().trim();
        assertEquals(certModulus, keyModulus);
        // and verifies the chain with the file itself as the untrusted certificates
        Path caFile = dir.resolve("ca.pem");
        PemFiles.writeCertificates(caFile, ca.certificate());
        Path leaf = dir.resolve("leaf.pem");
        PemFiles.writeCertificates(leaf, second.certificate());
        OpenSslCli.run(dir, "verify", "-allow_proxy_certs", "-CAfile", caFile.toString(), "-untrusted",
                file.toString(), leaf.toString()).assertSuccess();
    }

    @Test
    void aUserCredentialIsWrittenWithoutItsCa() throws Exception {
        Path file = dir.resolve("user.pem");
        GridProxyFiles.write(file, alice);
        IssuedCredential read = GridProxyFiles.read(file);
        assertEquals(List.of(alice.certificate()), read.chain());
        assertEquals(List.of("CERTIFICATE", "PRIVATE KEY"), pemTypes(Files.readString(file)));
    }

    @Test
    void readerTakesTheTraditionalKeyFormAndRejectsMismatches() throws Exception {
        IssuedCredential proxy = issuer.issue(alice, ProxyOptions.rfc3820().keyPair(key()));
        // As older Globus tools write it: "RSA PRIVATE KEY" (PKCS#1).
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(proxy.certificate());
            writer.writeObject(proxy.privateKey());
            writer.writeObject(alice.certificate());
        }
        assertTrue(text.toString().contains("BEGIN RSA PRIVATE KEY"));
        Path traditional = dir.resolve("traditional.pem");
        Files.writeString(traditional, text.toString());
        IssuedCredential read = GridProxyFiles.read(traditional);
        assertEquals(List.of(proxy.certificate(), alice.certificate()), read.chain());
        assertTrue(KeyPairs.matches(read.privateKey(), proxy.certificate().getPublicKey()));

        Path mismatch = dir.resolve("mismatch.pem");
        Files.writeString(mismatch, PemFiles.toPem(proxy.certificate()) + PemFiles.toPem(alice.privateKey()));
        IOException e = assertThrows(IOException.class, () -> GridProxyFiles.read(mismatch));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());

        Path noKey = dir.resolve("nokey.pem");
        PemFiles.writeCertificates(noKey, proxy.certificate());
        assertTrue(assertThrows(IOException.class, () -> GridProxyFiles.read(noKey)).getMessage().contains("no private key"));
        Path noCert = dir.resolve("nocert.pem");
        PemFiles.writePrivateKey(noCert, proxy.privateKey());
        assertTrue(assertThrows(IOException.class, () -> GridProxyFiles.read(noCert)).getMessage().contains("no certificate"));
    }

    // ---- helpers

    private static KeyPair keyOf(IssuedCredential credential) {
        return new KeyPair(credential.certificate().getPublicKey(), credential.privateKey());
    }

    private static byte[] extensionOctets(X509Certificate cert, String oid) {
        byte[] value = cert.getExtensionValue(oid);
        assertTrue(value != null, "no extension " + oid);
        return ASN1OctetString.getInstance(value).getOctets();
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        return SubjectKeyIdentifier.getInstance(extensionOctets(cert, Extension.subjectKeyIdentifier.getId()))
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate cert) {
        return AuthorityKeyIdentifier.getInstance(extensionOctets(cert, Extension.authorityKeyIdentifier.getId()))
                .getKeyIdentifier();
    }

    private String compat(X509Certificate cert, String what) throws IOException {
        Path file = Files.createTempFile(dir, "cert", ".pem");
        PemFiles.writeCertificates(file, cert);
        return OpenSslCli.run(dir, "x509", "-in", file.toString(), "-noout", what, "-nameopt", "compat")
                .assertSuccess().output().trim();
    }

    static List<String> pemTypes(String text) {
        List<String> types = new ArrayList<>();
        Matcher matcher = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----").matcher(text);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types;
    }

    private static void assertBetween(Instant value, Instant from, Instant to) {
        // Certificates hold whole seconds.
        assertTrue(!value.isBefore(from.minusSeconds(1)) && !value.isAfter(to.plusSeconds(1)),
                value + " not in [" + from + ", " + to + "]");
    }
}
