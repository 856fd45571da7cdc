package io.gatehouse.credentials;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * The value of the RFC 3820 proxyCertInfo extension (OID 1.3.6.1.5.5.7.1.14, always critical):
 *
 * <pre>
 * ProxyCertInfo ::= SEQUENCE {
 *     pCPathLenConstraint  INTEGER (0..MAX) OPTIONAL,
 *     proxyPolicy          ProxyPolicy }
 * ProxyPolicy ::= SEQUENCE {
 *     policyLanguage       OBJECT IDENTIFIER,
 *     policy               OCTET STRING OPTIONAL }
 * </pre>
 *
 * Bouncy Castle has no class for it, so it is built from its ASN.1 primitives here.
 */
public final class ProxyCertInfo extends ASN1Object {

    private final Integer pathLengthConstraint;
    private final ASN1ObjectIdentifier policyLanguage;
    private final byte[] policy;

    /**
     * @param pathLengthConstraint how many proxies may follow this one, null for no limit
     * @param policyLanguage       e.g. {@link ProxyCertificates#INHERIT_ALL} or {@link ProxyCertificates#LIMITED}
     * @param policy               the policy itself, null for none (the two languages above take none)
     */
    public ProxyCertInfo(Integer pathLengthConstraint, ASN1ObjectIdentifier policyLanguage, byte[] policy) {
        if (pathLengthConstraint != null && pathLengthConstraint < 0) {
            throw new IllegalArgumentException("negative pCPathLenConstraint: " + pathLengthConstraint);
        }
        this.pathLengthConstraint = pathLengthConstraint;
        this.policyLanguage = Objects.requireNonNull(policyLanguage, "policyLanguage");
        this.policy = policy == null ? null : policy.clone();
    }

    /** Decodes a ProxyCertInfo (an instance of this class, or an ASN.1 sequence or its encoding). */
    public static ProxyCertInfo getInstance(Object object) {
        if (object instanceof ProxyCertInfo info) {
            return info;
        }
        if (object == null) {
            throw new IllegalArgumentException("null ProxyCertInfo");
        }
        ASN1Sequence sequence = ASN1Sequence.getInstance(object);
        int index = 0;
        Integer pathLength = null;
        if (sequence.size() == 2 && sequence.getObjectAt(0) instanceof ASN1Integer integer) {
            BigInteger value = integer.getValue();
            if (value.signum() < 0 || value.bitLength() > 31) {
                throw new IllegalArgumentException("pCPathLenConstraint out of range: " + value);
            }
            pathLength = value.intValueExact();
            index = 1;
        } else if (sequence.size() != 1) {
            throw new IllegalArgumentException("ProxyCertInfo must hold 1 or 2 elements, not " + sequence.size());
        }
        ASN1Sequence proxyPolicy = ASN1Sequence.getInstance(sequence.getObjectAt(index));
        if (proxyPolicy.size() < 1 || proxyPolicy.size() > 2) {
            throw new IllegalArgumentException("ProxyPolicy must hold 1 or 2 elements, not " + proxyPolicy.size());
        }
        ASN1ObjectIdentifier language = ASN1ObjectIdentifier.getInstance(proxyPolicy.getObjectAt(0));
        byte[] policy = proxyPolicy.size() == 2
                ? ASN1OctetString.getInstance(proxyPolicy.getObjectAt(1)).getOctets() : null;
        return new ProxyCertInfo(pathLength, language, policy);
    }

    /** The pCPathLenConstraint, or null when absent (no limit). */
    public Integer pathLengthConstraint() {
        return pathLengthConstraint;
    }

    public ASN1ObjectIdentifier policyLanguage() {
        return policyLanguage;
    }

    /** The policy octets, or null when absent. */
    public byte[] policy() {
        return policy == null ? null : policy.clone();
    }

    @Override
    public ASN1Primitive toASN1Primitive() {
        ASN1EncodableVector proxyPolicy = new ASN1EncodableVector();
        proxyPolicy.add(policyLanguage);
        if (policy != null) {
            proxyPolicy.add(new DEROctetString(policy));
        }
        ASN1EncodableVector info = new ASN1EncodableVector();
        if (pathLengthConstraint != null) {
            info.add(new ASN1Integer(pathLengthConstraint));
        }
        info.add(new DERSequence(proxyPolicy));
        return new DERSequence(info);
    }

    @Override
    public String toString() {
        return "ProxyCertInfo[pathLen=" + pathLengthConstraint + ", language=" + policyLanguage
                + (policy == null ? "" : ", policy=" + Arrays.toString(policy)) + "]";
    }
}
