package io.gatehouse.testpki;

import static io.gatehouse.testpki.DevPkiRuns.assertSameFiles;
import static io.gatehouse.testpki.DevPkiRuns.relative;
import static io.gatehouse.testpki.DevPkiRuns.relativeFiles;
import static io.gatehouse.testpki.DevPkiRuns.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.gatehouse.credentials.AtomicFiles;
import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.credentials.ProxyCertificates;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the default development PKI once through the command line entry point and checks it with the
 * JDK and with the openssl command line, then checks re-runs, --force and errors in directories of their own.
 */
import io.gatehouse.testpki.DevPkiRuns.Run;

class DevPkiTest {

    private static final char[] PASSWORD = DevPki.PASSWORD.toCharArray();

    @TempDir
    static Path shared;

    @TempDir
    Path own;

    private static Path out;
    private static List<String> printed;
    private static X509Certificate ca;

    @BeforeAll
    static void generateDefaultPki() throws Exception {
        out = shared.resolve("pki");
        Run run = run(out.toString());
        assertEquals(0, run.status(), run.err());
        printed = run.out().lines().collect(Collectors.toList());
        ca = PemFiles.readCertificate(out.resolve(DevPki.CA_CERT));
    }

    @Test
    void createsTheDocumentedLayoutAndPrintsOneLinePerFile() throws Exception {
        String hash = OpenSslNameHash.subjectHash(ca);
        List<String> expected = List.of("ca/ca.pem", "ca/ca-key.pem", "ca/ca.crl.pem",
                "certificates/" + hash + ".0", "certificates/" + hash + ".r0", "certificates/" + hash + ".namespaces",
                "certificates/" + hash + ".signing_policy", "truststore.p12",
                "host/hostcert.pem", "host/hostkey.pem", "host/host.p12",
                "users/devuser/usercert.pem", "users/devuser/userkey.pem", "users/devuser/user.p12",
                "users/devuser/proxy.pem", "untrusted/ca.pem", "untrusted/ca-key.pem",
                "untrusted/usercert.pem", "untrusted/userkey.pem", "untrusted/user.p12", "README.txt");
        assertEquals(new java.util.TreeSet<>(expected), relativeFiles(out).keySet());
        assertEquals(expected.stream().map(f -> "created " + out.resolve(f)).sorted().collect(Collectors.toList()),
                printed.stream().sorted().collect(Collectors.toList()));
        String readme = Files.readString(out.resolve(DevPki.README));
        assertTrue(readme.contains("changeit"), readme);
        assertTrue(readme.contains(hash + ".0"), readme);
        assertTrue(readme.contains("proxy.pem") && readme.contains("--revoke") && readme.contains("chains/"), readme);
        assertFalse(Files.exists(out.resolve(DevPki.CHAINS_DIR)), "chains only with --test-chains");
    }

    @Test
    void theUserHasAnRfcProxyInGridProxyFileFormat() throws Exception {
        IssuedCredential proxy = GridProxyFiles.read(out.resolve("users/devuser/proxy.pem"));
        X509Certificate user = cert("users/devuser/usercert.pem");
        assertEquals(List.of(proxy.certificate(), user), proxy.chain());
        assertEquals(ProxyCertificates.INHERIT_ALL,
                ProxyCertificates.proxyCertInfo(proxy.certificate()).orElseThrow().policyLanguage());
        assertEquals("CN=" + proxy.certificate().getSerialNumber() + ",CN=devuser,OU=Users,O=Gatehouse,C=ch",
                proxy.certificate().getSubjectX500Principal().getName());
        String result = OpenSslCli.run(out, "verify", "-allow_proxy_certs", "-crl_check_all", "-CApath", "certificates",
                "-untrusted", "users/devuser/proxy.pem", "users/devuser/proxy.pem").assertSuccess().output();
        assertTrue(result.contains("OK"), result);
    }

    @Test
    void subjectsAreAsDocumented() throws Exception {
        assertEquals("CN=Gatehouse Development CA,O=Gatehouse,C=ch", ca.getSubjectX500Principal().getName());
        assertEquals("CN=localhost,OU=Hosts,O=Gatehouse,C=ch", cert(DevPki.HOST_CERT).getSubjectX500Principal().getName());
        assertEquals("CN=devuser,OU=Users,O=Gatehouse,C=ch",
                cert("users/devuser/usercert.pem").getSubjectX500Principal().getName());
        assertEquals("CN=Rogue CA,O=Rogue,C=ch", cert(DevPki.ROGUE_CA_CERT).getSubjectX500Principal().getName());
        assertEquals("CN=rogue,OU=Users,O=Rogue,C=ch", cert(DevPki.ROGUE_CERT).getSubjectX500Principal().getName());
    }

