package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * How the grid trust manager decides, read from the server JVM's system properties (the trust manager lives
 * below the applications, so MicroProfile Config is not there yet):
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #CA_DIRECTORY}</td><td>an OpenSSL-style CA directory: {@code <hash>.0} certificates,
 *       {@code <hash>.r0} CRLs (the grid's {@code /etc/grid-security/certificates}); without it the trust store
 *       the server passes in (its {@code javax.net.ssl.trustStore}) is used</td><td>none</td></tr>
 *   <tr><td>{@value #UPDATE_SECONDS}</td><td>how often the directory is re-read: a new CA, a removed CA or a new
 *       CRL takes effect within this interval, without a restart</td><td>600</td></tr>
 *   <tr><td>{@value #CRL_MODE}</td><td>{@code require}: every CA must have a valid CRL and revoked certificates
 *       are refused; {@code if-valid}: a CA's CRL is enforced when present and valid; {@code ignore}</td>
 *       <td>require with a CA directory, if-valid with a trust store</td></tr>
 *   <tr><td>{@value #NAMESPACES}</td><td>the CA namespace policies of the CA directory, which say which
 *       subjects each CA may sign (canl's modes): {@code eugridpma-globus} enforces a CA's EUGridPMA
 *       {@code <hash>.namespaces} file, or its Globus {@code <hash>.signing_policy} file when it has no
 *       {@code .namespaces}; {@code globus-eugridpma} prefers the Globus file; {@code eugridpma} and {@code globus}
 *       read one format only; {@code eugridpma-and-globus} enforces both files when both are there; a
 *       {@code -require} suffix refuses every certificate of a CA that has no policy file; {@code ignore} lets
 *       any CA sign any subject (never on a grid site: users are known by their DN)</td>
 *       <td>eugridpma-globus</td></tr>
 *   <tr><td>{@value #MIN_KEY_BITS}</td><td>the smallest RSA/DSA key accepted in a client's chain (1024 admits
 *       legacy proxies)</td><td>2048</td></tr>
 * </table>
 *
 * @param caDirectory   the CA directory, when trust comes from one
 * @param updateInterval how often the directory is re-read
 * @param crlMode       CRL checking
 * @param namespaces    CA namespace policy checking
 * @param minKeyBits    smallest key accepted
 */
public record GridTrustSettings(Optional<Path> caDirectory, Duration updateInterval, CrlCheckingMode crlMode,
                                NamespaceCheckingMode namespaces, int minKeyBits) {

    public static final String CA_DIRECTORY = "gatehouse.trust.caDirectory";
    public static final String UPDATE_SECONDS = "gatehouse.trust.updateSeconds";
    public static final String CRL_MODE = "gatehouse.trust.crl";
    public static final String NAMESPACES = "gatehouse.trust.namespaces";
    public static final String MIN_KEY_BITS = "gatehouse.trust.minKeyBits";

    /** The settings given by these properties, with the defaults above. */
    public static GridTrustSettings from(Properties properties) {
        Optional<Path> directory = Optional.ofNullable(properties.getProperty(CA_DIRECTORY))
                .filter(s -> !s.isBlank()).map(Path::of);
        long seconds = Long.parseLong(properties.getProperty(UPDATE_SECONDS, "600").trim());
        if (seconds < 1) {
            throw new IllegalArgumentException(UPDATE_SECONDS + " must be at least 1, not " + seconds);
        }
        // A CA directory carries its CRLs, so they are required there; a trust store has none to require.
        String mode = properties.getProperty(CRL_MODE, directory.isPresent() ? "require" : "if-valid").trim()
                .toLowerCase(Locale.ROOT);
        CrlCheckingMode crlMode = switch (mode) {
            case "require" -> CrlCheckingMode.REQUIRE;
            case "if-valid" -> CrlCheckingMode.IF_VALID;
            case "ignore" -> CrlCheckingMode.IGNORE;
            default -> throw new IllegalArgumentException(CRL_MODE + " must be require, if-valid or ignore, not "
                    + mode);
        };
        int minKeyBits = Integer.parseInt(properties.getProperty(MIN_KEY_BITS, "2048").trim());
        return new GridTrustSettings(directory, Duration.ofSeconds(seconds), crlMode,
                namespaces(properties.getProperty(NAMESPACES, "eugridpma-globus")), minKeyBits);
    }

    /** A namespace mode by its setting's name: canl's mode in lower case with dashes, e.g. eugridpma-globus. */
    static NamespaceCheckingMode namespaces(String setting) {
        String name = setting.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (NamespaceCheckingMode mode : NamespaceCheckingMode.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(NAMESPACES + " must be one of " + namespaceSettings() + ", not "
                + setting.trim());
    }

    /** The setting's name of a namespace mode. */
    static String settingName(NamespaceCheckingMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String namespaceSettings() {
        StringBuilder names = new StringBuilder();
        for (NamespaceCheckingMode mode : NamespaceCheckingMode.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(settingName(mode));
        }
        return names.toString();
    }

    /** The settings of this JVM. */
    public static GridTrustSettings fromSystemProperties() {
        return from(System.getProperties());
    }
}
