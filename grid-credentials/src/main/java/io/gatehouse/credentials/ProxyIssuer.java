package io.gatehouse.credentials;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

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
 *     basicConstraints;</li>
 * <li>signature: SHA256withRSA (SHA256withECDSA for an EC issuer key).</li>
 * </ul>
 * Every proxy made here follows these rules: nothing here signs with another key than the issuer's or lets a
 * proxy outlive its issuer.
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
     * @param issuer the user credential or proxy to delegate from; its private key signs the proxy
     * @return the proxy with its new private key; its chain is the proxy followed by {@code issuer.chain()}
     *         unchanged, so leaf first, and ending with the CA when the issuer's chain does (a credential read by
     *         {@link GridProxyFiles#read} does not)
     * @throws GeneralSecurityException when the issuer has expired, or signing fails
     */
    public IssuedCredential issue(IssuedCredential issuer, ProxyOptions options) throws GeneralSecurityException {
        UnsignedProxy proxy = prepare(issuer, options);
        return proxy.credential(CertificateSigning.sign(proxy.certificateBuilder(), issuer.privateKey(), random));
    }

    /**
     * The proxy {@link #issue} would make, laid out but not signed: its serial, subject, validity and new key pair
     * (generated here unless the options give one).
     *
     * @throws GeneralSecurityException when the issuer has expired, or no key pair can be generated
     */
    public UnsignedProxy prepare(IssuedCredential issuer, ProxyOptions options) throws GeneralSecurityException {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(options, "options");
        X509Certificate issuerCertificate = issuer.certificate();
        X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        Instant issuerNotBefore = issuerCertificate.getNotBefore().toInstant();
        Instant issuerNotAfter = issuerCertificate.getNotAfter().toInstant();

        BigInteger serial = proxySerial(random);
        X500Name subject = switch (options.type()) {
            case RFC3820 -> proxySubject(issuerName, serial.toString());
            case LEGACY -> proxySubject(issuerName,
                    options.isLimited() ? ProxyCertificates.LEGACY_LIMITED_CN : ProxyCertificates.LEGACY_CN);
        };

        Instant now = Instant.now();
        Instant notBefore = now.minus(ProxyOptions.BACKDATING);
        if (notBefore.isBefore(issuerNotBefore)) {
            notBefore = issuerNotBefore; // never claim validity before the issuer's own
        }
        Instant notAfter = now.plus(options.lifetime());
        if (notAfter.isAfter(issuerNotAfter)) {
            notAfter = issuerNotAfter;
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new GeneralSecurityException("the issuer certificate " + issuerCertificate.getSubjectX500Principal()
                    + " is valid until " + issuerNotAfter + ": no proxy can be made from it");
        }

        KeyPair keyPair = options.keyPair();
        if (keyPair == null) {
            keyPair = KeyPairs.generateRsa(options.keyBits(), random);
        }
        return new UnsignedProxy(issuer, serial, subject, notBefore, notAfter, keyPair, options);
    }

    /** The issuer's name with one more single-valued CN RDN holding {@code cn} (a UTF8String). */
    public static X500Name proxySubject(X500Name issuer, String cn) {
        RDN[] issuerRdns = issuer.getRDNs();
        RDN[] rdns = new RDN[issuerRdns.length + 1];
        System.arraycopy(issuerRdns, 0, rdns, 0, issuerRdns.length);
        rdns[issuerRdns.length] = new RDN(BCStyle.CN, BCStyle.INSTANCE.stringToValue(BCStyle.CN, cn));
        return new X500Name(BCStyle.INSTANCE, rdns);
    }

    /** A random positive serial of at most 63 bits (8 octets in DER), as a proxy's serial and CN. */
    public static BigInteger proxySerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(63, random);
        } while (serial.signum() == 0);
        return serial;
    }
}