    @Test
    void opensslPrintsTheCompatSubjectLine() {
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=devuser", compatSubject("users/devuser/usercert.pem"));
        assertEquals("subject=/C=ch/O=Gatehouse/CN=Gatehouse Development CA", compatSubject(DevPki.CA_CERT));
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Hosts/CN=localhost", compatSubject(DevPki.HOST_CERT));
        assertEquals("subject=/C=ch/O=Rogue/CN=Rogue CA", compatSubject(DevPki.ROGUE_CA_CERT));
        assertEquals("subject=/C=ch/O=Rogue/OU=Users/CN=rogue", compatSubject(DevPki.ROGUE_CERT));
    }

    @Test
    void hostAndUserChainsValidateWithPkix() throws Exception {
        validate(ca, cert(DevPki.HOST_CERT), null);
        validate(ca, cert("users/devuser/usercert.pem"), null);
    }

    @Test
    void hostCertificateHasTheSubjectAltNames() throws Exception {
        List<String> sans = new ArrayList<>();
        for (List<?> entry : cert(DevPki.HOST_CERT).getSubjectAlternativeNames()) {
            sans.add(entry.get(0) + ":" + entry.get(1));
        }
        assertEquals(List.of("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), sans);
    }

    @Test
    void rogueUserDoesNotValidateAgainstTheDevCa() throws Exception {
        X509Certificate rogue = cert(DevPki.ROGUE_CERT);
        assertThrows(CertPathValidatorException.class, () -> validate(ca, rogue, null));
        validate(cert(DevPki.ROGUE_CA_CERT), rogue, null); // it is a proper certificate of its own CA
        KeyStore trust = Pkcs12Stores.load(out.resolve(DevPki.TRUSTSTORE), PASSWORD);
        assertEquals(-1, Collections.list(trust.aliases()).stream()
                .map(alias -> certificate(trust, alias)).collect(Collectors.toList())
                .indexOf(cert(DevPki.ROGUE_CA_CERT)));
        try (Stream<Path> files = Files.list(out.resolve(DevPki.CERTIFICATES_DIR))) {
            for (Path file : files.collect(Collectors.toList())) {
                assertFalse(Files.readString(file).equals(Files.readString(out.resolve(DevPki.ROGUE_CA_CERT))));
            }
        }
    }

    @Test
    void keyStoresLoadWithTheJdkAndHaveTheRightAliases() throws Exception {
        KeyStore trust = Pkcs12Stores.load(out.resolve(DevPki.TRUSTSTORE), PASSWORD);
        assertEquals(List.of(DevPki.TRUSTSTORE_ALIAS), Collections.list(trust.aliases()));
        assertTrue(trust.isCertificateEntry(DevPki.TRUSTSTORE_ALIAS));
        assertEquals(ca, trust.getCertificate(DevPki.TRUSTSTORE_ALIAS));

        checkKeyStore(DevPki.HOST_P12, DevPki.HOST_ALIAS, DevPki.HOST_CERT, DevPki.HOST_KEY, ca);
        checkKeyStore("users/devuser/user.p12", "devuser", "users/devuser/usercert.pem",
                "users/devuser/userkey.pem", ca);
        checkKeyStore(DevPki.ROGUE_P12, DevPki.ROGUE_ALIAS, DevPki.ROGUE_CERT, DevPki.ROGUE_KEY,
                cert(DevPki.ROGUE_CA_CERT));
    }

    @Test
    void opensslReadsTheKeyStores() {
        String info = OpenSslCli.run(out, "pkcs12", "-in", "host/host.p12", "-passin", "pass:changeit", "-nokeys")
                .assertSuccess().output();
        assertTrue(info.contains("friendlyName: s1as"), info);
        OpenSslCli.run(out, "pkcs12", "-in", "users/devuser/user.p12", "-passin", "pass:changeit", "-nodes")
                .assertSuccess();
        String trust = OpenSslCli.run(out, "pkcs12", "-in", "truststore.p12", "-passin", "pass:changeit", "-nokeys")
                .assertSuccess().output();
        assertTrue(trust.contains("Gatehouse Development CA"), trust);
    }

    @Test
    void privateFilesAreOwnerOnly() throws Exception {
        if (!AtomicFiles.isPosix(out)) {
            return;
        }
        for (String secret : List.of(DevPki.CA_KEY, DevPki.HOST_KEY, DevPki.HOST_P12, "users/devuser/userkey.pem",
                "users/devuser/user.p12", DevPki.ROGUE_CA_KEY, DevPki.ROGUE_KEY, DevPki.ROGUE_P12)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(secret))),
                    secret);
            assertTrue(Files.readString(out.resolve(secret), StandardCharsets.ISO_8859_1)
                    .startsWith("-----BEGIN PRIVATE KEY-----") || secret.endsWith(".p12"), secret);
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(DevPki.CA_CERT))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("users/devuser/proxy.pem"))), "a proxy holds its private key");
    }

    @Test
    void opensslVerifiesWithTheCaDirectory() {
        String result = OpenSslCli.run(out, "verify", "-CApath", "certificates",
                "users/devuser/usercert.pem", "host/hostcert.pem").assertSuccess().output();
        assertTrue(result.contains("users/devuser/usercert.pem: OK"), result);
        assertTrue(result.contains("host/hostcert.pem: OK"), result);
    }

    @Test
    void opensslFindsAndAcceptsTheCrlInTheCaDirectory() {
        String result = OpenSslCli.run(out, "verify", "-crl_check", "-CApath", "certificates",
                "users/devuser/usercert.pem").assertSuccess().output();
        assertTrue(result.contains("users/devuser/usercert.pem: OK"), result);
        // Without the .r0 file the same check must fail: proves the CRL was looked up by its hash name.
        OpenSslCli.Result withoutCrl = OpenSslCli.run(out, "verify", "-crl_check", "-CAfile", "ca/ca.pem",
                "users/devuser/usercert.pem");
        assertNotEquals(0, withoutCrl.exitCode(), withoutCrl.output());
        assertTrue(withoutCrl.output().contains("unable to get certificate CRL"), withoutCrl.output());
    }

    @Test
    void opensslRejectsTheRogueUser() {
        OpenSslCli.Result result = OpenSslCli.run(out, "verify", "-CApath", "certificates", "untrusted/usercert.pem");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("unable to get local issuer certificate"), result.output());
    }

    @Test
    void revokedUserIsRejectedByOpensslAndPkix() throws Exception {
        Path certificates = own.resolve("certificates");
        Files.createDirectories(certificates);
        try (Stream<Path> files = Files.list(out.resolve(DevPki.CERTIFICATES_DIR))) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, certificates.resolve(file.getFileName()));
            }
        }
        CertificateAuthority authority = CertificateAuthority.load(out.resolve(DevPki.CA_CERT),
                out.resolve(DevPki.CA_KEY), new java.security.SecureRandom());
        X509Certificate user = cert("users/devuser/usercert.pem");
        X509CRL crl = authority.issueCrl(List.of(user.getSerialNumber()));
        String hash = OpenSslNameHash.subjectHash(ca);
        assertEquals(List.of(certificates.resolve(hash + ".r0")), CaDirectory.install(certificates, ca, crl));

        OpenSslCli.Result revoked = OpenSslCli.run(out, "verify", "-crl_check", "-CApath", certificates.toString(),
                "users/devuser/usercert.pem");
        assertNotEquals(0, revoked.exitCode(), revoked.output());
        assertTrue(revoked.output().contains("certificate revoked"), revoked.output());
        OpenSslCli.run(out, "verify", "-crl_check", "-CApath", certificates.toString(), "host/hostcert.pem")
                .assertSuccess();

        CertPathValidatorException e = assertThrows(CertPathValidatorException.class, () -> validate(ca, user, crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason());
        validate(ca, cert(DevPki.HOST_CERT), crl);
    }

    @Test
    void secondRunCreatesNothingAndKeepsEveryFile() throws Exception {
        Map<String, byte[]> before = relativeFiles(out);
        Run again = run(out.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals("", again.out());
        assertTrue(again.err().contains("up to date"), again.err());
        Map<String, byte[]> after = relativeFiles(out);
        assertSameFiles(before, after);
    }

    @Test
    void addingUsersOrLosingAStoreCreatesOnlyWhatIsMissing() throws Exception {
        Path dir = own.resolve("pki");
        DevPki.generate(dir, List.of("devuser"), false);
        byte[] caBytes = Files.readAllBytes(dir.resolve(DevPki.CA_CERT));

        List<Path> created = DevPki.generate(dir, List.of("devuser", "alice", "bob"), false);
        assertEquals(Set.of("users/alice/usercert.pem", "users/alice/userkey.pem", "users/alice/user.p12",
                "users/alice/proxy.pem", "users/bob/usercert.pem", "users/bob/userkey.pem", "users/bob/user.p12",
                "users/bob/proxy.pem"), relative(dir, created));
        assertArrayEquals(caBytes, Files.readAllBytes(dir.resolve(DevPki.CA_CERT)));
        checkKeyStoreIn(dir, "users/bob/user.p12", "bob", "users/bob/usercert.pem", "users/bob/userkey.pem",
                PemFiles.readCertificate(dir.resolve(DevPki.CA_CERT)));

        Files.delete(dir.resolve("users/alice/user.p12"));
        Files.delete(dir.resolve(DevPki.TRUSTSTORE));
        byte[] aliceCert = Files.readAllBytes(dir.resolve("users/alice/usercert.pem"));
        created = DevPki.generate(dir, List.of("alice"), false);
        assertEquals(Set.of("users/alice/user.p12", "truststore.p12"), relative(dir, created));
        assertArrayEquals(aliceCert, Files.readAllBytes(dir.resolve("users/alice/usercert.pem")));

        // A certificate that the CA did not issue is replaced, with its key and store.
        Files.copy(out.resolve(DevPki.ROGUE_CERT), dir.resolve("users/bob/usercert.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        created = DevPki.generate(dir, List.of("bob"), false);
        assertEquals(Set.of("users/bob/usercert.pem", "users/bob/userkey.pem", "users/bob/user.p12",
                "users/bob/proxy.pem"), relative(dir, created), "a new certificate gets a new proxy");
        validate(PemFiles.readCertificate(dir.resolve(DevPki.CA_CERT)),
                PemFiles.readCertificate(dir.resolve("users/bob/usercert.pem")), null);

        Files.delete(dir.resolve("users/alice/userkey.pem"));
        created = DevPki.generate(dir, List.of("alice"), false);
        assertEquals(Set.of("users/alice/usercert.pem", "users/alice/userkey.pem", "users/alice/user.p12",
                "users/alice/proxy.pem"), relative(dir, created));
        assertTrue(DevPki.generate(dir, List.of("alice", "bob"), false).isEmpty());
    }

    @Test
    void forceRegeneratesEverythingAndReplacesTheCaInTheCaDirectory() throws Exception {
        Path dir = own.resolve("pki");
        DevPki.generate(dir, List.of("devuser"), false);
        Map<String, byte[]> before = relativeFiles(dir);

        Run forced = run(dir.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertEquals(before.size(), forced.out().lines().count(), forced.out());
        Map<String, byte[]> after = relativeFiles(dir);
        assertEquals(before.keySet(), after.keySet(), "the new CA replaces the old one under the same hash");
        for (String file : List.of(DevPki.CA_CERT, DevPki.CA_KEY, DevPki.HOST_CERT, "users/devuser/usercert.pem",
                DevPki.ROGUE_CA_CERT, DevPki.ROGUE_CERT)) {
            assertFalse(java.util.Arrays.equals(before.get(file), after.get(file)), file);
        }
        OpenSslCli.run(dir, "verify", "-crl_check", "-CApath", "certificates", "users/devuser/usercert.pem")
                .assertSuccess();
    }

    @Test
    void commandLineAcceptsSeveralUsers() throws Exception {
        Path dir = own.resolve("pki");
        Run run = run(dir.toString(), "--user", "alice", "--user=bob", "--user", "stranger", "--user", "alice");
        assertEquals(0, run.status(), run.err());
        for (String user : List.of("alice", "bob", "stranger")) {
            X509Certificate cert = PemFiles.readCertificate(DevPki.userDir(dir, user).resolve(DevPki.USER_CERT));
            assertEquals("CN=" + user + ",OU=Users,O=Gatehouse,C=ch", cert.getSubjectX500Principal().getName());
            KeyStore store = Pkcs12Stores.load(DevPki.userDir(dir, user).resolve(DevPki.USER_P12), PASSWORD);
            assertEquals(List.of(user), Collections.list(store.aliases()));
        }
        assertFalse(Files.exists(dir.resolve("users/devuser")), "devuser is only the default");
    }

    @Test
    void errorsGiveAMessageAndANonZeroStatus() throws Exception {
        Path file = own.resolve("a-file");
        Files.writeString(file, "not a directory");
        Run underFile = run(file.resolve("pki").toString());
        assertEquals(1, underFile.status());
        assertTrue(underFile.err().startsWith("DevPki: cannot generate the PKI in " + file.resolve("pki")), underFile.err());
        assertEquals("", underFile.out());

        Run onFile = run(file.toString());
        assertEquals(1, onFile.status());
        assertTrue(onFile.err().contains("not a directory"), onFile.err());

        assertEquals(2, run().status());
        assertEquals(2, run(own.toString(), "--bogus").status());
        assertEquals(2, run(own.toString(), "--user").status());
        Run badName = run(own.resolve("x").toString(), "--user", "../evil");
        assertEquals(2, badName.status());
        assertTrue(badName.err().contains("invalid user name"), badName.err());
        assertEquals(2, run(own.toString(), own.toString()).status());
        assertEquals(0, run("--help").status());
        Run help = run("--help");
        assertTrue(help.out().contains("--test-chains") && help.out().contains("--revoke"), help.out());
    }

    @Test
    void mainRunsInItsOwnJvmAndExitsNonZeroOnError() throws Exception {
        Path dir = own.resolve("pki");
        ProcessResult ok = java(DevPki.class.getName(), dir.toString(), "--user", "alice");
        assertEquals(0, ok.status(), ok.output);
        assertTrue(ok.output.contains("created " + dir.resolve("users/alice/user.p12")), ok.output);

        Path file = own.resolve("a-file");
        Files.writeString(file, "x");
        ProcessResult failed = java(DevPki.class.getName(), file.resolve("pki").toString());
        assertEquals(1, failed.status(), failed.output);
        assertTrue(failed.output.contains("DevPki: cannot generate the PKI"), failed.output);
    }

    @Test
    void halfACaIsReportedRatherThanReplaced() throws Exception {
        Path dir = own.resolve("pki");
        Files.createDirectories(dir.resolve("ca"));
        Files.copy(out.resolve(DevPki.CA_CERT), dir.resolve(DevPki.CA_CERT));
        Run run = run(dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("ca-key.pem") && run.err().contains("--force"), run.err());
        assertArrayEquals(Files.readAllBytes(out.resolve(DevPki.CA_CERT)), Files.readAllBytes(dir.resolve(DevPki.CA_CERT)));
    }

    // ---- helpers


    private record ProcessResult(int status, String output) {
    }

    /** Runs a main class in a new JVM with the test class path (as a Maven exec step would). */
    private static ProcessResult java(String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "DevPki did not finish");
        return new ProcessResult(process.exitValue(), output);
    }

    private static X509Certificate cert(String relative) throws IOException {
        return PemFiles.readCertificate(out.resolve(relative));
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            return (X509Certificate) store.getCertificate(alias);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compatSubject(String relative) {
        return OpenSslCli.run(out, "x509", "-subject", "-nameopt", "compat", "-noout", "-in", relative)
                .assertSuccess().output().trim();
    }

    /** PKIX validation of [leaf] against one trust anchor, with revocation checking only when a CRL is given. */
    private static void validate(X509Certificate anchor, X509Certificate leaf, X509CRL crl) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPath path = factory.generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(crl != null);
        if (crl != null) {
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        }
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static void checkKeyStore(String p12, String alias, String certFile, String keyFile,
                                      X509Certificate issuer) throws Exception {
        checkKeyStoreIn(out, p12, alias, certFile, keyFile, issuer);
    }

    private static void checkKeyStoreIn(Path dir, String p12, String alias, String certFile, String keyFile,
                                        X509Certificate issuer) throws Exception {
        KeyStore store = Pkcs12Stores.load(dir.resolve(p12), PASSWORD);
        assertEquals(List.of(alias), Collections.list(store.aliases()), p12);
        assertTrue(store.isKeyEntry(alias), p12);
        java.security.cert.Certificate[] chain = store.getCertificateChain(alias);
        assertNotNull(chain, p12);
        assertEquals(List.of(PemFiles.readCertificate(dir.resolve(certFile)), issuer), List.of(chain), p12);
        assertEquals(PemFiles.readPrivateKey(dir.resolve(keyFile)), store.getKey(alias, PASSWORD), p12);
    }
}
