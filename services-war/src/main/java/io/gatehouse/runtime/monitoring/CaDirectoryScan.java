package io.gatehouse.runtime.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What an OpenSSL-style CA directory (the grid's {@code /etc/grid-security/certificates}) holds for readiness: how
 * many CA certificates ({@code <hash>.<n>}) and CRLs ({@code <hash>.r<n>}), and which CRLs are past their
 * nextUpdate, when a CRL-checking trust manager refuses every certificate of that CA. A CRL is parsed again only
 * when its file changes; at most {@value #MAX_ENTRIES} entries are looked at.
 */
final class CaDirectoryScan {

    static final int MAX_ENTRIES = 10_000;
    private static final Pattern CERTIFICATE = Pattern.compile("[0-9a-f]{8}\\.[0-9]+");
    private static final Pattern CRL = Pattern.compile("[0-9a-f]{8}\\.r[0-9]+");

    /** A CRL file as last read: its stamp, and its nextUpdate (empty when it has none or cannot be read). */
    private record Known(FileTime modified, long size, Optional<Instant> nextUpdate, String problem) {
    }

    /**
     * @param staleCrls   CRL files past their nextUpdate, by name
     * @param badCrls     CRL files that are not CRLs, by name
     */
    record Findings(int certificates, int crls, List<String> staleCrls, List<String> badCrls) {
    }

    private final Map<Path, Known> crls = new ConcurrentHashMap<>();

    Findings scan(Path directory, Instant now) throws IOException {
        int certificates = 0;
        int crlCount = 0;
        int entries = 0;
        List<String> stale = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (++entries > MAX_ENTRIES) {
                    break;
                }
                String name = file.getFileName().toString();
                if (CERTIFICATE.matcher(name).matches()) {
                    certificates++;
                } else if (CRL.matcher(name).matches()) {
                    crlCount++;
                    Known known = read(file);
                    if (known.problem() != null) {
                        bad.add(name);
                    } else if (known.nextUpdate().filter(now::isAfter).isPresent()) {
                        stale.add(name);
                    }
                }
            }
        }
        crls.keySet().removeIf(path -> !Files.exists(path));
        stale.sort(null);
        bad.sort(null);
        return new Findings(certificates, crlCount, List.copyOf(stale), List.copyOf(bad));
    }

    private Known read(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Known known = crls.get(file);
        if (known != null && known.modified().equals(attributes.lastModifiedTime())
                && known.size() == attributes.size()) {
            return known;
        }
        Known read;
        try (InputStream in = Files.newInputStream(file)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            read = new Known(attributes.lastModifiedTime(), attributes.size(),
                    Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant), null);
        } catch (CRLException | CertificateException | ClassCastException e) {
            read = new Known(attributes.lastModifiedTime(), attributes.size(), Optional.empty(), e.getMessage());
        }
        crls.put(file, read);
        return read;
    }
}
