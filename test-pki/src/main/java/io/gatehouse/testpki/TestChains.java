package io.gatehouse.testpki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The catalogue of hostile (and friendly) certificate chains that {@code DevPki --test-chains} writes into
 * {@code <outdir>/chains/}, for testing how a server authenticates grid clients. Every entry is written twice:
 * <ul>
 * <li>{@code <name>.pem}: grid proxy file format ({@link GridProxyFiles}): the leaf certificate, its private key,
 *     then the rest of the chain leaf first, without the CA;</li>
 * <li>{@code <name>.p12}: PKCS#12, store and key password {@value DevPki#PASSWORD}, one key entry
 *     {@value #P12_ALIAS} whose certificate chain is the leaf first and everything up to and including the CA
 *     (the dev CA; the rogue CA of {@code untrusted/} for {@value #PROXY_OF_UNTRUSTED}).</li>
 * </ul>
 * Entries of {@link #GOOD} must be accepted by a correct server, entries of {@link #BAD} refused. The names are
 * part of the contract with the tests of other modules: do not rename them.
 *
 * <p>Keys: to keep generation fast, the proxies of all entries share two keys (one per proxy level; the first
 * is also the key of the users' {@code proxy.pem} made in the same run), the CA-issued bad users ({@value #EXPIRED_USER}, {@value #NOT_YET_VALID_USER}, {@value #REVOKED_USER},
 * {@value #EE_CA_FLAG}) share one key, and the two weak entries share one 1024-bit key. Within one chain every
 * certificate has its own key, and the "wrong signer" entries are signed with a key used nowhere else.
 */
public final class TestChains {

    /** The directory under the output directory. */
    public static final String DIR = "chains";
    /** The alias of the key entry in every {@code .p12}. */
    public static final String P12_ALIAS = "chain";
    /** The DIRAC group carried by {@value #RFC_PROXY_GROUP} and {@value #GROUP_ON_FIRST}. */
    public static final String DIRAC_GROUP = "dirac_user";
    /** The users of the normal user set the chains are made from. */
    public static final List<String> USERS = List.of("alice", "bob");

    // Must be accepted.
    public static final String RFC_PROXY = "rfc-proxy";
    public static final String RFC_PROXY_GROUP = "rfc-proxy-group";
    public static final String RFC_LIMITED = "rfc-limited";
    public static final String LEGACY_PROXY = "legacy-proxy";
    public static final String LEGACY_LIMITED = "legacy-limited";
    public static final String PROXY_OF_PROXY = "proxy-of-proxy";
    public static final String LIMITED_OF_PROXY = "limited-of-proxy";
    public static final String PATHLEN_OK = "pathlen-ok";
    public static final String LEGACY_OF_LEGACY = "legacy-of-legacy";
    public static final String GROUP_ON_FIRST = "group-on-first";

    // Must be refused.
    /** An unlimited proxy signed by a limited one: grid sites (Globus, canl) refuse it. */
    public static final String PROXY_OF_LIMITED = "proxy-of-limited";
    public static final String EXPIRED_USER = "expired-user";
    public static final String NOT_YET_VALID_USER = "not-yet-valid-user";
    public static final String REVOKED_USER = "revoked-user";
    public static final String PROXY_OF_REVOKED = "proxy-of-revoked";
    public static final String EXPIRED_PROXY = "expired-proxy";
    public static final String NOT_YET_VALID_PROXY = "not-yet-valid-proxy";
    public static final String PROXY_WRONG_SIGNER = "proxy-wrong-signer";
    public static final String PROXY_WRONG_SUBJECT = "proxy-wrong-subject";
    public static final String PROXY_TWO_CN = "proxy-two-cn";
    public static final String BEYOND_PATHLEN = "beyond-pathlen";
    public static final String UNKNOWN_POLICY = "unknown-policy";
    public static final String PROXY_IS_CA = "proxy-is-ca";
    public static final String EE_CA_FLAG = "ee-ca-flag";
    public static final String PROXY_OF_CA_FLAG = "proxy-of-ca-flag";
    public static final String WEAK_USER = "weak-user";
    public static final String WEAK_PROXY = "weak-proxy";
    public static final String PROXY_OF_UNTRUSTED = "proxy-of-untrusted";
    public static final String LEGACY_WRONG_SIGNER = "legacy-wrong-signer";
    /** A user the dev CA signed outside the namespace its policy files give it ({@link #outsiderSubject()}). */
    public static final String OUTSIDE_NAMESPACE = "outside-namespace";
    /** A user the dev CA signed in the sub-tree its policies exclude ({@link #retiredSubject()}). */
    public static final String DENIED_SUBTREE = "denied-subtree";
    /** An RFC 3820 proxy whose critical key usage is keyEncipherment alone: its key may not sign. */
    public static final String PROXY_NO_SIGNING = "proxy-no-signing";

    public static final List<String> GOOD = List.of(RFC_PROXY, RFC_PROXY_GROUP, RFC_LIMITED, LEGACY_PROXY,
            LEGACY_LIMITED, PROXY_OF_PROXY, LIMITED_OF_PROXY, PATHLEN_OK, LEGACY_OF_LEGACY, GROUP_ON_FIRST);
    public static final List<String> BAD = List.of(EXPIRED_USER, NOT_YET_VALID_USER, REVOKED_USER,
            PROXY_OF_LIMITED, PROXY_OF_REVOKED, EXPIRED_PROXY, NOT_YET_VALID_PROXY, PROXY_WRONG_SIGNER, PROXY_WRONG_SUBJECT,
            PROXY_TWO_CN, BEYOND_PATHLEN, UNKNOWN_POLICY, PROXY_IS_CA, EE_CA_FLAG, PROXY_OF_CA_FLAG, WEAK_USER,
            WEAK_PROXY, PROXY_OF_UNTRUSTED, LEGACY_WRONG_SIGNER, PROXY_NO_SIGNING, OUTSIDE_NAMESPACE, DENIED_SUBTREE);

    /** RSA size of the weak keys. */
    public static final int WEAK_KEY_BITS = 1024;
    /** The subject of {@value #PROXY_WRONG_SUBJECT}. */
    public static final String WRONG_SUBJECT_CN = "12345";

    /** Proxies and good chains are remade when they have less than this left. */
    static final Duration MINIMUM_REMAINING = Duration.ofHours(1);
    /** Not-yet-valid entries are remade when they become valid in less than this. */
    static final Duration MINIMUM_FUTURE = Duration.ofDays(1);

    private TestChains() {
    }

    /** {@code <outDir>/chains/<name>.pem}. */
    public static Path pem(Path outDir, String name) {
        return outDir.resolve(DIR).resolve(name + ".pem");
    }

    /** {@code <outDir>/chains/<name>.p12}. */
    public static Path p12(Path outDir, String name) {
        return outDir.resolve(DIR).resolve(name + ".p12");
    }

    /** {@code /C=ch/O=Gatehouse/OU=Users/CN=mallory/CN=12345}, the subject of {@value #PROXY_WRONG_SUBJECT}. */
    public static X500Name wrongSubject() {
        return ProxyIssuer.proxySubject(DevPki.userSubject("mallory"), WRONG_SUBJECT_CN);
    }

    /** {@code /C=ch/O=Elsewhere/OU=Users/CN=outsider}: outside the dev CA's namespace. */
    public static X500Name outsiderSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Elsewhere")
                .addRDN(BCStyle.OU, "Users").addRDN(BCStyle.CN, "outsider").build();
    }

    /** {@code /C=ch/O=Gatehouse/OU=Retired/CN=retiree}: inside the dev CA's organisation, in an excluded sub-tree. */
    public static X500Name retiredSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse")
                .addRDN(BCStyle.OU, "Retired").addRDN(BCStyle.CN, "retiree").build();
    }

    // ---- generation

    /** The certificate at the end of an entry's chain (without the CA), which says whom it belongs to. */
    enum Base { ALICE, BOB, ROGUE, CA, REVOKED, CA_FLAG }

    /** How the leaf's dates must be for the entry to keep its meaning. */
    private enum Dates { CURRENT, EXPIRED, FUTURE }

    /** Shared keys: see the class comment. */
    enum KeyRole {
        PROXY1(CertificateAuthority.DEFAULT_KEY_BITS), PROXY2(CertificateAuthority.DEFAULT_KEY_BITS),
        BAD_USER(CertificateAuthority.DEFAULT_KEY_BITS), WRONG_SIGNER(CertificateAuthority.DEFAULT_KEY_BITS),
        WEAK(WEAK_KEY_BITS);

        final int bits;

        KeyRole(int bits) {
            this.bits = bits;
        }
    }

    /** Hands out a key pair made elsewhere. */
    @FunctionalInterface
    interface KeySupplier {
        KeyPair get() throws GeneralSecurityException;
    }

    @FunctionalInterface
    private interface Maker {
        IssuedCredential make(Context context) throws GeneralSecurityException;
    }

    /**
     * One catalogue entry.
     *
     * @param subject for the CA-issued users, their subject (checked when deciding whether to keep the file)
     */
    private record Entry(String name, Base base, Dates dates, boolean rogue, X500Name subject, Set<KeyRole> keys,
                         Maker maker) {
    }

    private static final List<Entry> ENTRIES = List.of(
            proxyEntry(RFC_PROXY, Base.ALICE, c -> c.proxy(c.alice, rfc(c))),
            proxyEntry(RFC_PROXY_GROUP, Base.BOB, c -> c.proxy(c.bob, rfc(c).diracGroup(DIRAC_GROUP))),
            proxyEntry(RFC_LIMITED, Base.ALICE, c -> c.proxy(c.alice, rfc(c).limited())),
            proxyEntry(LEGACY_PROXY, Base.ALICE, c -> c.proxy(c.alice, legacy(c))),
            proxyEntry(LEGACY_LIMITED, Base.ALICE, c -> c.proxy(c.alice, legacy(c).limited())),
            twoProxies(PROXY_OF_PROXY, Base.ALICE, c -> c.proxy(c.proxy(c.alice, rfc(c)), rfc2(c))),
            twoProxies(LIMITED_OF_PROXY, Base.ALICE, c -> c.proxy(c.proxy(c.alice, rfc(c)), rfc2(c).limited())),
            twoProxies(PROXY_OF_LIMITED, Base.ALICE, c -> c.proxy(c.proxy(c.alice, rfc(c).limited()), rfc2(c))),
            twoProxies(PATHLEN_OK, Base.ALICE,
                    c -> c.proxy(c.proxy(c.alice, rfc(c).pathLengthConstraint(1)), rfc2(c))),
            twoProxies(LEGACY_OF_LEGACY, Base.ALICE, c -> c.proxy(c.proxy(c.alice, legacy(c)),
                    ProxyOptions.legacy().keyPair(c.key(KeyRole.PROXY2)))),
            twoProxies(GROUP_ON_FIRST, Base.BOB,
                    c -> c.proxy(c.proxy(c.bob, rfc(c).diracGroup(DIRAC_GROUP)), rfc2(c))),

            caUser(EXPIRED_USER, "expired", Dates.EXPIRED, KeyRole.BAD_USER, c -> {
                Instant now = Instant.now();
                Instant caNotBefore = c.ca.certificate().getNotBefore().toInstant();
                Instant notBefore = latest(caNotBefore, now.minus(Duration.ofDays(30)));
                Instant notAfter = latest(notBefore.plus(Duration.ofMinutes(1)), now.minus(Duration.ofDays(1)));
                return c.caUser("expired", KeyRole.BAD_USER, notBefore, notAfter, false);
            }),
            caUser(NOT_YET_VALID_USER, "future", Dates.FUTURE, KeyRole.BAD_USER, c -> {
                Instant now = Instant.now();
                Instant notAfter = earliest(now.plus(DevPki.USER_VALIDITY), c.ca.certificate().getNotAfter().toInstant());
                return c.caUser("future", KeyRole.BAD_USER, now.plus(Duration.ofDays(30)), notAfter, false);
            }),
            caUser(REVOKED_USER, "revoked", Dates.CURRENT, KeyRole.BAD_USER,
                    c -> c.caUser("revoked", KeyRole.BAD_USER, null, null, false)),
            proxyEntry(PROXY_OF_REVOKED, Base.REVOKED, c -> c.proxy(c.revoked, rfc(c))),
            new Entry(EXPIRED_PROXY, Base.ALICE, Dates.EXPIRED, false, null, EnumSet.of(KeyRole.PROXY1), c -> {
                Instant now = Instant.now();
                Instant notBefore = latest(c.alice.certificate().getNotBefore().toInstant(),
                        now.minus(Duration.ofDays(2)));
                Instant notAfter = latest(notBefore.plus(Duration.ofMinutes(1)), now.minus(Duration.ofDays(1)));
                return c.forge(c.alice, ProxyForgery.of(rfc(c)).validity(notBefore, notAfter));
            }),
            new Entry(NOT_YET_VALID_PROXY, Base.ALICE, Dates.FUTURE, false, null, EnumSet.of(KeyRole.PROXY1), c -> {
                Instant now = Instant.now();
                Instant aliceNotAfter = c.alice.certificate().getNotAfter().toInstant();
                Duration half = Duration.between(now, aliceNotAfter).dividedBy(2);
                Instant notBefore = now.plus(half.compareTo(Duration.ofDays(7)) < 0 ? half : Duration.ofDays(7));
                Instant notAfter = earliest(notBefore.plus(Duration.ofDays(1)), aliceNotAfter);
                return c.forge(c.alice, ProxyForgery.of(rfc(c)).validity(notBefore, notAfter));
            }),
            new Entry(PROXY_WRONG_SIGNER, Base.ALICE, Dates.CURRENT, false, null,
                    EnumSet.of(KeyRole.PROXY1, KeyRole.WRONG_SIGNER),
                    c -> c.forge(c.alice, ProxyForgery.of(rfc(c)).signingKey(c.wrongSigner()))),
            proxyEntry(PROXY_WRONG_SUBJECT, Base.ALICE,
                    c -> c.forge(c.alice, ProxyForgery.of(rfc(c)).subject(wrongSubject()))),
            proxyEntry(PROXY_TWO_CN, Base.ALICE, c -> {
                X500Name alice = X500Name.getInstance(c.alice.certificate().getSubjectX500Principal().getEncoded());
                X500Name twoCn = ProxyIssuer.proxySubject(
                        ProxyIssuer.proxySubject(alice, ProxyIssuer.proxySerial(c.random).toString()),
                        ProxyIssuer.proxySerial(c.random).toString());
                return c.forge(c.alice, ProxyForgery.of(rfc(c)).subject(twoCn));
            }),
            twoProxies(BEYOND_PATHLEN, Base.ALICE,
                    c -> c.proxy(c.proxy(c.alice, rfc(c).pathLengthConstraint(0)), rfc2(c))),
            proxyEntry(UNKNOWN_POLICY, Base.ALICE,
                    c -> c.proxy(c.alice, rfc(c).policyLanguage(ProxyCertificates.INDEPENDENT))),
            proxyEntry(PROXY_IS_CA, Base.ALICE, c -> c.forge(c.alice, ProxyForgery.of(rfc(c)).markAsCa())),
            caUser(EE_CA_FLAG, "caflag", Dates.CURRENT, KeyRole.BAD_USER,
                    c -> c.caUser("caflag", KeyRole.BAD_USER, null, null, true)),
            proxyEntry(PROXY_OF_CA_FLAG, Base.CA_FLAG, c -> c.proxy(c.caFlag, rfc(c))),
            caUser(WEAK_USER, "weak", Dates.CURRENT, KeyRole.WEAK,
                    c -> c.caUser("weak", KeyRole.WEAK, null, null, false)),
            new Entry(WEAK_PROXY, Base.ALICE, Dates.CURRENT, false, null, EnumSet.of(KeyRole.WEAK),
                    c -> c.proxy(c.alice, ProxyOptions.rfc3820().keyPair(c.key(KeyRole.WEAK)))),
            new Entry(PROXY_OF_UNTRUSTED, Base.ROGUE, Dates.CURRENT, true, null, EnumSet.of(KeyRole.PROXY1),
                    c -> c.proxy(c.rogue, rfc(c))),
            new Entry(LEGACY_WRONG_SIGNER, Base.ALICE, Dates.CURRENT, false, null,
                    EnumSet.of(KeyRole.PROXY1, KeyRole.WRONG_SIGNER),
                    c -> c.forge(c.alice, ProxyForgery.of(legacy(c)).signingKey(c.wrongSigner()))),
            new Entry(OUTSIDE_NAMESPACE, Base.CA, Dates.CURRENT, false, outsiderSubject(), EnumSet.of(KeyRole.BAD_USER),
                    c -> c.caUser(outsiderSubject(), KeyRole.BAD_USER, null, null, false)),
            new Entry(DENIED_SUBTREE, Base.CA, Dates.CURRENT, false, retiredSubject(), EnumSet.of(KeyRole.BAD_USER),
                    c -> c.caUser(retiredSubject(), KeyRole.BAD_USER, null, null, false)),
            proxyEntry(PROXY_NO_SIGNING, Base.ALICE,
                    c -> c.forge(c.alice, ProxyForgery.of(rfc(c)).keyUsage(KeyUsage.keyEncipherment))));

    private static Entry proxyEntry(String name, Base base, Maker maker) {
        return new Entry(name, base, Dates.CURRENT, false, null, EnumSet.of(KeyRole.PROXY1), maker);
    }

    private static Entry twoProxies(String name, Base base, Maker maker) {
        return new Entry(name, base, Dates.CURRENT, false, null, EnumSet.of(KeyRole.PROXY1, KeyRole.PROXY2), maker);
    }

    private static Entry caUser(String name, String cn, Dates dates, KeyRole key, Maker maker) {
        return new Entry(name, Base.CA, dates, false, DevPki.userSubject(cn), EnumSet.of(key), maker);
    }

    private static ProxyOptions rfc(Context c) throws GeneralSecurityException {
        return ProxyOptions.rfc3820().keyPair(c.key(KeyRole.PROXY1));
    }

    private static ProxyOptions rfc2(Context c) throws GeneralSecurityException {
        return ProxyOptions.rfc3820().keyPair(c.key(KeyRole.PROXY2));
    }

    private static ProxyOptions legacy(Context c) throws GeneralSecurityException {
        return ProxyOptions.legacy().keyPair(c.key(KeyRole.PROXY1));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** What the makers work with. */
    private static final class Context {
        final CertificateAuthority ca;
        final IssuedCredential alice;
        final IssuedCredential bob;
        final IssuedCredential rogue;
        final KeyPairPool pool;
        final KeySupplier proxyKey;
        final SecureRandom random;
        final ProxyIssuer issuer;
        final Map<KeyRole, KeyPair> keys = new EnumMap<>(KeyRole.class);
        IssuedCredential revoked;
        IssuedCredential caFlag;

        Context(CertificateAuthority ca, IssuedCredential alice, IssuedCredential bob, IssuedCredential rogue,
                KeyPairPool pool, KeySupplier proxyKey, SecureRandom random) {
            this.ca = ca;
            this.alice = alice;
            this.bob = bob;
            this.rogue = rogue;
            this.pool = pool;
            this.proxyKey = proxyKey;
            this.random = random;
            this.issuer = new ProxyIssuer(random);
        }

        KeyPair key(KeyRole role) throws GeneralSecurityException {
            KeyPair key = keys.get(role);
            if (key == null) {
                key = role == KeyRole.PROXY1 ? proxyKey.get() : pool.take(role.bits);
                keys.put(role, key);
            }
            return key;
        }

        IssuedCredential proxy(IssuedCredential from, ProxyOptions options) throws GeneralSecurityException {
            return issuer.issue(from, options);
        }

        IssuedCredential forge(IssuedCredential from, ProxyForgery forgery) throws GeneralSecurityException {
            return forgery.issue(from, random);
        }

        /** The key the "wrong signer" entries are signed with, used nowhere else. */
        PrivateKey wrongSigner() throws GeneralSecurityException {
            return key(KeyRole.WRONG_SIGNER).getPrivate();
        }

        /** A user certificate of the dev CA; null dates for the usual ones. */
        IssuedCredential caUser(String cn, KeyRole role, Instant notBefore, Instant notAfter, boolean markAsCa)
                throws GeneralSecurityException {
            return caUser(DevPki.userSubject(cn), role, notBefore, notAfter, markAsCa);
        }

        IssuedCredential caUser(X500Name subject, KeyRole role, Instant notBefore, Instant notAfter, boolean markAsCa)
                throws GeneralSecurityException {
            KeyPair key = key(role);
            X509Certificate certificate;
            if (notBefore == null && !markAsCa) {
                certificate = ca.certify(key.getPublic(), subject, CertificateAuthority.Usage.USER,
                        List.of(), DevPki.USER_VALIDITY);
            } else {
                Instant now = Instant.now();
                Instant from = notBefore != null ? notBefore : now.minus(CertificateAuthority.BACKDATING);
                Instant until = notAfter != null ? notAfter
                        : earliest(now.plus(DevPki.USER_VALIDITY), ca.certificate().getNotAfter().toInstant());
                certificate = ca.certify(key.getPublic(), subject, CertificateAuthority.Usage.USER,
                        List.of(), from, until, markAsCa);
            }
            return new IssuedCredential(certificate, key.getPrivate(), List.of(certificate, ca.certificate()));
        }
    }

    /**
     * Writes the catalogue into {@code <outDir>/chains/}, remaking only the entries that are missing or no
     * longer fit: made from another user certificate or CA than the current ones, a proxy with less than
     * {@link #MINIMUM_REMAINING} left, a not-yet-valid entry about to become valid, or a damaged file.
     */
    static final class Generator {

        private final Path outDir;
        private final SecureRandom random;
        private final Map<Path, IssuedCredential> readCache = new HashMap<>();
        private X509Certificate revokedUser;

        Generator(Path outDir, SecureRandom random) {
            this.outDir = outDir;
            this.random = random;
        }

        /**
         * The keys the entries to remake will take, so they can be generated in parallel with the rest.
         *
         * @param bases the current certificates of {@link Base#ALICE}, {@link Base#BOB}, {@link Base#ROGUE}
         *              (the rogue user) and {@link Base#CA} (the dev CA): null for one that is about to be
         *              made anew
         */
        Set<KeyRole> keysNeeded(Map<Base, X509Certificate> bases) {
            Map<Base, X509Certificate> known = new EnumMap<>(Base.class);
            bases.forEach((base, certificate) -> {
                if (certificate != null) {
                    known.put(base, certificate);
                }
            });
            Set<KeyRole> roles = EnumSet.noneOf(KeyRole.class);
            for (Entry entry : ENTRIES) {
                IssuedCredential existing = reusable(entry, known);
                if (existing == null) {
                    roles.addAll(entry.keys);
                }
                rememberBase(entry, existing, known);
            }
            return roles;
        }

        /**
         * Makes what is missing.
         *
         * @param rogue    the rogue user, its chain ending with the rogue CA
         * @param pool     where every key but the first-level proxies' comes from
         * @param proxyKey the key of first-level proxies ({@link KeyRole#PROXY1})
         * @param created  receives the files written
         */
        void generate(CertificateAuthority ca, IssuedCredential alice, IssuedCredential bob, IssuedCredential rogue,
                      KeyPairPool pool, KeySupplier proxyKey, List<Path> created)
                throws IOException, GeneralSecurityException {
            X509Certificate rogueCa = rogue.chain().get(rogue.chain().size() - 1);
            Map<Base, X509Certificate> known = new EnumMap<>(Base.class);
            known.put(Base.ALICE, alice.certificate());
            known.put(Base.BOB, bob.certificate());
            known.put(Base.ROGUE, rogue.certificate());
            known.put(Base.CA, ca.certificate());
            Context context = new Context(ca, alice, bob, rogue, pool, proxyKey, random);
            for (Entry entry : ENTRIES) {
                X509Certificate anchor = entry.rogue ? rogueCa : ca.certificate();
                IssuedCredential credential = reusable(entry, known);
                Path pem = pem(outDir, entry.name);
                Path p12 = p12(outDir, entry.name);
                boolean fresh = credential == null;
                if (fresh) {
                    credential = entry.maker.make(context);
                    GridProxyFiles.write(pem, credential);
                    created.add(pem);
                }
                List<X509Certificate> p12Chain = new ArrayList<>(GridProxyFiles.withoutRoots(credential.chain()));
                p12Chain.add(anchor);
                if (fresh || !holdsChain(p12, p12Chain)) {
                    Pkcs12Stores.writeKeyStore(p12, P12_ALIAS, credential.privateKey(), p12Chain,
                            DevPki.PASSWORD.toCharArray());
                    created.add(p12);
                }
                rememberBase(entry, credential, known);
                if (entry.name.equals(REVOKED_USER)) {
                    context.revoked = withCa(credential, ca);
                    revokedUser = credential.certificate();
                } else if (entry.name.equals(EE_CA_FLAG)) {
                    context.caFlag = withCa(credential, ca);
                }
            }
        }

        /** The certificate of {@value #REVOKED_USER}, which the dev CA's CRL must list; after generate. */
        X509Certificate revokedUser() {
            return revokedUser;
        }

        /** The entry's current files if they can be kept, else null. */
        private IssuedCredential reusable(Entry entry, Map<Base, X509Certificate> known) {
            Path pem = pem(outDir, entry.name);
            if (!Files.exists(pem)) {
                return null;
            }
            X509Certificate base = known.get(entry.base);
            if (base == null) {
                return null;
            }
            try {
                IssuedCredential credential = read(pem);
                List<X509Certificate> chain = credential.chain();
                X509Certificate identity = chain.get(chain.size() - 1);
                if (entry.base == Base.CA) {
                    identity.verify(base.getPublicKey());
                    if (chain.size() != 1 || !X500Name.getInstance(identity.getSubjectX500Principal().getEncoded())
                            .equals(entry.subject)) {
                        return null;
                    }
                } else if (!identity.equals(base)) {
                    return null;
                }
                Instant now = Instant.now();
                for (int i = 0; i < chain.size(); i++) {
                    X509Certificate certificate = chain.get(i);
                    Instant notBefore = certificate.getNotBefore().toInstant();
                    Instant notAfter = certificate.getNotAfter().toInstant();
                    Dates dates = i == 0 ? entry.dates : Dates.CURRENT;
                    boolean fits = switch (dates) {
                        case CURRENT -> !notBefore.isAfter(now) && !notAfter.isBefore(now.plus(MINIMUM_REMAINING));
                        case EXPIRED -> notAfter.isBefore(now);
                        case FUTURE -> notBefore.isAfter(now.plus(MINIMUM_FUTURE));
                    };
                    if (!fits) {
                        return null;
                    }
                }
                return credential;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return null; // damaged or foreign: remake it
            }
        }

        /** Reads a chain file once per run (the plan and the generation both look at it). */
        private IssuedCredential read(Path pem) throws IOException {
            IssuedCredential credential = readCache.get(pem);
            if (credential == null) {
                credential = GridProxyFiles.read(pem);
                readCache.put(pem, credential);
            }
            return credential;
        }

        private static void rememberBase(Entry entry, IssuedCredential credential, Map<Base, X509Certificate> known) {
            Base provided = entry.name.equals(REVOKED_USER) ? Base.REVOKED
                    : entry.name.equals(EE_CA_FLAG) ? Base.CA_FLAG : null;
            if (provided != null) {
                if (credential == null) {
                    known.remove(provided); // about to be remade: what is made from it must be remade too
                } else {
                    known.put(provided, credential.certificate());
                }
            }
        }

        private static IssuedCredential withCa(IssuedCredential user, CertificateAuthority ca) {
            return new IssuedCredential(user.certificate(), user.privateKey(),
                    List.of(user.certificate(), ca.certificate()));
        }

        private static boolean holdsChain(Path file, List<X509Certificate> chain) {
            if (!Files.exists(file)) {
                return false;
            }
            try {
                KeyStore store = Pkcs12Stores.load(file, DevPki.PASSWORD.toCharArray());
                Certificate[] stored = store.getCertificateChain(P12_ALIAS);
                return store.isKeyEntry(P12_ALIAS) && stored != null && List.of(stored).equals(chain)
                        && Collections.list(store.aliases()).size() == 1;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }

    /** The names of the catalogue, in the order they are made. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            names.add(entry.name);
        }
        return names;
    }
}
