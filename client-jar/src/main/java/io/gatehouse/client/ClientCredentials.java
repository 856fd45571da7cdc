package io.gatehouse.client;

import io.gatehouse.api.wire.OpenSslNames;
import eu.emi.security.authn.x509.proxy.ProxyUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.Pkcs12Stores;

/**
 * What the client presents in the TLS handshake: a grid proxy (RFC 3820 or legacy, with the rest of its chain),
 * an end-entity certificate with its key (a user's or a host's), or nothing. The files are read when the
 * credentials are made; whether they are still valid is checked by {@link GatehouseClient.Builder#build()}.
 * Immutable and thread-safe.
 */
public final class ClientCredentials {

    /** What to run when a proxy is missing or expired. */
    static final String PROXY_INIT_HINT = "make a new one with `gatehouse proxy-init`";

    private static final ClientCredentials NONE = new ClientCredentials(List.of(), null, "no credentials");

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final String source;

    private ClientCredentials(List<X509Certificate> chain, PrivateKey key, String source) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.source = source;
    }

    /** No certificate: the server sees a visitor, allowed only where a method's rule says {@code all}/{@code any}. */
    public static ClientCredentials none() {
        return NONE;
    }

    /**
     * A grid proxy file: the proxy certificate, its unencrypted key, then the rest of the chain (as
     * {@code voms-proxy-init}, {@code dirac-proxy-init} and {@code gatehouse proxy-init} write it). A PEM file
     * holding a certificate chain and the leaf's key is read the same way.
     *
     * @throws IllegalArgumentException when the file is missing or unusable (no certificate, no key, an encrypted
     *                                  key, a key that does not belong to the first certificate)
     */
    public static ClientCredentials proxyFile(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no proxy file at " + path + ": " + PROXY_INIT_HINT);
        }
        try {
            IssuedCredential credential = GridProxyFiles.read(path);
            return new ClientCredentials(credential.chain(), credential.privateKey(), "the proxy file " + path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use the proxy file " + path + ": " + reason(e), e);
        }
    }

    /**
     * The current user's proxy where grid tools put it: {@code $X509_USER_PROXY} if set, else
     * {@code /tmp/x509up_u<uid>}.
     *
     * @throws IllegalStateException when there is no proxy there (the message says where it looked and what to do)
     * @throws IllegalArgumentException when the file is there but unusable
     */
    public static ClientCredentials defaultProxy() {
        Path path = GridProxyFiles.defaultLocation();
        if (!Files.exists(path)) {
            String variable = System.getenv(GridProxyFiles.X509_USER_PROXY);
            String where = variable != null && !variable.isEmpty()
                    ? "$" + GridProxyFiles.X509_USER_PROXY + " names " + path + ", which does not exist"
                    : "there is no proxy at " + path + " and $" + GridProxyFiles.X509_USER_PROXY + " is not set";
            throw new IllegalStateException("no grid proxy: " + where + "; " + PROXY_INIT_HINT);
        }
        return proxyFile(path);
    }

    /**
     * A certificate (with any intermediate certificates after it, leaf first) and its unencrypted private key,
     * both PEM, e.g. {@code ~/.globus/usercert.pem} and {@code userkey.pem}, or a host's
     * {@code hostcert.pem}/{@code hostkey.pem}. The two paths may name the same file.
     *
     * @throws IllegalArgumentException when a file is missing or unusable, or the key does not belong to the
     *                                  certificate
     */
    public static ClientCredentials pem(Path certificate, Path key) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        List<X509Certificate> chain;
        PrivateKey privateKey;
        try {
            chain = PemFiles.readCertificates(certificate);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in " + certificate);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the certificate " + certificate + ": " + reason(e), e);
        }
        try {
            privateKey = PemFiles.readPrivateKey(key);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the private key " + key + ": " + reason(e), e);
        }
        if (!KeyPairs.matches(privateKey, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the private key " + key + " does not belong to the certificate "
                    + dn(chain.get(0)) + " in " + certificate);
        }
        return new ClientCredentials(chain, privateKey, "the certificate " + certificate);
    }

    /**
     * The first private key entry of a PKCS#12 store (a browser's export, the development PKI's
     * {@code user.p12}); the password opens both the store and the entry.
     *
     * @throws IllegalArgumentException when the file is missing or unusable, the password is wrong, or it holds no
     *                                  private key entry
     */
    public static ClientCredentials pkcs12(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        try {
            KeyStore store = Pkcs12Stores.load(file, password);
            Optional<IssuedCredential> entry = Pkcs12Stores.firstKeyEntry(store, password);
            if (entry.isPresent()) {
                return new ClientCredentials(entry.get().chain(), entry.get().privateKey(),
                        "the PKCS#12 file " + file);
            }
            throw new IllegalArgumentException("no private key entry with a certificate in " + file);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + ": " + reason(e), e);
        }
    }

    /**
     * A key manager that presents this chain whatever CA names a server lists (the JDK's own would send nothing
     * for a proxy chain), for programs that open TLS connections of their own.
     */
    public javax.net.ssl.X509ExtendedKeyManager keyManager() {
        return new ChainKeyManager(this);
    }

    /** The chain presented to servers, leaf first; empty for {@link #none()}. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf's private key; empty for {@link #none()}. */
    public Optional<PrivateKey> key() {
        return Optional.ofNullable(key);
    }

    /**
     * Time until the earliest notAfter of the chain (a proxy is no better than the certificate it comes from);
     * {@link Duration#ZERO} when that moment has passed, and for {@link #none()}.
     */
    public Duration timeLeft() {
        return earliestExpiry()
                .map(certificate -> Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
                .filter(left -> !left.isNegative())
                .orElse(Duration.ZERO);
    }

    /** Whether these are {@link #none()}: no certificate to present. */
    public boolean isNone() {
        return chain.isEmpty();
    }

    /** Whether the leaf is a grid proxy (RFC 3820 or legacy). */
    public boolean isProxy() {
        return !chain.isEmpty() && ProxyUtils.isProxy(chain.get(0));
    }

    /** Where the credentials come from, for messages, e.g. "the proxy file /tmp/x509up_u1000". */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return chain.isEmpty() ? source : dn(chain.get(0)) + " from " + source;
    }

    /**
     * Refuses credentials no server will accept because of time: an expired or not yet valid certificate.
     *
     * @throws IllegalStateException saying which certificate, since when, and what to do
     */
    void checkUsableAt(Instant now) {
        for (X509Certificate certificate : chain) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            if (now.isBefore(notBefore)) {
                throw new IllegalStateException("the certificate " + dn(certificate) + " in " + source
                        + " is not valid before " + notBefore + ": check this machine's clock");
            }
        }
        Optional<X509Certificate> earliest = earliestExpiry();
        if (earliest.isEmpty() || now.isBefore(earliest.get().getNotAfter().toInstant())) {
            return;
        }
        X509Certificate expired = earliest.get();
        Instant notAfter = expired.getNotAfter().toInstant();
        String when = notAfter + " (" + ago(Duration.between(notAfter, now)) + " ago)";
        boolean expiredIsProxy = ProxyUtils.isProxy(expired);
        String what;
        if (expiredIsProxy) {
            what = "the proxy in " + source + " (" + dn(expired) + ") expired at " + when + ": " + PROXY_INIT_HINT;
        } else if (isProxy()) {
            what = "the certificate " + dn(expired) + " that the proxy in " + source + " comes from expired at " + when
                    + ": renew it with your certificate authority, then make a new proxy with `gatehouse proxy-init`";
        } else {
            what = "the certificate " + dn(expired) + " in " + source + " expired at " + when
                    + ": renew it with your certificate authority";
        }
        throw new IllegalStateException(what);
    }

    private Optional<X509Certificate> earliestExpiry() {
        return chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter));
    }

    /** A DN in the OpenSSL one-line form grid users know ({@code /C=ch/O=Gatehouse/CN=alice}). */
    static String dn(X509Certificate certificate) {
        return OpenSslNames.oneLine(certificate.getSubjectX500Principal());
    }

    private static String ago(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        } else if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        } else if (seconds < 2 * 86400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " days";
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
