package io.gatehouse.testpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the subject hash against what {@code openssl x509 -hash} prints for the same certificate. */
class OpenSslNameHashTest {

    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static KeyPair subjectKey;

    @BeforeAll
    static void createCa() throws Exception {
        SecureRandom random = new SecureRandom();
        ca = CertificateAuthority.create(DevPki.caSubject(), 2048, Duration.ofDays(30), random);
        subjectKey = KeyPairs.generateRsa(2048, random);
    }

    static Stream<Arguments> names() {
        ASN1ObjectIdentifier cn = BCStyle.CN;
        ASN1ObjectIdentifier o = BCStyle.O;
        ASN1ObjectIdentifier ou = BCStyle.OU;
        return Stream.of(
                Arguments.of("dev CA", DevPki.caSubject()),
                Arguments.of("dev user", DevPki.userSubject("devuser")),
                Arguments.of("rogue CA", DevPki.rogueCaSubject()),
                Arguments.of("mixed case and multiple spaces", new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.C, "CH").addRDN(o, "Some   ORG  Name")
                        .addRDN(cn, "  Mixed   CASE    Person  ").build()),
                Arguments.of("tabs, newlines and other ASCII white space", name(
                        rdn(o, new DERUTF8String("\tLeading\ttab")),
                        rdn(ou, new DERUTF8String("a \t\n\r\f\u000b b")),
                        rdn(cn, new DERUTF8String("trailing \r\n")))),
                Arguments.of("PrintableString", name(rdn(BCStyle.C, new DERPrintableString("DE")),
                        rdn(o, new DERPrintableString("Printable  ORG")))),
                Arguments.of("T61String", name(rdn(ou, new DERT61String("T61  Unit")))),
                Arguments.of("BMPString", name(rdn(ou, new DERBMPString("BMP  Unit \u00C9cole")))),
                // No VisibleString case: OpenSSL refuses to decode a name holding one ("unsupported").
                Arguments.of("UniversalString", name(rdn(ou, new DERUniversalString(
                        "Universal  UNIT".getBytes(Charset.forName("UTF-32BE")))))),
                Arguments.of("IA5String", name(rdn(BCStyle.E, new DERIA5String("Some.One@Example.ORG")))),
                Arguments.of("non-ASCII letters are not lower-cased", new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(o, "Z\u00DCRICH  Universit\u00C4t").addRDN(cn, "\u00C9MILE   \u4E2D\u6587 Name")
                        .build()),
                Arguments.of("multi-valued RDN", name(
                        rdn(BCStyle.C, new DERPrintableString("ch")),
                        new RDN(new AttributeTypeAndValue[] {
                            new AttributeTypeAndValue(cn, new DERUTF8String("Multi  VALUED")),
                            new AttributeTypeAndValue(BCStyle.UID, new DERUTF8String("UID42")),
                            new AttributeTypeAndValue(ou, new DERUTF8String("Zz Unit"))}))),
                Arguments.of("domain components and a grid-style DN", new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.DC, "CH").addRDN(BCStyle.DC, "CERN").addRDN(ou, "Organic Units")
                        .addRDN(ou, "Users").addRDN(cn, "jdoe").addRDN(cn, "123456").addRDN(cn, "John Doe")
                        .build()),
                Arguments.of("value types that OpenSSL keeps as they are", name(
                        rdn(BCStyle.SERIALNUMBER, new DERNumericString("0012 34")),
                        rdn(cn, new DERUTF8String("Numeric")))),
                Arguments.of("white space only value", name(
                        rdn(o, new DERUTF8String("   ")),
                        rdn(cn, new DERUTF8String("x")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void subjectHashMatchesOpenSsl(String description, X500Name subject) throws Exception {
        X509Certificate certificate = ca.certify(subjectKey.getPublic(), subject, CertificateAuthority.Usage.USER,
                List.of(), Duration.ofDays(1));
        Path file = dir.resolve(description.replaceAll("[^A-Za-z0-9]+", "_") + ".pem");
        PemFiles.writeCertificates(file, certificate);

        String expected = OpenSslCli.run(dir, "x509", "-hash", "-noout", "-in", file.toString())
                .assertSuccess().output().trim();

        assertEquals(expected, OpenSslNameHash.subjectHash(certificate), description);
        assertEquals(expected, OpenSslNameHash.hash(subject), description);
    }

    @Test
    void crlIssuerHashMatchesOpenSsl() throws Exception {
        X509CRL crl = ca.issueCrl(List.of());
        Path file = dir.resolve("crl.pem");
        PemFiles.writeCrl(file, crl);

        String expected = OpenSslCli.run(dir, "crl", "-hash", "-noout", "-in", file.toString())
                .assertSuccess().output().trim();

        assertEquals(expected, OpenSslNameHash.issuerHash(crl));
        assertEquals(expected, OpenSslNameHash.subjectHash(ca.certificate()));
    }

    @Test
    void canonicalTextFollowsOpenSslRules() {
        assertEquals("a b c", OpenSslNameHash.canonicalText("  A \t B\n\n c  "));
        assertEquals("", OpenSslNameHash.canonicalText(" \t "));
        assertEquals("\u00C9cole", OpenSslNameHash.canonicalText("\u00C9COLE"));
    }

    @Test
    void hashIsEightLowerCaseHexDigits() {
        String hash = OpenSslNameHash.hash(new X500Name(new RDN[0]));
        // SHA-1 of nothing is da39a3ee..., read little-endian.
        assertEquals("eea339da", hash);
        assertEquals(0xeea339daL, OpenSslNameHash.hashValue(new X500Name(new RDN[0])));
        assertEquals(0, OpenSslNameHash.canonicalEncoding(new X500Name(new RDN[0])).length);
        assertTrue(OpenSslNameHash.hash(DevPki.caSubject()).matches("[0-9a-f]{8}"));
    }

    private static RDN rdn(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new RDN(type, value);
    }

    private static X500Name name(RDN... rdns) {
        return new X500Name(rdns);
    }
}
