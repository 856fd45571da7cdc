package io.gatehouse.testpki;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.gatehouse.credentials.AtomicFiles;
import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.credentials.ProxyCertInfo;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;

import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Generates the development and test PKI of Gatehouse: a CA with its CRL and OpenSSL-style CA directory, a
 * trust store, a host credential for localhost, user credentials with a grid proxy each, an unrelated "rogue"
 * CA with a user whose certificate must be refused, and on request the catalogue of hostile proxy chains of
 * {@link TestChains}.
 *
 * <pre>
 * DevPki &lt;outdir&gt; [--user NAME]... [--test-chains] [--force]
 * DevPki &lt;outdir&gt; --revoke NAME...
 * </pre>
 *
 * <p>Only what is missing (or no longer matches the CA) is created: an existing CA in {@code ca/} is reused, so
 * re-running is quick and keeps every file that is still valid, and certificates already installed elsewhere
 * stay trusted. {@code --force} regenerates everything, including the CAs. One line is printed per file
 * created; on error a message goes to standard error and the exit status is non-zero. {@code --test-chains}
 * also makes the users alice and bob, from which the chains are made. {@code --revoke} only revokes existing
 * users' certificates, on a PKI that may be in use (the CRL files are replaced atomically).
 *
 * <p>Also usable as a library: {@link #generate(Path, List, boolean, boolean)}, {@link #revoke(Path, String)}.
 */
public final class DevPki {

    /** Password of every key store and key entry written. */
    public static final String PASSWORD = "changeit";
    /** Alias of the CA's trusted certificate entry in the trust store. */
    public static final String TRUSTSTORE_ALIAS = "gatehouse-dev-ca";
    /** Alias of the host key entry: the one Payara/GlassFish uses for its HTTPS listener by default. */
    public static final String HOST_ALIAS = "s1as";
    /** Alias of the rogue user's key entry. */
    public static final String ROGUE_ALIAS = "rogue";
    /** The user made when the command line names none. */
    public static final String DEFAULT_USER = "devuser";
    /** Names in the host certificate's subjectAltName: everything a test may use to reach this machine. */
    public static final List<String> HOST_NAMES = List.of("localhost", "127.0.0.1", "::1");
    public static final Duration HOST_VALIDITY = Duration.ofDays(2 * 365);
    public static final Duration USER_VALIDITY = Duration.ofDays(365);

    // The layout, relative to the output directory.
    public static final String CA_CERT = "ca/ca.pem";
    public static final String CA_KEY = "ca/ca-key.pem";
    public static final String CA_CRL = "ca/ca.crl.pem";
    public static final String CERTIFICATES_DIR = "certificates";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String HOST_CERT = "host/hostcert.pem";
    public static final String HOST_KEY = "host/hostkey.pem";
    public static final String HOST_P12 = "host/host.p12";
    public static final String USERS_DIR = "users";
    public static final String USER_CERT = "usercert.pem";
    public static final String USER_KEY = "userkey.pem";
    public static final String USER_P12 = "user.p12";
    /** A user's RFC 3820 proxy (24 h, inherit-all, no group) in grid proxy file format, in its directory. */
    public static final String USER_PROXY = "proxy.pem";
    /** The catalogue of {@link TestChains}, made with {@code --test-chains}. */
    public static final String CHAINS_DIR = TestChains.DIR;
    public static final String ROGUE_CA_CERT = "untrusted/ca.pem";
    public static final String ROGUE_CA_KEY = "untrusted/ca-key.pem";
    public static final String ROGUE_CERT = "untrusted/" + USER_CERT;
    public static final String ROGUE_KEY = "untrusted/" + USER_KEY;
    public static final String ROGUE_P12 = "untrusted/" + USER_P12;
    public static final String README = "README.txt";

    /**
     * A user name becomes a directory, a CN and a key store alias: keep it to characters that are safe in
     * all three (and at most 64, the X.520 limit of a CN).
     */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Files are kept only if they stay valid at least this long, so a run never hands out a certificate or
     * CRL that expires during the tests that follow it.
     */
    private static final Duration MINIMUM_REMAINING = Duration.ofDays(1);

    private static final String USAGE = "usage: DevPki <outdir> [--user NAME]... [--test-chains] [--force]\n"
            + "       DevPki <outdir> --revoke NAME...";

    private final Path outDir;
    private final boolean force;
    private final SecureRandom random = new SecureRandom();
    private final List<Path> created = new ArrayList<>();
    private final ProxyIssuer proxyIssuer = new ProxyIssuer(random);

    private DevPki(Path outDir, boolean force) {
        this.outDir = outDir;
        this.force = force;
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The command line without {@code System.exit}: prints the created files to {@code out} and errors to
     * {@code err}.
     *
     * @return 0 on success, 1 when generation failed, 2 for a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        Set<String> users = new LinkedHashSet<>();
        Set<String> revoke = new LinkedHashSet<>();
        boolean force = false;
        boolean testChains = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--force")) {
                force = true;
            } else if (arg.equals("--test-chains")) {
                testChains = true;
            } else if (arg.equals("--revoke")) {
                if (i + 1 == args.length) {
                    err.println("DevPki: --revoke needs a NAME");
                    err.println(USAGE);
                    return 2;
                }
                revoke.add(args[++i]);
            } else if (arg.startsWith("--revoke=")) {
                revoke.add(arg.substring("--revoke=".length()));
            } else if (arg.equals("--user")) {
                if (i + 1 == args.length) {
                    err.println("DevPki: --user needs a NAME");
                    err.println(USAGE);
                    return 2;
                }
                users.add(args[++i]);
            } else if (arg.startsWith("--user=")) {
                users.add(arg.substring("--user=".length()));
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("-")) {
                err.println("DevPki: unknown option " + arg);
                err.println(USAGE);
                return 2;
            } else if (dir == null) {
                dir = Paths.get(arg);
            } else {
                err.println("DevPki: only one output directory may be given, got " + dir + " and " + arg);
                err.println(USAGE);
                return 2;
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        if (!revoke.isEmpty()) {
            if (!users.isEmpty() || force || testChains) {
                err.println("DevPki: --revoke cannot be combined with --user, --test-chains or --force");
                err.println(USAGE);
                return 2;
            }
            return revokeUsers(dir, revoke, out, err);
        }
        if (users.isEmpty()) {
            users.add(DEFAULT_USER);
        }
        for (String user : users) {
            if (!USER_NAME.matcher(user).matches()) {
                err.println("DevPki: " + invalidUserName(user));
                err.println(USAGE);
                return 2;
            }
        }
        try {
            List<Path> files = generate(dir, new ArrayList<>(users), force, testChains);
            for (Path file : files) {
                out.println("created " + file);
            }
            if (files.isEmpty()) {
                err.println("DevPki: " + dir + " is up to date");
            }
            return 0;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            err.println("DevPki: cannot generate the PKI in " + dir + ": " + describe(e));
            return 1;
        }
    }

    private static int revokeUsers(Path dir, Set<String> names, PrintStream out, PrintStream err) {
        for (String name : names) {
            try {
                List<Path> files = revoke(dir, name);
                out.println("revoked " + name);
                for (Path file : files) {
                    out.println("created " + file);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                err.println("DevPki: cannot revoke " + name + " in " + dir + ": " + describe(e));
                return 1;
            }
        }
        return 0;
    }

    /**
     * Generates into {@code outDir} whatever is missing, with a credential for each of {@code users} (none
     * for an empty list), without the test chains.
     *
     * @see #generate(Path, List, boolean, boolean)
     */
    public static List<Path> generate(Path outDir, List<String> users, boolean force)
            throws IOException, GeneralSecurityException {
        return generate(outDir, users, force, false);
    }

    /**
     * Generates into {@code outDir} whatever is missing, with a credential and a proxy for each of
     * {@code users} (none for an empty list).
     *
     * @param force      regenerate everything, CAs included
     * @param testChains also write the catalogue of {@link TestChains} into {@code chains/}, adding the users
     *                   alice and bob when they are not among {@code users}
     * @return the files created or replaced, as {@code outDir.resolve(relative path)}, in creation order; empty
     *         when everything was already there
     * @throws IllegalArgumentException for a user name that cannot be used as a CN, alias and directory name
     */
    public static List<Path> generate(Path outDir, List<String> users, boolean force, boolean testChains)
            throws IOException, GeneralSecurityException {
        for (String user : users) {
            checkUserName(user);
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new NotDirectoryException(outDir.toString());
        }
        Set<String> all = new LinkedHashSet<>(users);
        if (testChains) {
            all.addAll(TestChains.USERS);
        }
        DevPki generator = new DevPki(outDir, force);
        generator.generateAll(new ArrayList<>(all), testChains);
        return Collections.unmodifiableList(generator.created);
    }

    /**
     * Revokes a user's current certificate ({@code users/NAME/usercert.pem}) on an existing PKI: issues a new CRL
     * of the dev CA listing its serial and every serial the current CRL already lists, and replaces
     * {@code ca/ca.crl.pem} and {@code certificates/<hash>.r<n>} atomically (a temporary file moved over the
     * old one), so that a server watching the directory never reads half a file. Revoking a revoked user
     * changes nothing. The user's files stay as they are; a later run of {@link #generate} keeps them (delete
     * {@code users/NAME} to get a new certificate).
     *
     * @return the files replaced (empty when the user was already revoked)
     * @throws IllegalArgumentException when there is no such user
     * @throws IOException              when there is no CA, or the user's certificate was not issued by it
     */
    public static List<Path> revoke(Path outDir, String userName) throws IOException, GeneralSecurityException {
        checkUserName(userName);
        Path caCert = outDir.resolve(CA_CERT);
        Path caKey = outDir.resolve(CA_KEY);
        if (!Files.exists(caCert) || !Files.exists(caKey)) {
            throw new IOException("no development CA in " + outDir.resolve("ca") + " (run DevPki " + outDir
                    + " first)");
        }
        Path userCert = userDir(outDir, userName).resolve(USER_CERT);
        if (!Files.exists(userCert)) {
            throw new IllegalArgumentException("no user '" + userName + "' in " + outDir.resolve(USERS_DIR)
                    + " (users: " + String.join(", ", existingUsers(outDir)) + ")");
        }
        DevPki pki = new DevPki(outDir, false);
        CertificateAuthority ca = CertificateAuthority.load(caCert, caKey, pki.random);
        X509Certificate certificate = PemFiles.readCertificate(userCert);
        try {
            certificate.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IOException(userCert + " was not issued by the CA in " + caCert, e);
        }
        pki.updateCrl(ca, false, List.of(certificate.getSerialNumber()));
        return Collections.unmodifiableList(pki.created);
    }

    private static List<String> existingUsers(Path outDir) throws IOException {
        Path users = outDir.resolve(USERS_DIR);
        if (!Files.isDirectory(users)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(users)) {
            return entries.filter(dir -> Files.exists(dir.resolve(USER_CERT)))
                    .map(dir -> dir.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The directory of a user's files: {@code <outDir>/users/<name>}. */
    public static Path userDir(Path outDir, String name) {
        return outDir.resolve(USERS_DIR).resolve(checkUserName(name));
    }

    /** {@code /C=ch/O=Gatehouse/CN=Gatehouse Development CA}. */
    public static X500Name caSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.CN, "Gatehouse Development CA")
                .build();
    }

    /** {@code /C=ch/O=Gatehouse/OU=Hosts/CN=<host>}. */
    public static X500Name hostSubject(String host) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.OU, "Hosts")
                .addRDN(BCStyle.CN, host)
                .build();
    }

    /** {@code /C=ch/O=Gatehouse/OU=Users/CN=<name>}. */
    public static X500Name userSubject(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.OU, "Users")
                .addRDN(BCStyle.CN, name)
                .build();
    }

    /** {@code /C=ch/O=Rogue/CN=Rogue CA}. */
    public static X500Name rogueCaSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Rogue").addRDN(BCStyle.CN, "Rogue CA")
                .build();
    }

    /** {@code /C=ch/O=Rogue/OU=Users/CN=rogue}. */
    public static X500Name rogueUserSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Rogue").addRDN(BCStyle.OU, "Users")
                .addRDN(BCStyle.CN, "rogue")
                .build();
    }

    private static String checkUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(invalidUserName(name));
        }
        return name;
    }

    private static String invalidUserName(String name) {
        return "invalid user name '" + name
                + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    }

    private void generateAll(List<String> users, boolean testChains) throws IOException, GeneralSecurityException {
        Files.createDirectories(outDir);

        // First decide what can be reused, so that the keys for everything else are generated in parallel.
        CertificateAuthority ca = reuseCa(CA_CERT, CA_KEY);
        CertificateAuthority rogue = reuseCa(ROGUE_CA_CERT, ROGUE_CA_KEY);
        List<Credential> credentials = new ArrayList<>();
        credentials.add(new Credential(false, CertificateAuthority.Usage.HOST, hostSubject("localhost"), HOST_NAMES,
                HOST_VALIDITY, HOST_CERT, HOST_KEY, HOST_P12, HOST_ALIAS, null));
        Map<String, Credential> userCredentials = new LinkedHashMap<>();
        for (String user : users) {
            String dir = USERS_DIR + "/" + user + "/";
            Credential credential = new Credential(false, CertificateAuthority.Usage.USER, userSubject(user),
                    List.of(), USER_VALIDITY, dir + USER_CERT, dir + USER_KEY, dir + USER_P12, user, dir + USER_PROXY);
            credentials.add(credential);
            userCredentials.put(user, credential);
        }
        Credential rogueUser = new Credential(true, CertificateAuthority.Usage.USER, rogueUserSubject(), List.of(),
                USER_VALIDITY, ROGUE_CERT, ROGUE_KEY, ROGUE_P12, ROGUE_ALIAS, null);
        credentials.add(rogueUser);
        int keysNeeded = (ca == null ? 1 : 0) + (rogue == null ? 1 : 0);
        boolean proxyKeyNeeded = false;
        for (Credential credential : credentials) {
            CertificateAuthority issuer = credential.rogue ? rogue : ca;
            credential.existing = issuer == null ? null
                    : reusableCredential(file(credential.cert), file(credential.key), issuer, credential.subject);
            if (credential.existing == null) {
                keysNeeded++;
            }
            if (credential.proxy != null && (credential.existing == null
                    || !reusableProxy(file(credential.proxy), credential.existing.certificate()))) {
                proxyKeyNeeded = true;
            }
        }
        TestChains.Generator chains = null;
        Set<TestChains.KeyRole> chainKeys = Set.of();
        if (testChains) {
            chains = new TestChains.Generator(outDir, random);
            Map<TestChains.Base, X509Certificate> bases = new EnumMap<>(TestChains.Base.class);
            bases.put(TestChains.Base.CA, ca == null ? null : ca.certificate());
            bases.put(TestChains.Base.ALICE, existingCertificate(userCredentials.get(TestChains.USERS.get(0))));
            bases.put(TestChains.Base.BOB, existingCertificate(userCredentials.get(TestChains.USERS.get(1))));
            bases.put(TestChains.Base.ROGUE, existingCertificate(rogueUser));
            chainKeys = chains.keysNeeded(bases);
        }
        // One key for every first-level proxy made in this run (see TestChains), made once, when first used.
        proxyKeyNeeded |= chainKeys.contains(TestChains.KeyRole.PROXY1);
        if (proxyKeyNeeded) {
            keysNeeded++;
        }

        try (KeyPairPool keys = new KeyPairPool(keysNeeded, CertificateAuthority.DEFAULT_KEY_BITS, random)) {
            for (TestChains.KeyRole role : chainKeys) {
                if (role != TestChains.KeyRole.PROXY1) {
                    keys.reserve(1, role.bits);
                }
            }
            KeyPair[] proxyKey = new KeyPair[1];
            TestChains.KeySupplier sharedProxyKey = () -> {
                if (proxyKey[0] == null) {
                    proxyKey[0] = keys.take();
                }
                return proxyKey[0];
            };
            boolean caNew = ca == null;
            if (caNew) {
                ca = newCa(caSubject(), CA_CERT, CA_KEY, keys);
            }

            Path certificates = file(CERTIFICATES_DIR);
            if (caNew) {
                // A regenerated CA keeps its subject, so its hash: drop the old CA's files instead of adding
                // the new ones next to them as if it were a hash collision.
                CaDirectory.removeHash(certificates, OpenSslNameHash.subjectHash(ca.certificate()));
            }
            // The CRL follows once it is known what it must list.
            created.addAll(CaDirectory.install(certificates, ca.certificate(), null));
            created.addAll(CaDirectory.installPolicies(certificates, ca.certificate(), namespacesPolicy(),
                    signingPolicy()));

            Path trustStore = file(TRUSTSTORE);
            if (caNew || !holdsTrustedCertificate(trustStore, TRUSTSTORE_ALIAS, ca.certificate())) {
                Pkcs12Stores.writeTrustStore(trustStore, Map.of(TRUSTSTORE_ALIAS, ca.certificate()),
                        PASSWORD.toCharArray());
                created.add(trustStore);
            }

            for (Credential credential : credentials) {
                if (!credential.rogue) {
                    IssuedCredential issued = ensureCredential(ca, credential, keys);
                    if (credential.proxy != null) {
                        ensureProxy(issued, credential.existing == null, file(credential.proxy), sharedProxyKey);
                    }
                    credential.existing = issued;
                }
            }

            if (rogue == null) {
                rogue = newCa(rogueCaSubject(), ROGUE_CA_CERT, ROGUE_CA_KEY, keys);
            }
            IssuedCredential rogueIssued = ensureCredential(rogue, rogueUser, keys);

            List<BigInteger> mustRevoke = new ArrayList<>();
            if (chains != null) {
                chains.generate(ca, userCredentials.get(TestChains.USERS.get(0)).existing,
                        userCredentials.get(TestChains.USERS.get(1)).existing, rogueIssued, keys, sharedProxyKey,
                        created);
                mustRevoke.add(chains.revokedUser().getSerialNumber());
            }
            updateCrl(ca, caNew, mustRevoke);
        }

        Path readme = file(README);
        byte[] readmeText = readme(ca).getBytes(StandardCharsets.UTF_8);
        if (force || !Files.exists(readme) || !Arrays.equals(Files.readAllBytes(readme), readmeText)) {
            AtomicFiles.write(readme, readmeText, false);
            created.add(readme);
        }
    }

    private static X509Certificate existingCertificate(Credential credential) {
        return credential == null || credential.existing == null ? null : credential.existing.certificate();
    }

    /**
     * Makes sure the CA's CRL lists every serial its current CRL lists plus {@code mustRevoke}, and is not about
     * to expire: keeps it if so, else issues a new one and writes {@code ca/ca.crl.pem} and the CA directory's
     * {@code .r} file (each atomically: a temporary file moved over the old one).
     *
     * @param caNew the CA was just made: what an older CRL lists belongs to another CA
     */
    private void updateCrl(CertificateAuthority ca, boolean caNew, Collection<BigInteger> mustRevoke)
            throws IOException, GeneralSecurityException {
        X509CRL current = caNew ? null : crlOf(file(CA_CRL), ca);
        Set<BigInteger> listed = new TreeSet<>();
        if (current != null && current.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : current.getRevokedCertificates()) {
                listed.add(entry.getSerialNumber());
            }
        }
        Set<BigInteger> serials = new TreeSet<>(listed);
        serials.addAll(mustRevoke);
        X509CRL crl = current;
        if (current == null || current.getNextUpdate() == null
                || current.getNextUpdate().toInstant().isBefore(Instant.now().plus(MINIMUM_REMAINING))
                || !listed.equals(serials)) {
            crl = ca.issueCrl(serials);
            PemFiles.writeCrl(file(CA_CRL), crl);
            created.add(file(CA_CRL));
        }
        created.addAll(CaDirectory.install(file(CERTIFICATES_DIR), ca.certificate(), crl));
    }

    /**
     * Makes sure a user's proxy file exists, belongs to the user's current certificate and has at least
     * {@link TestChains#MINIMUM_REMAINING} (an hour) left.
     */
    private void ensureProxy(IssuedCredential user, boolean userIsNew, Path file, TestChains.KeySupplier key)
            throws IOException, GeneralSecurityException {
        if (!userIsNew && reusableProxy(file, user.certificate())) {
            return;
        }
        IssuedCredential proxy = proxyIssuer.issue(user, ProxyOptions.rfc3820().keyPair(key.get()));
        GridProxyFiles.write(file, proxy);
        created.add(file);
    }

    private static boolean reusableProxy(Path file, X509Certificate user) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            IssuedCredential proxy = GridProxyFiles.read(file);
            X509Certificate leaf = proxy.certificate();
            leaf.verify(user.getPublicKey());
            Optional<ProxyCertInfo> info = ProxyCertificates.proxyCertInfo(leaf);
            return proxy.chain().size() == 2 && proxy.chain().get(1).equals(user)
                    && info.isPresent() && ProxyCertificates.INHERIT_ALL.equals(info.get().policyLanguage())
                    && ProxyCertificates.diracGroup(leaf).isEmpty()
                    && !leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(TestChains.MINIMUM_REMAINING));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A credential to have in the output directory, and the existing one if it can be kept. */
    private static final class Credential {
        final boolean rogue;
        final CertificateAuthority.Usage usage;
        final X500Name subject;
        final List<String> subjectAltNames;
        final Duration validity;
        final String cert;
        final String key;
        final String p12;
        final String alias;
        /** The proxy file to keep next to it, null for none. */
        final String proxy;
        IssuedCredential existing;

        Credential(boolean rogue, CertificateAuthority.Usage usage, X500Name subject, List<String> subjectAltNames,
                   Duration validity, String cert, String key, String p12, String alias, String proxy) {
            this.rogue = rogue;
            this.usage = usage;
            this.subject = subject;
            this.subjectAltNames = subjectAltNames;
            this.validity = validity;
            this.cert = cert;
            this.key = key;
            this.p12 = p12;
            this.alias = alias;
            this.proxy = proxy;
        }
    }

    private Path file(String relative) {
        return outDir.resolve(relative);
    }

    /** The CA stored in the given files if it can be reused, null if a new one has to be made. */
    private CertificateAuthority reuseCa(String certRelative, String keyRelative)
            throws IOException, GeneralSecurityException {
        Path cert = file(certRelative);
        Path key = file(keyRelative);
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (force || (!haveCert && !haveKey)) {
            return null;
        }
        if (haveCert != haveKey) {
            // Never silently replace half of a CA: the other half may be what someone still relies on.
            throw new IOException("found " + (haveCert ? cert : key) + " but not " + (haveCert ? key : cert)
                    + "; restore it or use --force to make a new CA");
        }
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.load(cert, key, random);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot reuse the CA in " + cert + " and " + key + " (" + describe(e)
                    + "); use --force to make a new CA", e);
        }
        if (expiresSoon(ca.certificate())) {
            return null; // an expired CA is of no use to anyone: make a new one, and everything below it
        }
        return ca;
    }

    private CertificateAuthority newCa(X500Name subject, String certRelative, String keyRelative, KeyPairPool keys)
            throws IOException, GeneralSecurityException {
        CertificateAuthority ca = CertificateAuthority.create(subject, keys.take(),
                CertificateAuthority.DEFAULT_CA_VALIDITY, random);
        // Key first: an interrupted run then leaves a key without a certificate, which is reported, rather
        // than a certificate that looks reusable without its key.
        PemFiles.writePrivateKey(file(keyRelative), ca.privateKey());
        created.add(file(keyRelative));
        PemFiles.writeCertificates(file(certRelative), ca.certificate());
        created.add(file(certRelative));
        return ca;
    }

    /**
     * Makes sure the certificate, key and PKCS#12 store of a credential exist: keeps the existing ones when
     * they were found reusable (for a reused CA only), and writes the PKCS#12 store if it is missing or stale.
     */
    private IssuedCredential ensureCredential(CertificateAuthority ca, Credential wanted, KeyPairPool keys)
            throws IOException, GeneralSecurityException {
        Path cert = file(wanted.cert);
        Path key = file(wanted.key);
        Path p12 = file(wanted.p12);
        IssuedCredential credential = wanted.existing;
        boolean fresh = credential == null;
        if (fresh) {
            credential = ca.issue(wanted.subject, wanted.usage, wanted.subjectAltNames, wanted.validity, keys.take());
            PemFiles.writePrivateKey(key, credential.privateKey());
            created.add(key);
            PemFiles.writeCertificates(cert, credential.certificate());
            created.add(cert);
        }
        if (fresh || !holdsKeyEntry(p12, wanted.alias, credential.certificate())) {
            Pkcs12Stores.writeKeyStore(p12, wanted.alias, credential.privateKey(), credential.chain(),
                    PASSWORD.toCharArray());
            created.add(p12);
        }
        return credential;
    }

    /** The existing credential if it was issued by this CA to this subject, matches its key and is not about to expire. */
    private static IssuedCredential reusableCredential(Path certFile, Path keyFile, CertificateAuthority ca,
                                                       X500Name subject) {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            return null;
        }
        try {
            X509Certificate cert = PemFiles.readCertificate(certFile);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            cert.verify(ca.certificate().getPublicKey());
            if (!X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).equals(subject)
                    || expiresSoon(cert)
                    || !KeyPairs.matches(key, cert.getPublicKey())) {
                return null;
            }
            return new IssuedCredential(cert, key, List.of(cert, ca.certificate()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The CRL in a file if the CA signed it (however old), else null. */
    private static X509CRL crlOf(Path file, CertificateAuthority ca) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            X509CRL crl = PemFiles.readCrl(file);
            crl.verify(ca.certificate().getPublicKey());
            return crl;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static boolean expiresSoon(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(MINIMUM_REMAINING));
    }

    private static boolean holdsTrustedCertificate(Path file, String alias, X509Certificate certificate) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            KeyStore store = Pkcs12Stores.load(file, PASSWORD.toCharArray());
            return store.isCertificateEntry(alias) && certificate.equals(store.getCertificate(alias))
                    && store.size() == 1;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean holdsKeyEntry(Path file, String alias, X509Certificate certificate) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            KeyStore store = Pkcs12Stores.load(file, PASSWORD.toCharArray());
            Certificate[] chain = store.getCertificateChain(alias);
            return store.isKeyEntry(alias) && chain != null && chain.length > 0 && certificate.equals(chain[0]);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String readme(CertificateAuthority ca) {
        String hash = OpenSslNameHash.subjectHash(ca.certificate());
        List<String> lines = new ArrayList<>(List.of(
                "Gatehouse development PKI - for development and tests only, never for production.",
                "Made by io.gatehouse.testpki.DevPki (module test-pki); re-run it to add missing files,",
                "with --force to start over:",
                "  DevPki <outdir> [--user NAME]... [--test-chains] [--force]",
                "  DevPki <outdir> --revoke NAME...",
                "Every PKCS#12 store and key entry has the password '" + PASSWORD + "'. PEM keys are unencrypted.",
                "",
                "ca/ca.pem, ca/ca-key.pem    the development CA (" + oneLine(ca.subject()) + ")",
                "ca/ca.crl.pem               its CRL: lists chains/revoked-user (with --test-chains) and every user",
                "                            revoked with --revoke; re-runs keep what it lists",
                "certificates/               OpenSSL CA directory (X509_CERT_DIR, -CApath): " + hash + ".0 is the CA,",
                "                            " + hash + ".r0 its CRL (same content as ca/ca.crl.pem),",
                "                            " + hash + ".namespaces and " + hash + ".signing_policy the subjects it may",
                "                            sign (EUGridPMA and Globus formats: /C=ch/O=Gatehouse, not OU=Retired)",
                "truststore.p12              the CA as trusted entry '" + TRUSTSTORE_ALIAS + "'",
                "host/hostcert.pem, host/hostkey.pem, host/host.p12",
                "                            server credential /C=ch/O=Gatehouse/OU=Hosts/CN=localhost",
                "                            (DNS:localhost, IP:127.0.0.1, IP:::1), key entry '" + HOST_ALIAS + "'",
                "users/NAME/usercert.pem, userkey.pem, user.p12",
                "                            user credential /C=ch/O=Gatehouse/OU=Users/CN=NAME, key entry 'NAME'",
                "users/NAME/proxy.pem        an RFC 3820 proxy of it (inherit-all, 24 h, no DIRAC group), in grid",
                "                            proxy file format (proxy certificate, its key, user certificate; as in",
                "                            /tmp/x509up_u<uid>): X509_USER_PROXY, curl --cert; remade by a re-run",
                "                            when less than an hour is left",
                "untrusted/ca.pem, ca-key.pem  an unrelated CA (/C=ch/O=Rogue/CN=Rogue CA) that nothing trusts",
                "untrusted/usercert.pem, userkey.pem, user.p12",
                "                            a user of that CA (/C=ch/O=Rogue/OU=Users/CN=rogue), key entry '"
                        + ROGUE_ALIAS + "', which must be refused",
                "",
                "Revocation: 'DevPki <outdir> --revoke NAME' adds the current certificate of users/NAME to the CRL",
                "and replaces ca/ca.crl.pem and certificates/" + hash + ".r0 atomically, so a running server that",
                "watches certificates/ can pick it up. Delete users/NAME and re-run to give the user a new certificate.",
                "",
                "chains/ (with --test-chains; made from users alice and bob): for each NAME below,",
                "  NAME.pem  grid proxy file format: leaf certificate, its key, the rest of the chain without the CA",
                "  NAME.p12  key entry '" + TestChains.P12_ALIAS + "', chain = leaf first ... up to and including the CA",
                "            (the dev CA; the rogue CA for proxy-of-untrusted)",
                "  Must be accepted:"));
        for (String name : TestChains.GOOD) {
            lines.add(String.format("    %-22s %s", name, CHAIN_DESCRIPTIONS.get(name)));
        }
        lines.add("  Must be refused:");
        for (String name : TestChains.BAD) {
            lines.add(String.format("    %-22s %s", name, CHAIN_DESCRIPTIONS.get(name)));
        }
        lines.addAll(List.of(
                "  To check one with OpenSSL: openssl verify -allow_proxy_certs -CApath certificates",
                "  -untrusted <the certificates of NAME.pem after the first> <the first>; -crl_check_all to catch",
                "  proxy-of-revoked (-crl_check looks at the leaf only, and a proxy has no CRL of its own).",
                "  Plain OpenSSL cannot accept the legacy chains (to it the user would have to be a CA; Globus, VOMS",
                "  and DIRAC accept them with their own checks), does not check a legacy leaf's signature",
                "  (legacy-wrong-signer), and accepts unknown-policy, ee-ca-flag, proxy-of-ca-flag and the weak keys",
                "  (-auth_level 2 refuses the weak keys).",
                ""));
        return String.join("\n", lines);
    }

    private static final Map<String, String> CHAIN_DESCRIPTIONS = Map.ofEntries(
            Map.entry(TestChains.RFC_PROXY, "RFC 3820 inherit-all proxy of alice"),
            Map.entry(TestChains.RFC_PROXY_GROUP, "RFC 3820 proxy of bob with DIRAC group \"dirac_user\""),
            Map.entry(TestChains.RFC_LIMITED, "RFC 3820 limited proxy of alice"),
            Map.entry(TestChains.LEGACY_PROXY, "legacy CN=proxy of alice"),
            Map.entry(TestChains.LEGACY_LIMITED, "legacy CN=limited proxy of alice"),
            Map.entry(TestChains.PROXY_OF_PROXY, "RFC proxy of an RFC proxy of alice"),
            Map.entry(TestChains.LIMITED_OF_PROXY, "limited RFC proxy of an RFC proxy of alice (limited)"),
            Map.entry(TestChains.PROXY_OF_LIMITED, "inherit-all RFC proxy of a limited proxy of alice: refused"),
            Map.entry(TestChains.PATHLEN_OK, "RFC proxy of alice with pathLen 1, then one proxy under it"),
            Map.entry(TestChains.LEGACY_OF_LEGACY, "legacy proxy of a legacy proxy of alice"),
            Map.entry(TestChains.GROUP_ON_FIRST, "RFC proxy of bob with group dirac_user, then a plain proxy"),
            Map.entry(TestChains.EXPIRED_USER, "user /C=ch/O=Gatehouse/OU=Users/CN=expired, expired"),
            Map.entry(TestChains.NOT_YET_VALID_USER, "user .../CN=future, notBefore in the future"),
            Map.entry(TestChains.REVOKED_USER, "user .../CN=revoked, listed in the CA's CRL"),
            Map.entry(TestChains.PROXY_OF_REVOKED, "RFC proxy of revoked-user"),
            Map.entry(TestChains.EXPIRED_PROXY, "RFC proxy of alice, expired"),
            Map.entry(TestChains.NOT_YET_VALID_PROXY, "RFC proxy of alice, notBefore in the future"),
            Map.entry(TestChains.PROXY_WRONG_SIGNER, "RFC proxy of alice signed by another key"),
            Map.entry(TestChains.PROXY_WRONG_SUBJECT, "proxy of alice with subject .../CN=mallory/CN=12345"),
            Map.entry(TestChains.PROXY_TWO_CN, "RFC proxy of alice whose subject adds two CNs"),
            Map.entry(TestChains.BEYOND_PATHLEN, "RFC proxy of alice with pathLen 0, then one proxy under it"),
            Map.entry(TestChains.UNKNOWN_POLICY, "RFC proxy of alice, policy language independent (1.3.6.1.5.5.7.21.2)"),
            Map.entry(TestChains.PROXY_IS_CA, "RFC proxy of alice with basicConstraints CA:true"),
            Map.entry(TestChains.EE_CA_FLAG, "user .../CN=caflag with basicConstraints CA:true"),
            Map.entry(TestChains.PROXY_OF_CA_FLAG, "RFC proxy of ee-ca-flag"),
            Map.entry(TestChains.WEAK_USER, "user .../CN=weak with a 1024-bit RSA key"),
            Map.entry(TestChains.WEAK_PROXY, "RFC proxy of alice with a 1024-bit RSA key"),
            Map.entry(TestChains.PROXY_OF_UNTRUSTED, "RFC proxy of the rogue user of untrusted/"),
            Map.entry(TestChains.LEGACY_WRONG_SIGNER, "legacy CN=proxy of alice signed by another key"),
            Map.entry(TestChains.PROXY_NO_SIGNING, "RFC proxy of alice whose key usage forbids signing"),
            Map.entry(TestChains.OUTSIDE_NAMESPACE, "user /C=ch/O=Elsewhere/OU=Users/CN=outsider: outside the CA's namespace"),
            Map.entry(TestChains.DENIED_SUBTREE, "user /C=ch/O=Gatehouse/OU=Retired/CN=retiree: in the sub-tree the CA's policies exclude"));

    /**
     * The dev CA's EUGridPMA namespace policy: it signs under /C=ch/O=Gatehouse, except the OU=Retired sub-tree
     * (a DENY, which the EUGridPMA format has and the Globus one has not).
     */
    static String namespacesPolicy() {
        String issuer = oneLine(caSubject());
        return "# EUGridPMA namespace policy of the Gatehouse development CA (written by DevPki)\n"
                + "TO Issuer \"" + issuer + "\" \\\n  PERMIT Subject \"/C=ch/O=Gatehouse/.*\"\n"
                + "TO Issuer \"" + issuer + "\" \\\n  DENY Subject \"/C=ch/O=Gatehouse/OU=Retired/.*\"\n";
    }

    /** The dev CA's Globus signing policy: users and hosts under /C=ch/O=Gatehouse, nothing else. */
    static String signingPolicy() {
        return "# Globus signing policy of the Gatehouse development CA (written by DevPki)\n"
                + "access_id_CA      X509         '" + oneLine(caSubject()) + "'\n"
                + "pos_rights        globus       CA:sign\n"
                + "cond_subjects     globus       '\"/C=ch/O=Gatehouse/OU=Users/*\" \"/C=ch/O=Gatehouse/OU=Hosts/*\"'\n";
    }

    /** OpenSSL's "compat" one-line form of a name, e.g. /C=ch/O=Gatehouse/CN=Gatehouse Development CA. */
    private static String oneLine(X500Name name) {
        StringBuilder text = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                text.append(text.length() == 0 || !rdn.isMultiValued() || atv == rdn.getFirst() ? "/" : "+")
                        .append(BCStyle.INSTANCE.oidToDisplayName(atv.getType()))
                        .append('=')
                        .append(IETFUtils.valueToString(atv.getValue()));
            }
        }
        return text.toString();
    }

    /** A one-line reason for an exception, naming the file for file system errors. */
    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return "not a directory: " + n.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() == null ? String.valueOf(f.getFile()) : f.getFile() + ": " + f.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
