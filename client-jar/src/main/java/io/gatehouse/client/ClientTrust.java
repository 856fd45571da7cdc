package io.gatehouse.client;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.gatehouse.config.trust.GridChainValidator;
import io.gatehouse.config.trust.GridTrustSettings;

/**
 * Which servers the client trusts: the CAs of an OpenSSL-style CA directory (the grid's
 * {@code /etc/grid-security/certificates}: {@code <hash>.0} certificates, {@code <hash>.r0} CRLs) or of a trust
 * store. A server's chain is validated with the same grid validator (canl) the server uses for its callers,
 * CRLs included: a CA's CRL is enforced when it is present and valid, so a stale CRL on a laptop does not cut
 * its user off (the server side, which guards the data, requires them). The server's host name is always checked
 * as well ({@link GatehouseClient}). Immutable and thread-safe.
 */
public final class ClientTrust {

    /** The environment variable grid tools read the CA directory from. */
    public static final String X509_CERT_DIR = "X509_CERT_DIR";
    /** The CA directory when {@value #X509_CERT_DIR} is not set. */
    public static final Path DEFAULT_CA_DIRECTORY = Path.of("/etc/grid-security/certificates");

    /** How often a CA directory is re-read (new CAs, new CRLs), as on the server. */
    private static final Duration UPDATE_INTERVAL = Duration.ofMinutes(10);
    /** The smallest RSA key accepted in a server's chain. */
    private static final int MIN_KEY_BITS = 2048;

    /**
     * One validator per CA directory for the whole JVM: canl reads the directory and then re-reads it in the
     * background, so clients made one after the other (the command line, tests, pools) share that work instead of
     * each starting their own reader.
     */
    private static final Map<Path, GridChainValidator> DIRECTORY_VALIDATORS = new ConcurrentHashMap<>();

    private final String description;
    private final Path directory;
    private final GridChainValidator storeValidator;

    private ClientTrust(String description, Path directory, GridChainValidator storeValidator) {
        this.description = description;
        this.directory = directory;
        this.storeValidator = storeValidator;
    }

    /**
     * The grid's usual CA directory: {@code $X509_CERT_DIR} if set, else {@code /etc/grid-security/certificates}.
     *
     * @throws IllegalStateException when that directory does not exist (the message says where it looked)
     */
    public static ClientTrust defaults() {
        String variable = System.getenv(X509_CERT_DIR);
        if (variable != null && !variable.isBlank()) {
            Path directory = Path.of(variable);
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException("$" + X509_CERT_DIR + " names " + directory
                        + ", which is not a directory");
            }
            return caDirectory(directory);
        }
        if (!Files.isDirectory(DEFAULT_CA_DIRECTORY)) {
            throw new IllegalStateException("no CA directory to trust servers with: $" + X509_CERT_DIR
                    + " is not set and " + DEFAULT_CA_DIRECTORY + " does not exist; set " + X509_CERT_DIR
                    + " or give a CA directory or trust store");
        }
        return caDirectory(DEFAULT_CA_DIRECTORY);
    }

    /**
     * The CAs of an OpenSSL-style hashed CA directory, with their CRLs; re-read every 10 minutes.
     *
     * @throws IllegalArgumentException when it is not a directory
     */
    public static ClientTrust caDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the CA directory " + directory + " is not a directory");
        }
        Path normalized = directory.toAbsolutePath().normalize();
        return new ClientTrust("the CA directory " + normalized, normalized, null);
    }

    /**
     * The trusted certificate entries of a key store (PKCS#12 or JKS, whichever the file is), e.g. the
     * development PKI's {@code truststore.p12}. CRLs are not available this way.
     *
     * @throws IllegalArgumentException when the file is missing or unusable, or the password is wrong
     */
    public static ClientTrust trustStore(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        KeyStore store;
        try {
            // KeyStore.getInstance(File, ...) recognises the store's type from its content.
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the trust store " + file + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
        GridTrustSettings settings = new GridTrustSettings(Optional.empty(), UPDATE_INTERVAL,
                CrlCheckingMode.IF_VALID, NamespaceCheckingMode.EUGRIDPMA_GLOBUS, MIN_KEY_BITS);
        try {
            return new ClientTrust("the trust store " + file, null, GridChainValidator.create(settings, store));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot use the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The validator of servers' chains; a CA directory's is made on first use and shared. */
    GridChainValidator validator() {
        if (storeValidator != null) {
            return storeValidator;
        }
        return DIRECTORY_VALIDATORS.computeIfAbsent(directory, dir -> GridChainValidator.create(
                new GridTrustSettings(Optional.of(dir), UPDATE_INTERVAL, CrlCheckingMode.IF_VALID,
                        NamespaceCheckingMode.EUGRIDPMA_GLOBUS, MIN_KEY_BITS),
                null));
    }

    /** What is trusted, for messages, e.g. "the CA directory /etc/grid-security/certificates". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
