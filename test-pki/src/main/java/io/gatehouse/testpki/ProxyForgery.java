package io.gatehouse.testpki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

import io.gatehouse.credentials.CertificateSigning;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import io.gatehouse.credentials.UnsignedProxy;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A proxy that breaks a rule on purpose, for negative tests: made as {@link ProxyIssuer} makes the proxy of
 * {@link #options()} ({@link ProxyIssuer#prepare}, {@link UnsignedProxy#certificateBuilder}), then changed where the
 * forgery says, then signed. An immutable value, changed by methods that return a modified copy, e.g.
 * {@code ProxyForgery.of(ProxyOptions.rfc3820()).markAsCa().issue(alice, random)}.
 *
 * @param signingKey null to sign with the issuer's key
 * @param caFlag     whether the proxy claims to be a CA
 * @param keyUsage   Bouncy Castle's {@code KeyUsage} bits, null for the proxy's usual ones
 * @param subject    null for the usual one (the issuer's name plus one CN)
 * @param notBefore  with {@code notAfter}, explicit dates; both null for the usual ones
 */
public record ProxyForgery(ProxyOptions options, PrivateKey signingKey, boolean caFlag, Integer keyUsage,
                           X500Name subject, Instant notBefore, Instant notAfter) {

    public ProxyForgery {
        Objects.requireNonNull(options, "options");
        if ((notBefore == null) != (notAfter == null)) {
            throw new IllegalArgumentException("give both dates or neither");
        }
    }

    /** A proxy of these options with nothing forged yet. */
    public static ProxyForgery of(ProxyOptions options) {
        return new ProxyForgery(options, null, false, null, null, null, null);
    }

    /**
     * Signs with this key instead of the issuer's private key (the issuer name in the proxy still names the issuer,
     * so the signature does not verify).
     */
    public ProxyForgery signingKey(PrivateKey key) {
        return new ProxyForgery(options, Objects.requireNonNull(key, "key"), caFlag, keyUsage, subject, notBefore,
                notAfter);
    }

    /** Adds a critical basicConstraints CA:true, which a proxy must never carry. */
    public ProxyForgery markAsCa() {
        return new ProxyForgery(options, signingKey, true, keyUsage, subject, notBefore, notAfter);
    }

    /**
     * The proxy's critical key usage bits instead of digitalSignature and keyEncipherment, e.g. keyEncipherment
     * alone, which forbids signing.
     */
    public ProxyForgery keyUsage(int bits) {
        return new ProxyForgery(options, signingKey, caFlag, bits, subject, notBefore, notAfter);
    }

    /** A subject of any form instead of the issuer's name plus one CN. */
    public ProxyForgery subject(X500Name forgedSubject) {
        Objects.requireNonNull(forgedSubject, "subject");
        return new ProxyForgery(options, signingKey, caFlag, keyUsage, forgedSubject, notBefore, notAfter);
    }

    /**
     * Explicit dates, not checked against the issuer's: already expired, not yet valid, or ending after the
     * issuer's notAfter.
     */
    public ProxyForgery validity(Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("notAfter " + until + " is not after notBefore " + from);
        }
        return new ProxyForgery(options, signingKey, caFlag, keyUsage, subject, from, until);
    }

    /**
     * Makes the forged proxy of {@code issuer}.
     *
     * @return the proxy with its private key; its chain is the proxy followed by the issuer's chain
     * @throws GeneralSecurityException when the issuer has expired (a proxy is forged from a valid credential), or
     *                                  signing fails
     */
    public IssuedCredential issue(IssuedCredential issuer, SecureRandom random) throws GeneralSecurityException {
        UnsignedProxy usual = new ProxyIssuer(random).prepare(issuer, options);
        UnsignedProxy forged = new UnsignedProxy(issuer, usual.serial(), subject != null ? subject : usual.subject(),
                notBefore != null ? notBefore : usual.notBefore(), notAfter != null ? notAfter : usual.notAfter(),
                usual.keyPair(), options);
        X509v3CertificateBuilder builder = forged.certificateBuilder();
        try {
            if (keyUsage != null) {
                builder.replaceExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (caFlag) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the forged extensions", e);
        }
        PrivateKey signer = signingKey != null ? signingKey : issuer.privateKey();
        return forged.credential(CertificateSigning.sign(builder, signer, random));
    }
}
