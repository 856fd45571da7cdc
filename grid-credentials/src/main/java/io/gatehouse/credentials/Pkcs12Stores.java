package io.gatehouse.credentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PKCS#12 key and trust stores written with the JDK's own "PKCS12" KeyStore, so that the JDK (the server's
 * and the Java client's SSLContext), curl and openssl all read them without any extra provider.
 */
public final class Pkcs12Stores {

    /** The JDK key store type used for every store written here. */
    public static final String TYPE = "PKCS12";

    private Pkcs12Stores() {
    }

    /**
     * Writes a key store holding one private key entry.
     *
     * @param chain the entry's certificate chain, leaf first (the issuing CA after it, so a TLS peer can
     *              build the path even if it only has the root)
     * @param password used both for the store and for the key entry (JSSE's KeyManagerFactory and most
     *                 tools expect the two to be equal)
     */
    public static void writeKeyStore(Path file, String alias, PrivateKey key, List<X509Certificate> chain,
                                     char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = empty();
        store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
        AtomicFiles.write(file, serialize(store, password), true);
    }

    /** Writes a trust store with one trusted certificate entry per map entry (alias to certificate). */
    public static void writeTrustStore(Path file, Map<String, X509Certificate> trusted, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = empty();
        for (Map.Entry<String, X509Certificate> entry : trusted.entrySet()) {
            // The JDK marks certificate entries with its "trusted key usage" attribute, which is what makes
            // them count as trust anchors when the store is loaded back by a TrustManagerFactory.
            store.setCertificateEntry(entry.getKey(), entry.getValue());
        }
        AtomicFiles.write(file, serialize(store, password), false);
    }

    /** Loads a PKCS#12 store with the JDK. */
    public static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static KeyStore empty() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        return store;
    }

    private static byte[] serialize(KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        return bytes.toByteArray();
    }

    /**
     * The first key entry of a store that holds a private key and its certificate chain, as a credential; empty
     * when there is none.
     */
    public static Optional<IssuedCredential> firstKeyEntry(KeyStore store, char[] password)
            throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            Key key = store.getKey(alias, password);
            Certificate[] certificates = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
                continue;
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            return Optional.of(new IssuedCredential(chain.get(0), privateKey, chain));
        }
        return Optional.empty();
    }
}
