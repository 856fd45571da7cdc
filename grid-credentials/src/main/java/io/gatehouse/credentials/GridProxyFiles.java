package io.gatehouse.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The grid proxy file format, what voms-proxy-init, grid-proxy-init and DIRAC's dirac-proxy-init write to
 * {@code /tmp/x509up_u<uid>} and what curl ({@code --cert}), Python's ssl and DIRAC read back: in one PEM file,
 * the proxy certificate, then its unencrypted private key, then the rest of the chain leaf first (intermediate
 * proxies, then the user certificate), without the CA. The key is written as PKCS#8 ("BEGIN PRIVATE KEY", as
 * DIRAC writes it); the reader also takes the traditional "BEGIN RSA PRIVATE KEY" form of older Globus tools.
 */
public final class GridProxyFiles {

    /** The environment variable grid tools read the proxy location from. */
    public static final String X509_USER_PROXY = "X509_USER_PROXY";

    private GridProxyFiles() {
    }

    /**
     * The text of a grid proxy file for a credential: its certificate, its key, then the rest of its chain
     * with every self-signed certificate (the root CA) left out.
     */
    public static String toPem(IssuedCredential credential) throws IOException {
        List<X509Certificate> rest = withoutRoots(credential.chain().subList(1, credential.chain().size()));
        return PemFiles.toPem(credential.certificate())
                + PemFiles.toPem(credential.privateKey())
                + PemFiles.toPem(rest.toArray(new X509Certificate[0]));
    }

    /** Writes a grid proxy file atomically (temporary file, then move), mode 0600 on POSIX file systems. */
    public static void write(Path file, IssuedCredential credential) throws IOException {
        AtomicFiles.write(file, toPem(credential).getBytes(StandardCharsets.US_ASCII), true);
    }

    /**
     * Reads a grid proxy file (or any PEM file holding a certificate chain, leaf first, and the leaf's key).
     *
     * @return the first certificate and the private key; the chain is every certificate in file order (so
     *         without the CA for a proper grid proxy file)
     * @throws IOException when the file has no certificate, no key, an encrypted key, or a key that does not
     *                     belong to the first certificate
     */
    public static IssuedCredential read(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        for (Object object : PemFiles.readObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                chain.add(PemFiles.toCertificate(holder, file));
            } else if (key == null) {
                key = PemFiles.toPrivateKey(object, file);
            }
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        if (key == null) {
            throw new IOException("no private key in " + file);
        }
        if (!KeyPairs.matches(key, chain.get(0).getPublicKey())) {
            throw new IOException("the private key in " + file + " does not belong to its first certificate "
                    + chain.get(0).getSubjectX500Principal());
        }
        return new IssuedCredential(chain.get(0), key, chain);
    }

    /**
     * Where grid tools look for the current user's proxy: {@code $X509_USER_PROXY} if set, else
     * {@code /tmp/x509up_u<uid>} (the uid of this process, on Unix).
     *
     * @throws IllegalStateException when the variable is not set and the uid cannot be known (not Unix)
     */
    public static Path defaultLocation() {
        String variable = System.getenv(X509_USER_PROXY);
        if (variable != null && !variable.isEmpty()) {
            return Paths.get(variable);
        }
        long uid;
        try {
            uid = new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot find this process' uid for /tmp/x509up_u<uid>; set "
                    + X509_USER_PROXY, e);
        }
        return Paths.get("/tmp", "x509up_u" + uid);
    }

    /** The certificates that are not self-signed (the chain without its root CA), in their order. */
    public static List<X509Certificate> withoutRoots(List<X509Certificate> certificates) {
        List<X509Certificate> kept = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (!isSelfSigned(certificate)) {
                kept.add(certificate);
            }
        }
        return kept;
    }

    /** Whether the certificate names itself as issuer and its own key verifies its signature: a root CA. */
    public static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
