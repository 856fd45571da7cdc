package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.proxy.ProxyChainInfo;
import eu.emi.security.authn.x509.proxy.ProxyChainType;
import eu.emi.security.authn.x509.proxy.ProxyPolicy;
import eu.emi.security.authn.x509.proxy.ProxyUtils;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a grid site adds to path validation (which canl does), for the part of a chain the client owns: the
 * proxies and the end-entity certificate they descend from.
 * <ul>
 *   <li>RFC 3820 proxies may only carry the inherit-all or the limited policy language;</li>
 *   <li>no proxy, and not the end-entity certificate, may be a CA;</li>
 *   <li>no key below the minimum size (elliptic-curve keys below 224 bits);</li>
 *   <li>key usage (RFC 3820 §3.8 and §4.1.2): a proxy with a key usage extension must allow digital signature
 *       (the proxy's key signs the TLS handshake, or the next proxy) and must not allow certificate signing; the
 *       certificate that issued a proxy (the end-entity certificate or the proxy before it) must allow digital
 *       signature when it has the extension.</li>
 * </ul>
 */
final class GridChainRules {

    private static final Set<String> ACCEPTED_POLICIES =
            Set.of(ProxyPolicy.INHERITALL_POLICY_OID, ProxyPolicy.LIMITED_PROXY_OID);
    private static final int MIN_EC_BITS = 224;
    /** Bits of {@link X509Certificate#getKeyUsage()}. */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    private final int minKeyBits;

    GridChainRules(int minKeyBits) {
        this.minKeyBits = minKeyBits;
    }

    /** What is wrong with the chain (leaf first), or empty when these rules accept it. */
    Optional<String> violation(X509Certificate[] chain) {
        int identity = 0;
        while (identity < chain.length - 1 && ProxyUtils.isProxy(chain[identity])) {
            identity++;
        }
        for (int i = 0; i <= identity; i++) {
            Optional<String> weak = weakKey(chain[i].getPublicKey());
            if (weak.isPresent()) {
                return Optional.of("certificate " + i + " (" + chain[i].getSubjectX500Principal() + ") has "
                        + weak.get());
            }
            if (chain[i].getBasicConstraints() >= 0) {
                return Optional.of(i < identity
                        ? "proxy " + i + " is marked as a CA"
                        : "the end-entity certificate " + chain[i].getSubjectX500Principal() + " is marked as a CA");
            }
        }
        if (identity == 0) {
            return Optional.empty();
        }
        Optional<String> usage = keyUsageViolation(chain, identity);
        return usage.isPresent() ? usage : unacceptedPolicy(chain, identity);
    }

    /** The key usage rules for proxies 0 to identity - 1 and their issuers. */
    private static Optional<String> keyUsageViolation(X509Certificate[] chain, int identity) {
        for (int i = 0; i < identity; i++) {
            boolean[] usage = chain[i].getKeyUsage();
            if (usage != null && !allows(usage, DIGITAL_SIGNATURE)) {
                return Optional.of("proxy " + i + " (" + chain[i].getSubjectX500Principal()
                        + ") has a key usage without digitalSignature");
            }
            if (usage != null && allows(usage, KEY_CERT_SIGN)) {
                return Optional.of("proxy " + i + " (" + chain[i].getSubjectX500Principal()
                        + ") has a key usage with keyCertSign");
            }
            boolean[] issuerUsage = chain[i + 1].getKeyUsage();
            if (issuerUsage != null && !allows(issuerUsage, DIGITAL_SIGNATURE)) {
                return Optional.of((i + 1 < identity ? "proxy " + (i + 1) : "the end-entity certificate") + " ("
                        + chain[i + 1].getSubjectX500Principal()
                        + ") issued a proxy but its key usage does not allow digitalSignature");
            }
        }
        return Optional.empty();
    }

    private static boolean allows(boolean[] usage, int bit) {
        return usage.length > bit && usage[bit];
    }

    private Optional<String> unacceptedPolicy(X509Certificate[] chain, int identity) {
        try {
            ProxyChainInfo info = new ProxyChainInfo(java.util.Arrays.copyOf(chain, identity + 1));
            if (info.getProxyType() == ProxyChainType.LEGACY) {
                return Optional.empty();
            }
            for (ProxyPolicy policy : info.getPolicy()) {
                if (policy != null && !ACCEPTED_POLICIES.contains(policy.getPolicyOID())) {
                    return Optional.of("a proxy carries the policy language " + policy.getPolicyOID()
                            + "; only inherit-all and limited proxies are accepted");
                }
            }
            return Optional.empty();
        } catch (CertificateException | IOException | RuntimeException e) {
            return Optional.of("the proxy chain cannot be read: " + e.getMessage());
        }
    }

    private Optional<String> weakKey(PublicKey key) {
        int bits;
        int minimum = minKeyBits;
        if (key instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
        } else if (key instanceof DSAPublicKey dsa) {
            bits = dsa.getParams().getP().bitLength();
        } else if (key instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
            minimum = MIN_EC_BITS;
        } else {
            return Optional.empty();
        }
        return bits < minimum
                ? Optional.of("a " + bits + "-bit " + key.getAlgorithm() + " key, below the minimum of " + minimum)
                : Optional.empty();
    }
}
