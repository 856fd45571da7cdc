package io.gatehouse.config.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Issues grid proxy certificates (RFC 3820 and legacy Globus GT2), signed by the issuer credential's private
 * key: a user certificate, or a proxy, so proxies of proxies work. Uses only the JDK's providers for keys and
 * signatures (Bouncy Castle builds the ASN.1). Thread-safe.
 *
 * <p>What is made (see {@link ProxyOptions} for the choices):
 * <ul>
 * <li>serial: random, positive, 63 bits;</li>
 * <li>issuer: the issuer certificate's subject, copied with its encoding;</li>
 * <li>subject: the issuer's subject plus one CN RDN: the serial in decimal (RFC 3820), or "proxy" /
 *     "limited proxy" (legacy);</li>
 * <li>validity: notBefore 5 minutes ago (not before the issuer's), notAfter now + lifetime cut at the
 *     issuer's notAfter;</li>
 * <li>extensions: keyUsage critical digitalSignature + keyEncipherment; for RFC 3820 the critical
 *     proxyCertInfo; DIRAC's group (1.2.42.42) if asked; subject and authority key identifiers; no
 *     basicConstraints (unless CA:true is forced);</li>
 * <li>signature: SHA256withRSA (SHA256withECDSA for an EC issuer key).</li>
 * </ul>
 */
public final class ProxyIssuer {

    private final SecureRandom random;

    public ProxyIssuer() {
        this(new SecureRandom());
    }

    /** @param random used for keys, serials and signatures */
    public ProxyIssuer(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Issues a proxy of {@code issuer}.
     *
     * @param issuer the user credential or proxy to delegate from; its private key signs the proxy (unless
     *               {@link ProxyOptions#signingKey} says otherwise)
     * @return the proxy with its new private key; its chain is the proxy followed by {@code issuer.chain()}
     *         unchanged, so leaf first, and ending with the CA when the issuer's chain does (a credential made
     *         by {@link CertificateAuthority} does; one read by {@link GridProxyFiles#read} does not)
     * @throws IllegalArgumentException for an explicit notAfter beyond the issuer's without
     *                                  {@link ProxyOptions#beyondIssuerNotAfter()}, or notAfter not after
     *                                  notBefore
     * @throws GeneralSecurityException when the issuer has expired (and nothing is forced), or signing fails
     */
    public IssuedCredential issue(IssuedCredential issuer, ProxyOptions options) throws GeneralSecurityException {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(options, "options");
        X509Certificate issuerCertificate = issuer.certificate();
        X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        Instant issuerNotBefore = issuerCertificate.getNotBefore().toInstant();
        Instant issuerNotAfter = issuerCertificate.getNotAfter().toInstant();

        BigInteger serial = proxySerial(random);
        X500Name subject = options.subject();
        if (subject == null) {
            subject = switch (options.type()) {
                case RFC3820 -> proxySubject(issuerName, serial.toString());
                case LEGACY -> proxySubject(issuerName,
                        options.isLimited() ? ProxyCertificates.LEGACY_LIMITED_CN : ProxyCertificates.LEGACY_CN);
            };
        }

        Instant now = Instant.now();
        Instant notBefore = options.notBefore();
        if (notBefore == null) {
            notBefore = now.minus(ProxyOptions.BACKDATING);
            if (notBefore.isBefore(issuerNotBefore)) {
                notBefore = issuerNotBefore; // never claim validity before the issuer's own
            }
        }
        Instant notAfter = options.notAfter();
        if (notAfter == null) {
            notAfter = now.plus(options.lifetime());
            if (notAfter.isAfter(issuerNotAfter) && !options.isBeyondIssuerNotAfter()) {
                notAfter = issuerNotAfter;
            }
        } else if (notAfter.isAfter(issuerNotAfter) && !options.isBeyondIssuerNotAfter()) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is beyond the issuer's notAfter "
                    + issuerNotAfter + " (" + issuerCertificate.getSubjectX500Principal() + ")");
        }
        if (!notAfter.isAfter(notBefore)) {
            if (options.notAfter() == null && options.notBefore() == null) {
                throw new GeneralSecurityException("the issuer certificate " + issuerCertificate.getSubjectX500Principal()
                        + " is valid until " + issuerNotAfter + ": no proxy can be made from it");
            }
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }

        KeyPair keyPair = options.keyPair();
        if (keyPair == null) {
            keyPair = CertificateAuthority.generateKeyPair(options.keyBits(), random);
        }

        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                Date.from(notAfter), subject, SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(options.keyUsage()));
            // Key identifiers: not required by RFC 3820, but OpenSSL's strict mode (on by default in Python 3.13's
            // ssl) refuses a certificate without authorityKeyIdentifier, and the SKI lets a proxy of this proxy
            // point back to it.
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    authorityKeyIdentifier(issuerCertificate, extensionUtils));
            if (options.type() == ProxyOptions.Type.RFC3820) {
                builder.addExtension(ProxyCertificates.PROXY_CERT_INFO, true,
                        new ProxyCertInfo(options.pathLengthConstraint(), options.policyLanguage(), null));
            }
            if (options.isMarkedAsCa()) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (options.diracGroup() != null) {
                builder.addExtension(ProxyCertificates.DIRAC_GROUP, false, new DERIA5String(options.diracGroup(), true));
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode proxy extensions", e);
        } catch (NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("cannot compute key identifiers", e);
        }
        PrivateKey signingKey = options.signingKey() != null ? options.signingKey() : issuer.privateKey();
        X509Certificate proxy = CertificateAuthority.sign(builder, signingKey, random);

        List<X509Certificate> chain = new ArrayList<>();
        chain.add(proxy);
        chain.addAll(issuer.chain());
        return new IssuedCredential(proxy, keyPair.getPrivate(), chain);
    }

    /** The issuer's own subjectKeyIdentifier if it has one, else the SHA-1 of its public key (RFC 5280 method 1). */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer,
                                                                 JcaX509ExtensionUtils extensionUtils) {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            return new AuthorityKeyIdentifier(
                    SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier());
        }
        return extensionUtils.createAuthorityKeyIdentifier(SubjectPublicKeyInfo.getInstance(
                issuer.getPublicKey().getEncoded()));
    }

    /** The issuer's name with one more single-valued CN RDN holding {@code cn} (a UTF8String). */
    public static X500Name proxySubject(X500Name issuer, String cn) {
        RDN[] issuerRdns = issuer.getRDNs();
        RDN[] rdns = new RDN[issuerRdns.length + 1];
        System.arraycopy(issuerRdns, 0, rdns, 0, issuerRdns.length);
        rdns[issuerRdns.length] = new RDN(BCStyle.CN, BCStyle.INSTANCE.stringToValue(BCStyle.CN, cn));
        return new X500Name(BCStyle.INSTANCE, rdns);
    }

    /** A random positive serial of at most 63 bits (8 octets in DER). */
    static BigInteger proxySerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(63, random);
        } while (serial.signum() == 0);
        return serial;
    }
}
