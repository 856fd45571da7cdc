package io.gatehouse.credentials;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What {@link ProxyIssuer} makes: an immutable value, changed by methods that return a modified copy, e.g.
 * {@code ProxyOptions.rfc3820().limited().diracGroup("dirac_user").lifetime(Duration.ofHours(12))}.
 *
 * <p>The defaults make what a grid user normally gets from a proxy-init: an RFC 3820 inherit-all proxy, 24 hours
 * (cut at the issuer's notAfter), notBefore 5 minutes in the past, a new 2048-bit RSA key, no path length
 * constraint, no DIRAC group.
 *
 * <p>Every choice here makes a proxy that follows the rules: there is no option for another signing key, a CA flag,
 * other key usage, another subject or validity beyond the issuer's. Negative tests that need such proxies build
 * them from {@link ProxyIssuer#prepare}, outside production code.
 */
public final class ProxyOptions {

    /** The two kinds of proxies. */
    public enum Type {
        /** RFC 3820: subject = issuer + CN=&lt;serial&gt;, critical proxyCertInfo extension. */
        RFC3820,
        /** Legacy Globus GT2: subject = issuer + CN=proxy (or CN=limited proxy), no proxyCertInfo. */
        LEGACY
    }

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    /** How far a default notBefore is put in the past, for clients whose clocks run a little behind. */
    public static final Duration BACKDATING = Duration.ofMinutes(5);
    public static final int DEFAULT_KEY_BITS = 2048;

    private final Type type;
    private boolean limited;
    private ASN1ObjectIdentifier policyLanguage;
    private Integer pathLengthConstraint;
    private String diracGroup;
    private Duration lifetime = DEFAULT_LIFETIME;
    private int keyBits = DEFAULT_KEY_BITS;
    private KeyPair keyPair;

    private ProxyOptions(Type type) {
        this.type = type;
    }

    /** An RFC 3820 inherit-all proxy with the defaults. */
    public static ProxyOptions rfc3820() {
        return new ProxyOptions(Type.RFC3820);
    }

    /** A legacy (Globus GT2) CN=proxy proxy with the defaults. */
    public static ProxyOptions legacy() {
        return new ProxyOptions(Type.LEGACY);
    }

    /** A limited proxy: policy language {@link ProxyCertificates#LIMITED}, or CN=limited proxy for legacy. */
    public ProxyOptions limited() {
        if (policyLanguage != null) {
            throw new IllegalStateException("a policy language is already set: " + policyLanguage);
        }
        ProxyOptions copy = copy();
        copy.limited = true;
        return copy;
    }

    /**
     * An RFC 3820 proxy with another policy language than inherit-all (RFC 3820 lets a proxy carry its own), e.g.
     * {@link ProxyCertificates#INDEPENDENT}, which grid services refuse. {@link ProxyCertificates#LIMITED} is the
     * same as {@link #limited()}.
     */
    public ProxyOptions policyLanguage(ASN1ObjectIdentifier language) {
        Objects.requireNonNull(language, "language");
        requireRfc3820("a policy language");
        if (limited && !ProxyCertificates.LIMITED.equals(language)) {
            throw new IllegalStateException("already limited; cannot also use policy language " + language);
        }
        ProxyOptions copy = copy();
        copy.policyLanguage = language;
        copy.limited = ProxyCertificates.LIMITED.equals(language);
        return copy;
    }

    /** {@link #policyLanguage(ASN1ObjectIdentifier)} with a dotted OID string. */
    public ProxyOptions policyLanguage(String oid) {
        return policyLanguage(new ASN1ObjectIdentifier(oid));
    }

    /** The RFC 3820 pCPathLenConstraint: how many proxies may be issued below this one (0: none). */
    public ProxyOptions pathLengthConstraint(int maximum) {
        requireRfc3820("a path length constraint");
        if (maximum < 0) {
            throw new IllegalArgumentException("negative path length constraint: " + maximum);
        }
        ProxyOptions copy = copy();
        copy.pathLengthConstraint = maximum;
        return copy;
    }

    /** Adds DIRAC's group extension (1.2.42.42, non-critical, IA5String) naming the group. */
    public ProxyOptions diracGroup(String group) {
        if (group == null || group.isEmpty()) {
            throw new IllegalArgumentException("empty DIRAC group");
        }
        for (int i = 0; i < group.length(); i++) {
            if (group.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("a DIRAC group must be ASCII (IA5String): " + group);
            }
        }
        ProxyOptions copy = copy();
        copy.diracGroup = group;
        return copy;
    }

    /** Lifetime counted from now (default 24 hours), always cut at the issuer's notAfter. */
    public ProxyOptions lifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        ProxyOptions copy = copy();
        copy.lifetime = lifetime;
        return copy;
    }

    /** RSA modulus size of the proxy's new key (default 2048); ignored when {@link #keyPair} is given. */
    public ProxyOptions keyBits(int bits) {
        if (bits < 512) {
            throw new IllegalArgumentException("RSA keys below 512 bits cannot be generated: " + bits);
        }
        ProxyOptions copy = copy();
        copy.keyBits = bits;
        return copy;
    }

    /** Uses a key pair made beforehand (e.g. generated in parallel) instead of generating one. */
    public ProxyOptions keyPair(KeyPair keyPair) {
        ProxyOptions copy = copy();
        copy.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        return copy;
    }

    public Type type() {
        return type;
    }

    /** Whether the proxy is limited (limited policy language, or legacy CN=limited proxy). */
    public boolean isLimited() {
        return limited;
    }

    /** The RFC 3820 policy language: the one set, else limited or inherit-all; null for a legacy proxy. */
    public ASN1ObjectIdentifier policyLanguage() {
        if (type == Type.LEGACY) {
            return null;
        }
        if (policyLanguage != null) {
            return policyLanguage;
        }
        return limited ? ProxyCertificates.LIMITED : ProxyCertificates.INHERIT_ALL;
    }

    /** The pCPathLenConstraint, null for none. */
    public Integer pathLengthConstraint() {
        return pathLengthConstraint;
    }

    /** The DIRAC group, null for none. */
    public String diracGroup() {
        return diracGroup;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public int keyBits() {
        return keyBits;
    }

    /** The key pair given, null to generate one. */
    public KeyPair keyPair() {
        return keyPair;
    }

    @Override
    public String toString() {
        return "ProxyOptions[" + type + (type == Type.RFC3820 ? " " + policyLanguage() : limited ? " limited" : "")
                + (pathLengthConstraint == null ? "" : ", pathLen " + pathLengthConstraint)
                + (diracGroup == null ? "" : ", group " + diracGroup)
                + ", lifetime " + lifetime + (keyPair == null ? ", " + keyBits + " bits" : ", given key")
                + "]";
    }

    private void requireRfc3820(String what) {
        if (type != Type.RFC3820) {
            throw new IllegalStateException("a legacy proxy cannot carry " + what + " (it has no proxyCertInfo)");
        }
    }

    private ProxyOptions copy() {
        ProxyOptions copy = new ProxyOptions(type);
        copy.limited = limited;
        copy.policyLanguage = policyLanguage;
        copy.pathLengthConstraint = pathLengthConstraint;
        copy.diracGroup = diracGroup;
        copy.lifetime = lifetime;
        copy.keyBits = keyBits;
        copy.keyPair = keyPair;
        return copy;
    }
}
