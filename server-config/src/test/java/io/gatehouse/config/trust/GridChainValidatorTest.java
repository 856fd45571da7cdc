package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.testpki.DevPki;
import io.gatehouse.testpki.TestChains;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid trust decision, in process, over the whole hostile-chain catalogue and a real CA directory. */
class GridChainValidatorTest {

    @TempDir
    static Path pki;

    private static GridChainValidator validator;

    @BeforeAll
    static void generate() throws Exception {
        DevPki.generate(pki, List.of("alice", "bob"), false, true);
        validator = validator(2048);
    }

    private static GridChainValidator validator(int minKeyBits) {
        return GridChainValidator.create(new GridTrustSettings(Optional.of(pki.resolve("certificates")),
                Duration.ofSeconds(600), CrlCheckingMode.REQUIRE, NamespaceCheckingMode.EUGRIDPMA_GLOBUS, minKeyBits), null);
    }

    private static X509Certificate[] chain(String name) throws Exception {
        return GridProxyFiles.read(TestChains.pem(pki, name)).chain().toArray(X509Certificate[]::new);
    }

    static List<String> good() {
        return TestChains.GOOD;
    }

    static List<String> bad() {
        return TestChains.BAD;
    }

    @ParameterizedTest
    @MethodSource("good")
    void acceptsGoodChains(String name) throws Exception {
        assertEquals(Optional.empty(), validator.refusal(chain(name)), name);
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refusesBadChains(String name) throws Exception {
        Optional<String> refusal = validator.refusal(chain(name));
        assertTrue(refusal.isPresent(), name + " was accepted");
        assertTrue(!refusal.get().isBlank());
    }

    @Test
    void namesTheReasonForTheSiteRules() throws Exception {
        assertTrue(validator.refusal(chain("unknown-policy")).orElseThrow().contains("1.3.6.1.5.5.7.21.2"));
        assertTrue(validator.refusal(chain("ee-ca-flag")).orElseThrow().contains("marked as a CA"));
        assertTrue(validator.refusal(chain("weak-user")).orElseThrow().contains("1024-bit"));
    }

    /** A validator over a copy of the dev CA directory, with its policy files of the given suffixes removed. */
    private static GridChainValidator validator(NamespaceCheckingMode mode, String... removed) throws Exception {
        return GridChainValidator.create(new GridTrustSettings(Optional.of(copyOfCertificates(removed)),
                Duration.ofSeconds(600), CrlCheckingMode.REQUIRE, mode, 2048), null);
    }

    /** A copy of the dev CA directory without the files whose names end with one of {@code leftOut}. */
    private static Path copyOfCertificates(String... leftOut) throws Exception {
        Path directory = Files.createTempDirectory(pki, "certificates-");
        try (Stream<Path> files = Files.list(pki.resolve("certificates"))) {
            for (Path file : files.collect(Collectors.toList())) {
                String name = file.getFileName().toString();
                if (Stream.of(leftOut).noneMatch(name::endsWith)) {
                    Files.copy(file, directory.resolve(name));
                }
            }
        }
        return directory;
    }

    private static String refusalOf(GridChainValidator validator, String name) throws Exception {
        return validator.refusal(chain(name)).orElseThrow(() -> new AssertionError(name + " was accepted"));
    }

    @Test
    void aSubjectOutsideItsCasNamespaceIsRefusedUnderEitherFormat() throws Exception {
        for (NamespaceCheckingMode mode : List.of(NamespaceCheckingMode.EUGRIDPMA_GLOBUS,
                NamespaceCheckingMode.GLOBUS_EUGRIDPMA, NamespaceCheckingMode.EUGRIDPMA,
                NamespaceCheckingMode.GLOBUS, NamespaceCheckingMode.EUGRIDPMA_AND_GLOBUS)) {
            GridChainValidator checked = validator(mode);
            for (String name : List.of(TestChains.OUTSIDE_NAMESPACE, TestChains.DENIED_SUBTREE)) {
                String refusal = refusalOf(checked, name);
                assertTrue(refusal.toLowerCase(java.util.Locale.ROOT).contains("namespace"), mode + " " + name
                        + ": " + refusal);
            }
            assertEquals(Optional.empty(), checked.refusal(chain(TestChains.RFC_PROXY)), mode.toString());
        }
        GridChainValidator ignoring = validator(NamespaceCheckingMode.IGNORE);
        assertEquals(Optional.empty(), ignoring.refusal(chain(TestChains.OUTSIDE_NAMESPACE)));
        assertEquals(Optional.empty(), ignoring.refusal(chain(TestChains.DENIED_SUBTREE)));
    }

    @Test
    void theModeSaysWhichFormatCountsAndWhetherAPolicyIsRequired() throws Exception {
        // Only the Globus file: an EUGridPMA-only mode finds no policy and, not requiring one, lets the CA sign
        // anything; the default falls back to the Globus file.
        assertEquals(Optional.empty(), validator(NamespaceCheckingMode.EUGRIDPMA, ".namespaces")
                .refusal(chain(TestChains.OUTSIDE_NAMESPACE)));
        assertTrue(validator(NamespaceCheckingMode.EUGRIDPMA_GLOBUS, ".namespaces")
                .refusal(chain(TestChains.OUTSIDE_NAMESPACE)).isPresent());
        // The Globus file cannot deny a sub-tree the way a DENY does, but the dev CA's lists OU=Users and
        // OU=Hosts only, so OU=Retired is refused by either file.
        assertTrue(validator(NamespaceCheckingMode.GLOBUS).refusal(chain(TestChains.DENIED_SUBTREE)).isPresent());
        // No policy at all: accepted unless a policy is required.
        GridChainValidator none = validator(NamespaceCheckingMode.EUGRIDPMA_GLOBUS, ".namespaces", ".signing_policy");
        assertEquals(Optional.empty(), none.refusal(chain(TestChains.OUTSIDE_NAMESPACE)));
        GridChainValidator required = validator(NamespaceCheckingMode.EUGRIDPMA_GLOBUS_REQUIRE, ".namespaces",
                ".signing_policy");
        assertTrue(required.refusal(chain(TestChains.RFC_PROXY)).isPresent(), "no policy, and one is required");
        assertEquals(Optional.empty(), validator(NamespaceCheckingMode.EUGRIDPMA_GLOBUS_REQUIRE)
                .refusal(chain(TestChains.RFC_PROXY)));
    }

    @Test
    void theNamespaceModeIsASettingWithTheGridsDefault() {
        assertEquals(NamespaceCheckingMode.EUGRIDPMA_GLOBUS, GridTrustSettings.from(new Properties()).namespaces());
        Properties properties = new Properties();
        properties.setProperty(GridTrustSettings.NAMESPACES, " globus-eugridpma-require ");
        assertEquals(NamespaceCheckingMode.GLOBUS_EUGRIDPMA_REQUIRE, GridTrustSettings.from(properties).namespaces());
        properties.setProperty(GridTrustSettings.NAMESPACES, "Ignore");
        assertEquals(NamespaceCheckingMode.IGNORE, GridTrustSettings.from(properties).namespaces());
        properties.setProperty(GridTrustSettings.NAMESPACES, "strict");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GridTrustSettings.from(properties));
        assertTrue(refused.getMessage().contains("eugridpma-globus"), refused.getMessage());
    }

