package io.gatehouse.testpki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.gatehouse.credentials.AtomicFiles;
import io.gatehouse.credentials.PemFiles;

/**
 * An OpenSSL-style CA directory (the layout of /etc/grid-security/certificates, usable as
 * {@code openssl verify -CApath}, curl's {@code --capath} and DIRAC's X509_CERT_DIR): each CA certificate is
 * stored as {@code <subject hash>.<n>} and its CRL as {@code <subject hash>.r<n>}, where n starts at 0 and is
 * only raised when different CAs' names hash to the same value.
 */
public final class CaDirectory {

    private CaDirectory() {
    }

    /**
     * Installs a CA certificate and, if given, its CRL, writing only files that are missing or whose content
     * differs, so repeated installs leave the directory untouched.
     *
     * @param crl the CA's CRL, or null to leave any existing CRL file as it is
     * @return the files written
     */
    public static List<Path> install(Path directory, X509Certificate ca, X509CRL crl) throws IOException {
        Files.createDirectories(directory);
        String hash = OpenSslNameHash.subjectHash(ca);
        int index = slotFor(directory, hash, ca);
        List<Path> written = new ArrayList<>();
        Path certificateFile = certificateFile(directory, hash, index);
        if (!Files.exists(certificateFile)) {
            PemFiles.writeCertificates(certificateFile, ca);
            written.add(certificateFile);
        }
        if (crl != null) {
            Path crlFile = crlFile(directory, hash, index);
            if (!sameCrl(crlFile, crl)) {
                PemFiles.writeCrl(crlFile, crl);
                written.add(crlFile);
            }
        }
        return written;
    }

    /**
     * Writes a CA's namespace policies, the files that say which subjects the CA may sign, in the two formats grid
     * CA distributions carry: {@code <hash>.namespaces} (EUGridPMA) and {@code <hash>.signing_policy} (Globus).
     * Only files that are missing or whose content differs are written.
     *
     * @return the files written
     */
    public static List<Path> installPolicies(Path directory, X509Certificate ca, String namespaces,
                                             String signingPolicy) throws IOException {
        Files.createDirectories(directory);
        String hash = OpenSslNameHash.subjectHash(ca);
        List<Path> written = new ArrayList<>();
        for (Path file : List.of(directory.resolve(hash + ".namespaces"), directory.resolve(hash + ".signing_policy"))) {
            String content = file.getFileName().toString().endsWith(".namespaces") ? namespaces : signingPolicy;
            byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                AtomicFiles.write(file, bytes, false);
                written.add(file);
            }
        }
        return written;
    }

    /**
     * Removes every certificate, CRL and policy file stored under a hash ({@code <hash>.<n>},
     * {@code <hash>.r<n>}, {@code <hash>.namespaces}, {@code <hash>.signing_policy}), e.g. before installing a regenerated CA whose subject is unchanged and which would
     * otherwise be added next to the old one instead of replacing it.
     *
     * @return the files deleted
     */
    public static List<Path> removeHash(Path directory, String hash) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return deleted;
        }
        Pattern names = Pattern.compile(Pattern.quote(hash) + "\\.(r?[0-9]+|namespaces|signing_policy)");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (names.matcher(entry.getFileName().toString()).matches()) {
                    Files.delete(entry);
                    deleted.add(entry);
                }
            }
        }
        return deleted;
    }

    /** {@code <directory>/<hash>.<index>}. */
    public static Path certificateFile(Path directory, String hash, int index) {
        return directory.resolve(hash + "." + index);
    }

    /** {@code <directory>/<hash>.r<index>}. */
    public static Path crlFile(Path directory, String hash, int index) {
        return directory.resolve(hash + ".r" + index);
    }

    /** The index already holding this CA, else the first free one (OpenSSL stops at the first gap). */
    private static int slotFor(Path directory, String hash, X509Certificate ca) throws IOException {
        for (int index = 0; ; index++) {
            Path file = certificateFile(directory, hash, index);
            if (!Files.exists(file) || holds(file, ca)) {
                return index;
            }
        }
    }

    private static boolean holds(Path file, X509Certificate ca) {
        try {
            return PemFiles.readCertificates(file).contains(ca);
        } catch (IOException | RuntimeException e) {
            // Something unreadable occupies the slot; leave it alone and use the next one.
            return false;
        }
    }

    private static boolean sameCrl(Path file, X509CRL crl) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        byte[] wanted = PemFiles.toPem(crl).getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(Files.readAllBytes(file), wanted);
    }
}
