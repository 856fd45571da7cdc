package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

import io.gatehouse.credentials.ProxyCertificates;

/**
 * What {@code gatehouse proxy-info} says about a credential: the leaf's subject and issuer, the identity (the first
 * certificate of the chain that is not a proxy), the proxy type, the DIRAC group, the key and the time left.
 */
record ProxyReport(Path path, String subject, String issuer, String identity, Kind kind, boolean limited,
                   String group, String keyAlgorithm, int keyBits, Instant notAfter, Duration timeLeft,
                   List<String> chain) {

    /** The pre-RFC 3820 ("draft", GT3) proxyCertInfo extension. */
    static final String DRAFT_PROXY_CERT_INFO = "1.3.6.1.4.1.3536.1.222";

    /** What kind of certificate the leaf is. */
    enum Kind {
        RFC3820("RFC 3820 proxy"),
        LEGACY("legacy (Globus GT2) proxy"),
        DRAFT("pre-RFC (draft) proxy"),
        END_ENTITY("not a proxy (end-entity certificate)");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean isProxy() {
            return this != END_ENTITY;
        }
    }

    /** A report on a chain, leaf first, as read from {@code path}. */
    static ProxyReport of(Path path, List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        Kind kind = kindOf(leaf);
        String identity = null;
        boolean limited = false;
        String group = null;
        Instant notAfter = leaf.getNotAfter().toInstant();
        List<String> subjects = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            subjects.add(OpenSslNames.oneLine(certificate.getSubjectX500Principal()));
            boolean proxy = kindOf(certificate).isProxy();
            if (proxy) {
                limited |= ProxyCertificates.isLimitedProxy(certificate);
                if (group == null) {
                    group = ProxyCertificates.diracGroup(certificate).orElse(null);
                }
            } else if (identity == null) {
                identity = OpenSslNames.oneLine(certificate.getSubjectX500Principal());
            }
            // The CA, if the file has it, does not count: a proxy outlives nothing but the user certificate.
            if (!proxy && isSelfIssued(certificate) && chain.size() > 1) {
                continue;
            }
            Instant end = certificate.getNotAfter().toInstant();
            if (end.isBefore(notAfter)) {
                notAfter = end;
            }
        }
        if (identity == null) {
            // Only proxies in the file: the identity is the last proxy's issuer without the proxy CNs.
            identity = withoutProxyCns(chain.get(chain.size() - 1));
        }
        PublicKey key = leaf.getPublicKey();
        return new ProxyReport(path, OpenSslNames.oneLine(leaf.getSubjectX500Principal()),
                OpenSslNames.oneLine(leaf.getIssuerX500Principal()), identity, kind, limited, group, key.getAlgorithm(),
                keyBits(key), notAfter, Duration.between(now, notAfter), List.copyOf(subjects));
    }

    static Kind kindOf(X509Certificate certificate) {
        if (ProxyCertificates.isRfc3820Proxy(certificate)) {
            return Kind.RFC3820;
        }
        if (ProxyCertificates.isLegacyProxy(certificate)) {
            return Kind.LEGACY;
        }
        if (certificate.getExtensionValue(DRAFT_PROXY_CERT_INFO) != null) {
            return Kind.DRAFT;
        }
        return Kind.END_ENTITY;
    }

    boolean expired() {
        return timeLeft.isNegative() || timeLeft.isZero();
    }

    /** The summary for people, one "name : value" line each, as DIRAC's dirac-proxy-info prints it. */
    void print(PrintWriter out) {
        line(out, "subject", subject);
        line(out, "issuer", issuer);
        line(out, "identity", identity);
        line(out, "type", kind.description + (kind.isProxy() ? (limited ? ", limited" : ", not limited") : ""));
        line(out, "DIRAC group", group == null ? "(none: the server uses the default group)" : group);
        line(out, "key", keyAlgorithm + " " + keyBits + " bits");
        if (expired()) {
            line(out, "time left", "EXPIRED at " + Texts.time(notAfter) + " (" + Texts.human(timeLeft) + " ago)");
        } else {
            line(out, "time left", Texts.hms(timeLeft) + " (until " + Texts.time(notAfter) + ")");
        }
        if (path != null) {
            line(out, "path", path.toString());
        }
        out.flush();
    }

    /** The summary for scripts. */
    JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("subject", subject)
                .add("issuer", issuer)
                .add("identity", identity)
                .add("isProxy", kind.isProxy())
                .add("type", switch (kind) {
                    case RFC3820 -> "rfc3820";
                    case LEGACY -> "legacy";
                    case DRAFT -> "draft";
                    case END_ENTITY -> "end-entity";
                })
                .add("isLimitedProxy", limited);
        if (group == null) {
            json.addNull("group");
        } else {
            json.add("group", group);
        }
        json.add("keyAlgorithm", keyAlgorithm)
                .add("keyBits", keyBits)
                .add("notAfter", notAfter.toString())
                .add("secondsLeft", Math.max(0, timeLeft.getSeconds()))
                .add("expired", expired());
        if (path != null) {
            json.add("path", path.toString());
        }
        JsonArrayBuilder subjects = Json.createArrayBuilder();
        chain.forEach(subjects::add);
        json.add("chain", subjects);
        return json.build();
    }

    private static void line(PrintWriter out, String name, String value) {
        out.printf("%-12s: %s%n", name, value);
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 0;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static String withoutProxyCns(X509Certificate lastProxy) {
        // The issuer of the last proxy in the file is the identity, or a proxy further up the (absent) chain:
        // strip the CNs that proxies add (digits, "proxy", "limited proxy") from its end.
        RDN[] rdns = X500Name.getInstance(lastProxy.getIssuerX500Principal().getEncoded()).getRDNs();
        int end = rdns.length;
        while (end > 1 && isProxyCn(rdns[end - 1])) {
            end--;
        }
        RDN[] kept = new RDN[end];
        System.arraycopy(rdns, 0, kept, 0, end);
        return OpenSslNames.oneLine(new X500Name(kept));
    }

    private static boolean isProxyCn(RDN rdn) {
        if (rdn.isMultiValued() || !org.bouncycastle.asn1.x500.style.BCStyle.CN.equals(rdn.getFirst().getType())) {
            return false;
        }
        String value = rdn.getFirst().getValue().toString();
        return value.equals(ProxyCertificates.LEGACY_CN) || value.equals(ProxyCertificates.LEGACY_LIMITED_CN)
                || value.matches("\\d+");
    }
}