    @Test
    void aProxyWhoseKeyMayNotSignIsRefusedForThatReason() throws Exception {
        String refusal = refusalOf(validator, TestChains.PROXY_NO_SIGNING);
        assertTrue(refusal.contains("without digitalSignature"), refusal);
    }

    @Test
    void trustManagersOfTheSameSettingsShareOneValidatorWhoseRefreshStopsWhenUnused() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(GridTrustSettings.CA_DIRECTORY, pki.resolve("certificates").toString());
        properties.setProperty(GridTrustSettings.UPDATE_SECONDS, "3600");
        GridTrustSettings settings = GridTrustSettings.from(properties);
        GridChainValidator first = GridChainValidator.shared(settings, null);
        assertSame(first, GridChainValidator.shared(settings, null), "a second listener shares the validator");
        properties.setProperty(GridTrustSettings.UPDATE_SECONDS, "1800");
        assertNotSame(first, GridChainValidator.shared(GridTrustSettings.from(properties), null),
                "other settings, another validator");
        assertEquals(Optional.empty(), first.refusal(chain(TestChains.RFC_PROXY)));

        int disposed = GridChainValidator.DISPOSED.get();
        first = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (GridChainValidator.DISPOSED.get() < disposed + 2 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(disposed + 2, GridChainValidator.DISPOSED.get(), "both unused validators were disposed of");
        assertNotNull(GridChainValidator.shared(settings, null), "and a new one is made when wanted again");
    }

