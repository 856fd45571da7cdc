package io.gatehouse.credentials;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * A proxy certificate as {@link ProxyIssuer#prepare} lays it out, before it is signed: the credential it delegates
 * from, its serial, subject, validity and new key pair, and the options its extensions follow. It lets a proxy be
 * inspected, or built by other code, with exactly the extensions {@link ProxyIssuer} gives it.
 *
 * @param issuer  the credential the proxy delegates from; its chain follows the proxy's
 * @param keyPair the proxy's own key pair; its public key is certified
 */
public record UnsignedProxy(IssuedCredential issuer, BigInteger serial, X500Name subject, Instant notBefore,
                            Instant notAfter, KeyPair keyPair, ProxyOptions options) {

    public UnsignedProxy {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(options, "options");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /**
     * The certificate, unsigned: issuer name copied from the issuer's subject with its encoding, and the extensions
     * of {@link ProxyIssuer}'s list (key usage, key identifiers, proxyCertInfo for RFC 3820, DIRAC group if any).
     * Every call gives a new builder.
     */
    public X509v3CertificateBuilder certificateBuilder() throws GeneralSecurityException {
        X509Certificate issuerCertificate = issuer.certificate();
        X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                Date.from(notAfter), subject, SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ProxyCertificates.KEY_USAGE));
            // Key identifiers: not required by RFC 3820, but OpenSSL's strict mode (on by default in Python 3.13's
            // ssl) refuses a certificate without authorityKeyIdentifier, and the SKI lets a proxy of this proxy
            // point back to it.
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateSigning.authorityKeyIdentifier(issuerCertificate));
            if (options.type() == ProxyOptions.Type.RFC3820) {
                builder.addExtension(ProxyCertificates.PROXY_CERT_INFO, true,
                        new ProxyCertInfo(options.pathLengthConstraint(), options.policyLanguage(), null));
            }
            if (options.diracGroup() != null) {
                builder.addExtension(ProxyCertificates.DIRAC_GROUP, false,
                        new DERIA5String(options.diracGroup(), true));
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode proxy extensions", e);
        } catch (NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("cannot compute key identifiers", e);
        }
        return builder;
    }

    /**
     * The proxy credential once {@code signed}: that certificate, the proxy's private key, and as chain the
     * certificate followed by the issuer's chain.
     *
     * @throws IllegalArgumentException when the certificate does not certify this proxy's key
     */
    public IssuedCredential credential(X509Certificate signed) {
        if (!signed.getPublicKey().equals(keyPair.getPublic())) {
            throw new IllegalArgumentException("the certificate " + signed.getSubjectX500Principal()
                    + " does not certify this proxy's key");
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(signed);
        chain.addAll(issuer.chain());
        return new IssuedCredential(signed, keyPair.getPrivate(), chain);
    }
}
