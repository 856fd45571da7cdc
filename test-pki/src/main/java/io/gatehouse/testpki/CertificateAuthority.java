package io.gatehouse.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;


import io.gatehouse.credentials.CertificateSigning;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A certificate authority for development and tests: a CA certificate with its private key, which issues
 * host and user certificates and CRLs. It uses only the JDK's providers for keys and signatures (Bouncy
 * Castle is used for the ASN.1 builders), so nothing has to be registered in {@code java.security}.
 */
public final class CertificateAuthority {

    /** RSA modulus size of generated keys. */
    public static final int DEFAULT_KEY_BITS = 2048;
    /** Default lifetime of a new CA. */
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    /** Default time between a CRL's issue and its nextUpdate. */
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(30);
    /**
     * How far notBefore (and a CRL's thisUpdate) is put in the past, so a certificate made a moment ago is
     * already valid on a machine or container whose clock runs a little behind.
     */
    public static final Duration BACKDATING = Duration.ofHours(1);

    /** What an end-entity certificate is for: decides its key usage and extended key usage. */
    public enum Usage {
        /** A TLS server that also acts as a client towards other services (DIRAC hosts do both). */
        HOST(KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
        /** A person authenticating as a TLS client; nonRepudiation because users also sign proxies/requests. */
        USER(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.nonRepudiation,
                KeyPurposeId.id_kp_clientAuth);

        private final int keyUsage;
        private final KeyPurposeId[] extendedKeyUsage;

        Usage(int keyUsage, KeyPurposeId... extendedKeyUsage) {
            this.keyUsage = keyUsage;
            this.extendedKeyUsage = extendedKeyUsage;
        }
    }

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final SecureRandom random;
    private final int keyBits;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, SecureRandom random,
                                 int keyBits) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.random = random;
        this.keyBits = keyBits;
    }

    /** Creates a self-signed CA with the defaults: RSA 2048, 10 years. */
    public static CertificateAuthority create(X500Name subject) throws GeneralSecurityException {
        return create(subject, DEFAULT_KEY_BITS, DEFAULT_CA_VALIDITY, new SecureRandom());
    }

    /**
     * Creates a self-signed CA.
     *
     * @param keyBits  RSA modulus size, both of the CA key and of the keys it generates for what it issues
     * @param validity lifetime counted from now (notBefore is back-dated by {@link #BACKDATING} on top)
     * @param random   used for keys, serials and signatures; sharing one instance avoids reseeding costs
     */
    public static CertificateAuthority create(X500Name subject, int keyBits, Duration validity, SecureRandom random)
            throws GeneralSecurityException {
        return create(subject, KeyPairs.generateRsa(keyBits, random), validity, random);
    }

    /**
     * Creates a self-signed CA with a key pair made beforehand (e.g. generated in parallel with others, RSA
     * key generation being by far the slowest step). Keys it generates later have the same size as this one.
     */
    public static CertificateAuthority create(X500Name subject, KeyPair keyPair, Duration validity,
                                              SecureRandom random) throws GeneralSecurityException {
        int keyBits = keyPair.getPublic() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : DEFAULT_KEY_BITS;
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(random),
                Date.from(now.minus(BACKDATING)), Date.from(now.plus(validity)), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode CA extensions", e);
        }
        X509Certificate certificate = CertificateSigning.sign(builder, keyPair.getPrivate(), random);
        return new CertificateAuthority(certificate, keyPair.getPrivate(), random, keyBits);
    }

    /** Wraps an existing CA certificate and its key, e.g. one read back from PEM files. */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey, SecureRandom random)
            throws GeneralSecurityException {
        if (certificate.getBasicConstraints() < 0) {
            throw new GeneralSecurityException("not a CA certificate (basicConstraints CA:false or absent): "
                    + certificate.getSubjectX500Principal());
        }
        if (!KeyPairs.matches(privateKey, certificate.getPublicKey())) {
            throw new GeneralSecurityException("the private key does not belong to the CA certificate "
                    + certificate.getSubjectX500Principal());
        }
        return new CertificateAuthority(certificate, privateKey, random, DEFAULT_KEY_BITS);
    }

    /** Reads a CA from a certificate PEM file and an unencrypted private key PEM file, for reuse. */
    public static CertificateAuthority load(Path certificatePem, Path privateKeyPem, SecureRandom random)
            throws IOException, GeneralSecurityException {
        return of(PemFiles.readCertificate(certificatePem), PemFiles.readPrivateKey(privateKeyPem), random);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The CA's subject, with the value encodings of the certificate (which issued names must copy). */
    public X500Name subject() {
        return holder().getSubject();
    }

    /** Generates a key pair and issues a host certificate for it. */
    public IssuedCredential issueHost(X500Name subject, List<String> subjectAltNames, Duration validity)
            throws GeneralSecurityException {
        return issue(subject, Usage.HOST, subjectAltNames, validity);
    }

    /** Generates a key pair and issues a user certificate for it. */
    public IssuedCredential issueUser(X500Name subject, Duration validity) throws GeneralSecurityException {
        return issue(subject, Usage.USER, List.of(), validity);
    }

    /** Generates a key pair and issues a certificate for it. */
    public IssuedCredential issue(X500Name subject, Usage usage, List<String> subjectAltNames, Duration validity)
            throws GeneralSecurityException {
        return issue(subject, usage, subjectAltNames, validity, KeyPairs.generateRsa(keyBits, random));
    }

    /** Issues a certificate for a key pair made beforehand. */
    public IssuedCredential issue(X500Name subject, Usage usage, List<String> subjectAltNames, Duration validity,
                                  KeyPair keyPair) throws GeneralSecurityException {
        X509Certificate issued = certify(keyPair.getPublic(), subject, usage, subjectAltNames, validity);
        return new IssuedCredential(issued, keyPair.getPrivate(), List.of(issued, certificate));
    }

    /**
     * Issues an end-entity certificate for a given public key.
     *
     * @param subjectAltNames DNS names and IP addresses (IPv4 or IPv6 literals are recognised as addresses);
     *                        an empty list adds no subjectAltName extension
     * @param validity        lifetime counted from now, cut at the CA's own notAfter (a certificate cannot
     *                        usefully outlive its issuer)
     */
    public X509Certificate certify(PublicKey publicKey, X500Name subject, Usage usage, List<String> subjectAltNames,
                                   Duration validity) throws GeneralSecurityException {
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        return certify(publicKey, subject, usage, subjectAltNames, now.minus(BACKDATING), notAfter, false);
    }

    /**
     * Issues an end-entity certificate with explicit dates, e.g. one that is already expired or not yet valid,
     * and optionally with the inconsistent basicConstraints CA:true, both for negative tests. Nothing is cut
     * or checked against the CA's own validity here.
     *
     * @param markAsCa basicConstraints CA:true instead of CA:false (the key usage stays that of {@code usage},
     *                 so without keyCertSign)
     */
    public X509Certificate certify(PublicKey publicKey, X500Name subject, Usage usage, List<String> subjectAltNames,
                                   Instant notBefore, Instant notAfter, boolean markAsCa)
            throws GeneralSecurityException {
        Objects.requireNonNull(usage, "usage");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject(), randomSerial(random),
                Date.from(notBefore), Date.from(notAfter), subject,
                SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()));
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(markAsCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage.keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage.extendedKeyUsage));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateSigning.authorityKeyIdentifier(certificate));
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(subjectAltNames));
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode certificate extensions", e);
        }
        return CertificateSigning.sign(builder, privateKey, random);
    }

    /** Issues a CRL revoking the given serials, valid for {@link #DEFAULT_CRL_VALIDITY}. */
    public X509CRL issueCrl(Collection<BigInteger> revokedSerials) throws GeneralSecurityException {
        return issueCrl(revokedSerials, DEFAULT_CRL_VALIDITY);
    }

    /**
     * Issues a CRL revoking the given serials.
     *
     * @param nextUpdate how long from now until the CRL's nextUpdate; OpenSSL rejects a CRL past that date
     *                   when CRL checking is on
     */
    public X509CRL issueCrl(Collection<BigInteger> revokedSerials, Duration nextUpdate)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(subject(), Date.from(now.minus(BACKDATING)));
        builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
        for (BigInteger serial : revokedSerials) {
            builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateSigning.authorityKeyIdentifier(certificate));
            // Milliseconds since the epoch: increases from one CRL to the next without keeping state.
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode CRL extensions", e);
        }
        X509CRLHolder holder = builder.build(CertificateSigning.contentSigner(privateKey, random));
        try {
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (CRLException e) {
            throw new GeneralSecurityException("cannot convert the CRL", e);
        }
    }

    /** Serials are random and positive (RFC 5280 allows up to 20 octets; 127 bits stays well within). */
    static BigInteger randomSerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(127, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static GeneralNames generalNames(List<String> names) {
        List<GeneralName> result = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty subjectAltName");
            }
            // IPAddress.isValid recognises literals only, so no DNS lookup is ever made here.
            if (IPAddress.isValid(trimmed)) {
                result.add(new GeneralName(GeneralName.iPAddress, trimmed));
            } else {
                result.add(new GeneralName(GeneralName.dNSName, trimmed));
            }
        }
        return new GeneralNames(result.toArray(new GeneralName[0]));
    }

    private X509CertificateHolder holder() {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot re-read the CA certificate", e);
        }
    }
}