    @Test
    void aDirectoryWithOldHashNamesOnlyIsReadWholeCertificatesCrlsAndPolicies() throws Exception {
        Path old = OldHashDirectories.copyWithOldNames(pki.resolve("certificates"), pki.resolve("old-hashes"));
        try (Stream<Path> files = Files.list(old)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(
                    io.gatehouse.testpki.OpenSslNameHash.subjectHash(validator.trustedIssuers()[0]))));
        }
        // fetch-crl's download addresses lie beside the CAs in the field; they are not CA files.
        try (Stream<Path> files = Files.list(old)) {
            for (Path ca : files.filter(f -> f.toString().endsWith(".0")).collect(Collectors.toList())) {
                Files.writeString(old.resolve(ca.getFileName().toString().replace(".0", ".crl_url")),
                        "http://crl.example.invalid/ca.crl\n");
            }
        }
        assertTrue(HashNaming.usesNewHashes(pki.resolve("certificates")));
        assertFalse(HashNaming.usesNewHashes(old));
        GridChainValidator oldNames = GridChainValidator.create(new GridTrustSettings(Optional.of(old),
                Duration.ofSeconds(600), CrlCheckingMode.REQUIRE, NamespaceCheckingMode.EUGRIDPMA_GLOBUS, 2048), null);
        assertEquals(1, oldNames.trustedIssuers().length);
        assertEquals(Optional.empty(), oldNames.refusal(chain(TestChains.RFC_PROXY)));
        assertTrue(refusalOf(oldNames, TestChains.REVOKED_USER).toLowerCase(java.util.Locale.ROOT).contains("revoked"),
                "the CRL is found under its old name too");
        assertTrue(refusalOf(oldNames, TestChains.OUTSIDE_NAMESPACE).contains("namespace"),
                "and so is the namespace policy");
    }

    /** A CA whose CRL is past its nextUpdate (fetch-crl has stopped), or has none: the CRL setting decides. */
    @Test
    void aStaleOrMissingCrlIsHandledAsTheCrlSettingSays() throws Exception {
        Path directory = copyOfCertificates();
        io.gatehouse.testpki.CertificateAuthority ca = io.gatehouse.testpki.CertificateAuthority.load(
                pki.resolve(DevPki.CA_CERT), pki.resolve("ca/ca-key.pem"), new java.security.SecureRandom());
        java.math.BigInteger revoked = chain(TestChains.REVOKED_USER)[0].getSerialNumber();
        java.security.cert.X509CRL expired = ca.issueCrl(List.of(revoked), Duration.ofMinutes(-1)); // issued 5 min ago, stale since 1 min
        io.gatehouse.testpki.CaDirectory.install(directory, ca.certificate(), expired);

        // require and if-valid (which only forgives a CRL that is missing) refuse the CA's users while its CRL is
        // stale; ignore does not look at CRLs, so it neither refuses them nor the revoked one.
        for (CrlCheckingMode strict : List.of(CrlCheckingMode.REQUIRE, CrlCheckingMode.IF_VALID)) {
            String refusal = refusalOf(crlMode(directory, strict), TestChains.RFC_PROXY);
            assertTrue(refusal.contains("CRL"), strict + ": " + refusal);
        }
        GridChainValidator ignoring = crlMode(directory, CrlCheckingMode.IGNORE);
        assertEquals(Optional.empty(), ignoring.refusal(chain(TestChains.RFC_PROXY)));
        assertEquals(Optional.empty(), ignoring.refusal(chain(TestChains.REVOKED_USER)));
        // if-valid with no CRL at all: accepted.
        Files.delete(io.gatehouse.testpki.CaDirectory.crlFile(directory,
                io.gatehouse.testpki.OpenSslNameHash.subjectHash(ca.certificate()), 0));
        assertEquals(Optional.empty(), crlMode(directory, CrlCheckingMode.IF_VALID).refusal(chain(TestChains.RFC_PROXY)));
        assertTrue(crlMode(directory, CrlCheckingMode.REQUIRE).refusal(chain(TestChains.RFC_PROXY)).isPresent());
    }

    private static GridChainValidator crlMode(Path directory, CrlCheckingMode mode) {
        return GridChainValidator.create(new GridTrustSettings(Optional.of(directory), Duration.ofSeconds(600), mode,
                NamespaceCheckingMode.EUGRIDPMA_GLOBUS, 2048), null);
    }

    @Test
    void aLowerMinimumAdmitsLegacyKeySizes() throws Exception {
        GridChainValidator legacy = validator(1024);
        assertEquals(Optional.empty(), legacy.refusal(chain("weak-proxy")));
        assertEquals(Optional.empty(), legacy.refusal(chain("weak-user")));
    }

    @Test
    void aTrustStoreServesWhereThereIsNoCaDirectory() throws Exception {
        java.security.KeyStore trustStore = io.gatehouse.credentials.Pkcs12Stores.load(pki.resolve("truststore.p12"),
                "changeit".toCharArray());
        GridChainValidator fromStore = GridChainValidator.create(
                GridTrustSettings.from(new Properties()), trustStore);
        assertEquals(Optional.empty(), fromStore.refusal(chain("rfc-proxy")));
        assertEquals(Optional.empty(), fromStore.refusal(chain("legacy-limited")));
        assertTrue(fromStore.refusal(chain("proxy-of-untrusted")).isPresent());
        assertTrue(fromStore.refusal(chain("proxy-wrong-signer")).isPresent());
        assertTrue(fromStore.refusal(chain("unknown-policy")).isPresent());
    }

    @Test
    void refusesAnEmptyChainAndTrustsTheDirectorysCa() {
        assertTrue(validator.refusal(new X509Certificate[0]).isPresent());
        assertEquals(1, validator.trustedIssuers().length);
    }

    @Test
    void settingsComeFromPropertiesWithSafeDefaults() {
        GridTrustSettings defaults = GridTrustSettings.from(new Properties());
        assertEquals(Optional.empty(), defaults.caDirectory());
        assertEquals(Duration.ofMinutes(10), defaults.updateInterval());
        assertEquals(CrlCheckingMode.IF_VALID, defaults.crlMode());
        assertEquals(2048, defaults.minKeyBits());
        Properties properties = new Properties();
        properties.setProperty(GridTrustSettings.CA_DIRECTORY, "/etc/grid-security/certificates");
        properties.setProperty(GridTrustSettings.UPDATE_SECONDS, "5");
        properties.setProperty(GridTrustSettings.MIN_KEY_BITS, "1024");
        assertEquals(CrlCheckingMode.REQUIRE, GridTrustSettings.from(properties).crlMode());
        properties.setProperty(GridTrustSettings.CRL_MODE, "if-valid");
        GridTrustSettings set = GridTrustSettings.from(properties);
        assertEquals(Optional.of(Path.of("/etc/grid-security/certificates")), set.caDirectory());
        assertEquals(Duration.ofSeconds(5), set.updateInterval());
        assertEquals(CrlCheckingMode.IF_VALID, set.crlMode());
        assertEquals(1024, set.minKeyBits());
        properties.setProperty(GridTrustSettings.CRL_MODE, "sometimes");
        assertThrows(IllegalArgumentException.class, () -> GridTrustSettings.from(properties));
        properties.setProperty(GridTrustSettings.CRL_MODE, "ignore");
        properties.setProperty(GridTrustSettings.UPDATE_SECONDS, "0");
        assertThrows(IllegalArgumentException.class, () -> GridTrustSettings.from(properties));
    }
}
