package io.gatehouse.testpki;

import static io.gatehouse.testpki.DevPkiRuns.assertSameFiles;
import static io.gatehouse.testpki.DevPkiRuns.relative;
import static io.gatehouse.testpki.DevPkiRuns.relativeFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DevPki out --user alice --user bob --user stranger --user mallory --test-chains}, run once, checked
 * with the openssl command line where it can judge, and with Java where it cannot: each entry must be refused
 * for the one reason it stands for, so a mistake in generation (a bad chain that is bad for another reason, or
 * not at all) is caught.
 */
import io.gatehouse.testpki.DevPkiRuns.Run;

class TestChainsTest {

    private static final char[] PASSWORD = DevPki.PASSWORD.toCharArray();
    private static final String[] COMMAND = {"--user", "alice", "--user", "bob", "--user", "stranger", "--user",
            "mallory", "--test-chains"};
    private static final List<String> LEGACY_GOOD = List.of("legacy-proxy", "legacy-limited", "legacy-of-legacy");

    @TempDir
    static Path shared;

    @TempDir
    Path own;

    private static Path out;
    private static Path split;
    private static X509Certificate ca;
    private static X509Certificate rogueCa;
    private static X509Certificate alice;
    private static X509Certificate bob;
    private static Map<String, IssuedCredential> chains;

    @BeforeAll
    static void generate() throws Exception {
        out = shared.resolve("pki");
        long start = System.nanoTime();
        Run run = run(out.toString(), COMMAND);
        long runMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, run.status(), run.err());
        System.out.println("DevPki " + String.join(" ", COMMAND) + ": " + runMillis + " ms, "
                + run.out().lines().count() + " files");
        ca = PemFiles.readCertificate(out.resolve(DevPki.CA_CERT));
        rogueCa = PemFiles.readCertificate(out.resolve(DevPki.ROGUE_CA_CERT));
        alice = PemFiles.readCertificate(out.resolve("users/alice/usercert.pem"));
        bob = PemFiles.readCertificate(out.resolve("users/bob/usercert.pem"));
        chains = new LinkedHashMap<>();
        split = shared.resolve("split");
        Files.createDirectories(split);
        for (String name : TestChains.names()) {
            IssuedCredential chain = GridProxyFiles.read(TestChains.pem(out, name));
            chains.put(name, chain);
            PemFiles.writeCertificates(split.resolve(name + ".leaf.pem"), chain.certificate());
            if (chain.chain().size() > 1) {
                PemFiles.writeCertificates(split.resolve(name + ".rest.pem"),
                        chain.chain().subList(1, chain.chain().size()).toArray(new X509Certificate[0]));
            }
        }
    }

    @Test
    void theCatalogueHasExactlyTheAgreedNames() throws Exception {
        List<String> good = List.of("rfc-proxy", "rfc-proxy-group", "rfc-limited", "legacy-proxy", "legacy-limited",
                "proxy-of-proxy", "limited-of-proxy", "pathlen-ok", "legacy-of-legacy", "group-on-first");
        List<String> bad = List.of("expired-user", "not-yet-valid-user", "revoked-user", "proxy-of-limited",
                "proxy-of-revoked",
                "expired-proxy", "not-yet-valid-proxy", "proxy-wrong-signer", "proxy-wrong-subject", "proxy-two-cn",
                "beyond-pathlen", "unknown-policy", "proxy-is-ca", "ee-ca-flag", "proxy-of-ca-flag", "weak-user",
                "weak-proxy", "proxy-of-untrusted", "legacy-wrong-signer", "proxy-no-signing",
                "outside-namespace", "denied-subtree");
        assertEquals(good, TestChains.GOOD);
        assertEquals(bad, TestChains.BAD);
        assertEquals(new TreeSet<>(TestChains.names()), union(good, bad));
        Set<String> files = new TreeSet<>();
        for (String name : TestChains.names()) {
            files.add(name + ".pem");
            files.add(name + ".p12");
        }
        try (Stream<Path> list = Files.list(out.resolve("chains"))) {
            assertEquals(files, list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
        for (String user : List.of("alice", "bob", "stranger", "mallory")) {
            assertTrue(Files.exists(out.resolve("users/" + user + "/proxy.pem")), user);
        }
        assertTrue(Files.readString(out.resolve(DevPki.README)).contains("chains/"));
    }

    @Test
    void everyEntryIsAGridProxyFileAndAPkcs12StoreWithTheWholeChain() throws Exception {
        for (String name : TestChains.names()) {
            Path pem = TestChains.pem(out, name);
            List<String> types = ProxyIssuerTest.pemTypes(Files.readString(pem));
            assertEquals("CERTIFICATE", types.get(0), name);
            assertEquals("PRIVATE KEY", types.get(1), name);
            assertTrue(types.subList(2, types.size()).stream().allMatch("CERTIFICATE"::equals), name);
            IssuedCredential chain = chains.get(name);
            assertEquals(types.size() - 1, chain.chain().size(), name);
            for (X509Certificate cert : chain.chain()) {
                assertFalse(GridProxyFiles.isSelfSigned(cert), name + ": no CA in the proxy file");
            }
            assertTrue(KeyPairs.matches(chain.privateKey(), chain.certificate().getPublicKey()), name);

            Path p12 = TestChains.p12(out, name);
            KeyStore store = Pkcs12Stores.load(p12, PASSWORD);
            assertEquals(List.of("chain"), Collections.list(store.aliases()), name);
            assertTrue(store.isKeyEntry("chain"), name);
            assertEquals(chain.privateKey(), store.getKey("chain", PASSWORD), name);
            List<Certificate> expected = new ArrayList<>(chain.chain());
            expected.add(name.equals("proxy-of-untrusted") ? rogueCa : ca);
            assertEquals(expected, List.of(store.getCertificateChain("chain")), name);
            if (AtomicFiles.isPosix(pem)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)), name);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)), name);
            }
        }
        // openssl reads the stores too.
        String info = OpenSslCli.run(out, "pkcs12", "-in", "chains/proxy-of-proxy.p12", "-passin", "pass:changeit",
                "-nokeys").assertSuccess().output();
        assertEquals(4, info.split("BEGIN CERTIFICATE", -1).length - 1, info);
    }

    @Test
    void withinAChainEveryCertificateHasItsOwnKey() {
        for (String name : TestChains.names()) {
            Set<PublicKey> keys = new HashSet<>();
            for (X509Certificate cert : chains.get(name).chain()) {
                assertTrue(keys.add(cert.getPublicKey()), name + ": " + cert.getSubjectX500Principal());
            }
        }
    }

    // ---- good chains

    @Test
    void goodRfcChainsPassOpensslWithAndWithoutCrlChecks() {
        for (String name : TestChains.GOOD) {
            if (LEGACY_GOOD.contains(name)) {
                continue;
            }
            for (List<String> options : List.of(List.<String>of(), List.of("-crl_check"), List.of("-crl_check_all"),
                    List.of("-x509_strict", "-purpose", "sslclient", "-crl_check_all"))) {
                OpenSslCli.Result result = verify(name, options);
                assertEquals(0, result.exitCode(), name + " " + options + ": " + result.output());
                assertTrue(result.output().contains(name + ".leaf.pem: OK"), result.output());
            }
        }
    }

    /**
     * Plain OpenSSL knows only RFC 3820 proxies: to it a legacy proxy is an ordinary certificate issued by the
     * user, who is no CA. Globus, VOMS and DIRAC accept them with their own verification callbacks. So the
     * check here is that OpenSSL's only complaints are the ones every legacy proxy gets (79 "invalid CA
     * certificate" and 32 "key usage does not include certificate signing" for the issuing user/proxy, and with
     * CRL checking 3 "unable to get certificate CRL" for a CRL that the user would have to issue), and the rest
     * of the chain is checked in Java.
     */
    @Test
    void goodLegacyChainsDrawOnlyTheComplaintsEveryLegacyProxyDraws() throws Exception {
        for (String name : LEGACY_GOOD) {
            int aliceDepth = chains.get(name).chain().size() - 1;
            Set<String> plain = errors(verify(name, List.of()));
            assertTrue(plain.contains("79@1"), name + ": " + plain);
            for (String error : plain) {
                int depth = Integer.parseInt(error.substring(error.indexOf('@') + 1));
                assertTrue(error.startsWith("79@") || error.startsWith("32@"), name + ": " + plain);
                assertTrue(depth >= 1 && depth <= aliceDepth, name + ": nothing wrong with the leaf: " + plain);
            }
            Set<String> withCrl = errors(verify(name, List.of("-crl_check")));
            for (String error : withCrl) {
                assertTrue(error.startsWith("79@") || error.equals("3@0"), name + ": " + withCrl);
            }
            assertGoodLinks(name);
        }
        // The user certificate itself passes with the CRL.
        OpenSslCli.run(out, "verify", "-crl_check", "-CApath", "certificates", "users/alice/usercert.pem")
                .assertSuccess();
    }

    @Test
    void goodChainsPassAJavaCheckOfEveryLink() throws Exception {
        for (String name : TestChains.GOOD) {
            assertGoodLinks(name);
        }
    }

    /** Signatures, dates, names, proxy rules; the identity at the end is alice or bob, issued by the dev CA. */
    private static void assertGoodLinks(String name) throws Exception {
        List<X509Certificate> chain = chains.get(name).chain();
        Instant now = Instant.now();
        int proxiesBelow = 0;
        for (int i = chain.size() - 2; i >= 0; i--) {
            X509Certificate proxy = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            proxy.verify(issuer.getPublicKey());
            assertEquals(issuer.getSubjectX500Principal(), proxy.getIssuerX500Principal(), name);
            assertTrue(ProxyCertificates.subjectExtendsIssuer(proxy), name);
            assertTrue(proxy.getNotBefore().toInstant().isBefore(now) && proxy.getNotAfter().toInstant().isAfter(now),
                    name);
            assertEquals(-1, proxy.getBasicConstraints(), name);
            assertEquals(2048, ((RSAPublicKey) proxy.getPublicKey()).getModulus().bitLength(), name);
            if (ProxyCertificates.isRfc3820Proxy(proxy)) {
                ProxyCertInfo info = ProxyCertificates.proxyCertInfo(proxy).orElseThrow();
                assertTrue(Set.of(ProxyCertificates.INHERIT_ALL, ProxyCertificates.LIMITED)
                        .contains(info.policyLanguage()), name);
                assertEquals(ProxyCertificates.lastCn(proxy), proxy.getSerialNumber().toString(), name);
            } else {
                assertTrue(ProxyCertificates.isLegacyProxy(proxy), name);
            }
        }
        for (int i = 0; i < chain.size() - 1; i++) {
            Integer pathLength = ProxyCertificates.proxyCertInfo(chain.get(i))
                    .map(ProxyCertInfo::pathLengthConstraint).orElse(null);
            assertTrue(pathLength == null || pathLength >= i, name + ": " + i + " proxies below a pathLen " + pathLength);
        }
        X509Certificate identity = chain.get(chain.size() - 1);
        assertTrue(identity.equals(alice) || identity.equals(bob), name);
        identity.verify(ca.getPublicKey());
    }

    @Test
    void limitedChains() {
        assertEquals(ProxyCertificates.LIMITED, policy(chains.get("rfc-limited").certificate()));
        List<X509Certificate> ofLimited = chains.get("proxy-of-limited").chain();
        assertEquals(ProxyCertificates.INHERIT_ALL, policy(ofLimited.get(0)));
        assertEquals(ProxyCertificates.LIMITED, policy(ofLimited.get(1)));
        assertEquals(alice, ofLimited.get(2));
        List<X509Certificate> limitedOf = chains.get("limited-of-proxy").chain();
        assertEquals(ProxyCertificates.LIMITED, policy(limitedOf.get(0)));
        assertEquals(ProxyCertificates.INHERIT_ALL, policy(limitedOf.get(1)));
        assertEquals(alice, limitedOf.get(2));
        assertTrue(ProxyCertificates.isLimitedProxy(chains.get("legacy-limited").certificate()));
        assertEquals("limited proxy", ProxyCertificates.lastCn(chains.get("legacy-limited").certificate()));
        assertEquals("proxy", ProxyCertificates.lastCn(chains.get("legacy-proxy").certificate()));
        for (String name : List.of("rfc-proxy", "rfc-proxy-group", "proxy-of-proxy", "pathlen-ok", "group-on-first")) {
            for (X509Certificate cert : chains.get(name).chain()) {
                assertFalse(ProxyCertificates.isLimitedProxy(cert), name);
            }
        }
    }

    @Test
    void diracGroupIsAnIa5StringWhereItBelongs() throws Exception {
        X509Certificate withGroup = chains.get("rfc-proxy-group").certificate();
        assertEquals(List.of(withGroup, bob), chains.get("rfc-proxy-group").chain());
        byte[] value = withGroup.getExtensionValue("1.2.42.42");
        assertFalse(withGroup.getCriticalExtensionOIDs().contains("1.2.42.42"));
        assertTrue(withGroup.getNonCriticalExtensionOIDs().contains("1.2.42.42"));
        ASN1Primitive decoded = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
        assertTrue(decoded instanceof ASN1IA5String, decoded.getClass().getName());
        assertEquals("dirac_user", ((ASN1IA5String) decoded).getString());

        List<X509Certificate> onFirst = chains.get("group-on-first").chain();
        assertTrue(ProxyCertificates.diracGroup(onFirst.get(0)).isEmpty(), "the leaf has none");
        assertEquals("dirac_user", ProxyCertificates.diracGroup(onFirst.get(1)).orElseThrow());
        assertEquals(bob, onFirst.get(2));

        for (String name : TestChains.names()) {
            if (!name.equals("rfc-proxy-group") && !name.equals("group-on-first")) {
                for (X509Certificate cert : chains.get(name).chain()) {
                    assertTrue(ProxyCertificates.diracGroup(cert).isEmpty(), name);
                }
            }
        }
    }

    @Test
    void proxySubjectsFollowTheRule() {
        X509Certificate proxy = chains.get("rfc-proxy").certificate();
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=" + proxy.getSerialNumber(),
                compatSubject(split.resolve("rfc-proxy.leaf.pem")));
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=proxy/CN=proxy",
                compatSubject(split.resolve("legacy-of-legacy.leaf.pem")));
        X509Certificate ofProxy = chains.get("proxy-of-proxy").certificate();
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=" + chains.get("proxy-of-proxy").chain().get(1)
                .getSerialNumber() + "/CN=" + ofProxy.getSerialNumber(),
                compatSubject(split.resolve("proxy-of-proxy.leaf.pem")));
    }

    // ---- bad chains that openssl refuses

    @Test
    void opensslRefusesTheBadChainsItCanJudgeForTheRightReason() {
        // name -> options and the error expected ("code@depth")
        Map<String, Object[]> expected = new LinkedHashMap<>();
        expected.put("expired-user", new Object[] {List.of(), "10@0"});
        expected.put("not-yet-valid-user", new Object[] {List.of(), "9@0"});
        expected.put("revoked-user", new Object[] {List.of("-crl_check"), "23@0"});
        expected.put("proxy-of-revoked", new Object[] {List.of("-crl_check_all"), "23@1"});
        expected.put("expired-proxy", new Object[] {List.of(), "10@0"});
        expected.put("not-yet-valid-proxy", new Object[] {List.of(), "9@0"});
        expected.put("proxy-wrong-signer", new Object[] {List.of(), "7@0"});
        expected.put("proxy-wrong-subject", new Object[] {List.of(), "72@0"});
        expected.put("proxy-two-cn", new Object[] {List.of(), "72@0"});
        expected.put("beyond-pathlen", new Object[] {List.of(), "38@1"});
        expected.put("proxy-of-untrusted", new Object[] {List.of(), "20@1"});
        expected.put("weak-user", new Object[] {List.of("-auth_level", "2"), "66@0"});
        expected.put("weak-proxy", new Object[] {List.of("-auth_level", "2"), "66@0"});
        for (Map.Entry<String, Object[]> entry : expected.entrySet()) {
            String name = entry.getKey();
            @SuppressWarnings("unchecked")
            List<String> options = (List<String>) entry.getValue()[0];
            OpenSslCli.Result result = verify(name, options);
            assertNotEquals(0, result.exitCode(), name + ": " + result.output());
            assertEquals(Set.of(entry.getValue()[1]), errors(result), name + ": " + result.output());
        }
        // proxy-is-ca: OpenSSL marks a proxy with CA:true invalid and cannot even build the path.
        OpenSslCli.Result isCa = verify("proxy-is-ca", List.of());
        assertNotEquals(0, isCa.exitCode(), isCa.output());
        assertTrue(isCa.output().contains("invalid certificate"), isCa.output());
    }

    @Test
    void revocationIsTheOnlyThingWrongWithTheRevokedOnes() throws Exception {
        OpenSslCli.Result plain = verify("revoked-user", List.of());
        assertEquals(0, plain.exitCode(), plain.output());
        assertEquals(0, verify("proxy-of-revoked", List.of("-crl_check")).exitCode(),
                "-crl_check only looks at the leaf, a proxy, whose issuer publishes no CRL");
        X509Certificate revoked = chains.get("revoked-user").certificate();
        assertEquals("CN=revoked,OU=Users,O=Gatehouse,C=ch", revoked.getSubjectX500Principal().getName());
        assertEquals(revoked, chains.get("proxy-of-revoked").chain().get(1));
        String hash = OpenSslNameHash.subjectHash(ca);
        byte[] crlFile = Files.readAllBytes(out.resolve(DevPki.CA_CRL));
        assertArrayEquals(crlFile, Files.readAllBytes(out.resolve("certificates/" + hash + ".r0")));
        assertEquals(Set.of(revoked.getSerialNumber()), revokedSerials(out));
    }

    @Test
    void eachBadChainHasExactlyItsOwnDefect() throws Exception {
        Instant now = Instant.now();
        // The dates.
        assertTrue(chains.get("expired-user").certificate().getNotAfter().toInstant().isBefore(now));
        assertTrue(chains.get("expired-proxy").certificate().getNotAfter().toInstant().isBefore(now));
        assertTrue(chains.get("not-yet-valid-user").certificate().getNotBefore().toInstant()
                .isAfter(now.plus(Duration.ofDays(1))));
        assertTrue(chains.get("not-yet-valid-proxy").certificate().getNotBefore().toInstant()
                .isAfter(now.plus(Duration.ofDays(1))));
        assertFalse(chains.get("not-yet-valid-proxy").certificate().getNotAfter().after(alice.getNotAfter()));
        for (String name : List.of("expired-user", "not-yet-valid-user", "revoked-user", "ee-ca-flag", "weak-user")) {
            X509Certificate user = chains.get(name).certificate();
            assertEquals(1, chains.get(name).chain().size(), name);
            user.verify(ca.getPublicKey());
            assertEquals(ca.getSubjectX500Principal(), user.getIssuerX500Principal(), name);
        }
        assertEquals("CN=expired,OU=Users,O=Gatehouse,C=ch", subject("expired-user"));
        assertEquals("CN=future,OU=Users,O=Gatehouse,C=ch", subject("not-yet-valid-user"));
        assertEquals("CN=caflag,OU=Users,O=Gatehouse,C=ch", subject("ee-ca-flag"));
        assertEquals("CN=weak,OU=Users,O=Gatehouse,C=ch", subject("weak-user"));

        // Signatures: only the wrong-signer ones fail, and with no key found anywhere in the PKI.
        for (String name : TestChains.names()) {
            List<X509Certificate> chain = chains.get(name).chain();
            for (int i = 0; i < chain.size() - 1; i++) {
                boolean wrongSigner = i == 0 && name.endsWith("wrong-signer");
                if (wrongSigner) {
                    X509Certificate leaf = chain.get(0);
                    assertThrows(SignatureException.class, () -> leaf.verify(alice.getPublicKey()), name);
                    for (PublicKey key : allPublicKeys()) {
                        assertFalse(verifies(leaf, key), name + " verifies with a key of the PKI");
                    }
                } else {
                    chain.get(i).verify(chain.get(i + 1).getPublicKey());
                }
            }
        }
        X509Certificate legacyWrong = chains.get("legacy-wrong-signer").certificate();
        assertTrue(ProxyCertificates.isLegacyProxy(legacyWrong));
        assertEquals(alice, chains.get("legacy-wrong-signer").chain().get(1));
        assertEquals(errors(verify("legacy-proxy", List.of())), errors(verify("legacy-wrong-signer", List.of())),
                "OpenSSL does not check the signature of a legacy proxy's leaf: only Java does here");

        // Names.
        assertEquals("subject=/C=ch/O=Gatehouse/OU=Users/CN=mallory/CN=12345",
                compatSubject(split.resolve("proxy-wrong-subject.leaf.pem")));
        assertTrue(ProxyCertificates.isRfc3820Proxy(chains.get("proxy-wrong-subject").certificate()));
        assertEquals(alice.getSubjectX500Principal(), chains.get("proxy-wrong-subject").certificate().getIssuerX500Principal());
        X509Certificate twoCn = chains.get("proxy-two-cn").certificate();
        X500Name aliceName = X500Name.getInstance(alice.getSubjectX500Principal().getEncoded());
        X500Name twoCnName = X500Name.getInstance(twoCn.getSubjectX500Principal().getEncoded());
        assertEquals(aliceName.getRDNs().length + 2, twoCnName.getRDNs().length);
        assertTrue(compatSubject(split.resolve("proxy-two-cn.leaf.pem"))
                .matches("subject=/C=ch/O=Gatehouse/OU=Users/CN=alice/CN=[0-9]+/CN=[0-9]+"));
        assertFalse(ProxyCertificates.subjectExtendsIssuer(twoCn));

        // Path length.
        assertEquals(0, pathLength(chains.get("beyond-pathlen").chain().get(1)));
        assertEquals(1, pathLength(chains.get("pathlen-ok").chain().get(1)));
        assertEquals(3, chains.get("beyond-pathlen").chain().size());

        // Untrusted: the rogue user, whose CA the dev PKI does not trust.
        assertEquals(PemFiles.readCertificate(out.resolve(DevPki.ROGUE_CERT)), chains.get("proxy-of-untrusted").chain().get(1));
    }

    /** What plain openssl accepts: the structure must be exactly what the name says, and nothing else wrong. */
    @Test
    void badChainsOpensslAcceptsHaveTheirDefectInTheirStructure() throws Exception {
        for (String name : List.of("unknown-policy", "ee-ca-flag", "proxy-of-ca-flag", "weak-user", "weak-proxy")) {
            OpenSslCli.Result result = verify(name, List.of("-crl_check_all"));
            assertEquals(0, result.exitCode(), name + " (if OpenSSL now refuses it, turn this into a refusal test): "
                    + result.output());
        }
        X509Certificate unknownPolicy = chains.get("unknown-policy").certificate();
        assertEquals("1.3.6.1.5.5.7.21.2", policy(unknownPolicy).getId());
        assertTrue(unknownPolicy.getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.14"));
        assertTrue(ProxyCertificates.subjectExtendsIssuer(unknownPolicy));

        X509Certificate proxyIsCa = chains.get("proxy-is-ca").certificate();
        assertTrue(ProxyCertificates.isRfc3820Proxy(proxyIsCa));
        assertEquals(Integer.MAX_VALUE, proxyIsCa.getBasicConstraints());
        assertEquals(ProxyCertificates.INHERIT_ALL, policy(proxyIsCa));
        proxyIsCa.verify(alice.getPublicKey());

        X509Certificate eeCaFlag = chains.get("ee-ca-flag").certificate();
        assertEquals(Integer.MAX_VALUE, eeCaFlag.getBasicConstraints());
        assertFalse(eeCaFlag.getKeyUsage()[5], "no keyCertSign: a user certificate that only claims to be a CA");
        assertFalse(ProxyCertificates.isRfc3820Proxy(eeCaFlag));
        List<X509Certificate> ofCaFlag = chains.get("proxy-of-ca-flag").chain();
        assertEquals(eeCaFlag, ofCaFlag.get(1));
        assertEquals(ProxyCertificates.INHERIT_ALL, policy(ofCaFlag.get(0)));

        X509Certificate noSigning = chains.get("proxy-no-signing").certificate();
        assertTrue(ProxyCertificates.isRfc3820Proxy(noSigning));
        assertFalse(noSigning.getKeyUsage()[0], "digitalSignature");
        assertTrue(noSigning.getKeyUsage()[2], "keyEncipherment");
        assertTrue(noSigning.getCriticalExtensionOIDs().contains("2.5.29.15"), "a critical key usage");
        assertEquals(alice, chains.get("proxy-no-signing").chain().get(1));
        noSigning.verify(alice.getPublicKey());

        assertEquals(1024, bits(chains.get("weak-user").certificate()));
        assertEquals(1024, bits(chains.get("weak-proxy").certificate()));
        assertEquals(alice, chains.get("weak-proxy").chain().get(1));
        for (String name : TestChains.names()) {
            if (!name.startsWith("weak-")) {
                for (X509Certificate cert : chains.get(name).chain()) {
                    assertEquals(2048, bits(cert), name);
                }
            }
        }
    }

    // ---- users' proxies

    @Test
    void everyUserHasAProxyFile() throws Exception {
        for (String user : List.of("alice", "bob", "stranger", "mallory")) {
            Path file = out.resolve("users/" + user + "/proxy.pem");
            IssuedCredential proxy = GridProxyFiles.read(file);
            X509Certificate userCert = PemFiles.readCertificate(out.resolve("users/" + user + "/usercert.pem"));
            assertEquals(List.of(proxy.certificate(), userCert), proxy.chain(), user);
            assertEquals(ProxyCertificates.INHERIT_ALL, policy(proxy.certificate()), user);
            assertTrue(ProxyCertificates.diracGroup(proxy.certificate()).isEmpty(), user);
            Duration lifetime = Duration.between(Instant.now(), proxy.certificate().getNotAfter().toInstant());
            assertTrue(lifetime.compareTo(Duration.ofHours(23)) > 0 && lifetime.compareTo(Duration.ofHours(24)) <= 0,
                    user + ": " + lifetime);
            if (AtomicFiles.isPosix(file)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            OpenSslCli.run(out, "verify", "-allow_proxy_certs", "-crl_check_all", "-CApath", "certificates",
                    "-untrusted", file.toString(), file.toString()).assertSuccess();
        }
    }

    // ---- re-runs

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Map<String, byte[]> before = relativeFiles(out);
        long start = System.nanoTime();
        Run again = run(out.toString(), COMMAND);
        System.out.println("re-run: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(0, again.status(), again.err());
        assertEquals("", again.out());
        assertTrue(again.err().contains("up to date"), again.err());
        Map<String, byte[]> after = relativeFiles(out);
        assertSameFiles(before, after);
    }

    @Test
    void onlyWhatIsMissingOrStaleIsRemade() throws Exception {
        Path dir = copyOfOut();
        BigInteger oldRevoked = chains.get("revoked-user").certificate().getSerialNumber();
        Files.delete(dir.resolve("chains/revoked-user.pem"));
        Files.delete(dir.resolve("chains/pathlen-ok.p12"));
        // A proxy with less than an hour left is remade; so is one of another user.
        IssuedCredential aliceCredential = new IssuedCredential(alice,
                PemFiles.readPrivateKey(dir.resolve("users/alice/userkey.pem")), List.of(alice, ca));
        IssuedCredential shortProxy = new ProxyIssuer().issue(aliceCredential,
                ProxyOptions.rfc3820().lifetime(Duration.ofMinutes(30)).keyPair(keyOf(chains.get("rfc-proxy"))));
        GridProxyFiles.write(dir.resolve("users/alice/proxy.pem"), shortProxy);
        GridProxyFiles.write(dir.resolve("chains/rfc-proxy.pem"), shortProxy);
        Files.copy(dir.resolve("users/bob/proxy.pem"), dir.resolve("users/stranger/proxy.pem"),
                StandardCopyOption.REPLACE_EXISTING);

        List<Path> created = DevPki.generate(dir, List.of("alice", "bob", "stranger", "mallory"), false, true);
        String hash = OpenSslNameHash.subjectHash(ca);
        assertEquals(Set.of("chains/revoked-user.pem", "chains/revoked-user.p12", "chains/proxy-of-revoked.pem",
                "chains/proxy-of-revoked.p12", "chains/pathlen-ok.p12", "chains/rfc-proxy.pem", "chains/rfc-proxy.p12",
                "users/alice/proxy.pem", "users/stranger/proxy.pem", "ca/ca.crl.pem", "certificates/" + hash + ".r0"),
                relative(dir, created));
        BigInteger newRevoked = GridProxyFiles.read(dir.resolve("chains/revoked-user.pem")).certificate().getSerialNumber();
        assertNotEquals(oldRevoked, newRevoked);
        assertEquals(Set.of(oldRevoked, newRevoked), revokedSerials(dir), "the old serial stays listed");
        assertEquals(newRevoked, GridProxyFiles.read(dir.resolve("chains/proxy-of-revoked.pem")).chain().get(1)
                .getSerialNumber());
        assertTrue(DevPki.generate(dir, List.of("alice", "bob", "stranger", "mallory"), false, true).isEmpty());

        // Without --test-chains the CRL keeps listing what it lists, and the chains are left alone.
        assertTrue(DevPki.generate(dir, List.of("alice"), false).isEmpty());
        assertEquals(Set.of(oldRevoked, newRevoked), revokedSerials(dir));
    }

    @Test
    void testChainsAddAliceAndBobToTheDefaultUser() throws Exception {
        Path dir = own.resolve("pki");
        // Reuse the CAs, so only users and chains are made.
        for (String file : List.of(DevPki.CA_CERT, DevPki.CA_KEY, DevPki.ROGUE_CA_CERT, DevPki.ROGUE_CA_KEY)) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.copy(out.resolve(file), dir.resolve(file));
        }
        Run run = run(dir.toString(), "--test-chains");
        assertEquals(0, run.status(), run.err());
        for (String user : List.of("devuser", "alice", "bob")) {
            assertTrue(Files.exists(dir.resolve("users/" + user + "/proxy.pem")), user);
        }
        assertFalse(Files.exists(dir.resolve("users/stranger")));
        assertEquals(2 * TestChains.names().size(), Files.list(dir.resolve("chains")).count());
    }

    // ---- revocation

    @Test
    void revokingAUserListsItsCertificateAndKeepsTheOthersValid() throws Exception {
        Path dir = copyOfOut();
        String hash = OpenSslNameHash.subjectHash(ca);
        BigInteger revokedUser = chains.get("revoked-user").certificate().getSerialNumber();
        List<Path> written = DevPki.revoke(dir, "alice");
        assertEquals(Set.of("ca/ca.crl.pem", "certificates/" + hash + ".r0"), relative(dir, written));
        assertEquals(Set.of(revokedUser, alice.getSerialNumber()), revokedSerials(dir));
        assertArrayEquals(Files.readAllBytes(dir.resolve(DevPki.CA_CRL)),
                Files.readAllBytes(dir.resolve("certificates/" + hash + ".r0")));
        try (Stream<Path> files = Stream.concat(Files.list(dir.resolve("certificates")), Files.list(dir.resolve("ca")))) {
            assertEquals(Set.of("certificates/" + hash + ".0", "certificates/" + hash + ".r0", "ca/ca.pem",
                    "certificates/" + hash + ".namespaces", "certificates/" + hash + ".signing_policy",
                    "ca/ca-key.pem", "ca/ca.crl.pem"), relative(dir, files.collect(Collectors.toList())),
                    "replaced in place, no temporary file left");
        }

        OpenSslCli.Result aliceResult = OpenSslCli.run(dir, "verify", "-crl_check", "-CApath", "certificates",
                "users/alice/usercert.pem");
        assertNotEquals(0, aliceResult.exitCode(), aliceResult.output());
        assertTrue(aliceResult.output().contains("certificate revoked"), aliceResult.output());
        OpenSslCli.Result aliceProxy = OpenSslCli.run(dir, "verify", "-allow_proxy_certs", "-crl_check_all",
                "-CApath", "certificates", "-untrusted", "users/alice/proxy.pem", "users/alice/proxy.pem");
        assertNotEquals(0, aliceProxy.exitCode(), aliceProxy.output());
        assertEquals(Set.of("23@1"), errors(aliceProxy));
        OpenSslCli.run(dir, "verify", "-crl_check", "-CApath", "certificates", "users/bob/usercert.pem")
                .assertSuccess();
        OpenSslCli.run(dir, "verify", "-allow_proxy_certs", "-crl_check_all", "-CApath", "certificates",
                "-untrusted", "users/bob/proxy.pem", "users/bob/proxy.pem").assertSuccess();

        assertTrue(DevPki.revoke(dir, "alice").isEmpty(), "revoking twice changes nothing");
        // A later run keeps alice revoked (and her files).
        assertTrue(DevPki.generate(dir, List.of("alice", "bob", "stranger", "mallory"), false, true).isEmpty());
        assertEquals(Set.of(revokedUser, alice.getSerialNumber()), revokedSerials(dir));
    }

    @Test
    void revokeOnTheCommandLine() throws Exception {
        Path dir = copyOfOut();
        Run ok = run(dir.toString(), "--revoke", "bob", "--revoke=stranger");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("revoked bob") && ok.out().contains("revoked stranger"), ok.out());
        assertTrue(ok.out().contains("created " + dir.resolve(DevPki.CA_CRL)), ok.out());
        assertEquals(3, revokedSerials(dir).size());

        Run unknown = run(dir.toString(), "--revoke", "nobody");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("no user 'nobody'") && unknown.err().contains("alice, bob, mallory, stranger"),
                unknown.err());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DevPki.revoke(dir, "nobody"));
        assertTrue(e.getMessage().contains("nobody"), e.getMessage());

        Run noCa = run(own.resolve("empty").toString(), "--revoke", "alice");
        assertEquals(1, noCa.status());
        assertTrue(noCa.err().contains("no development CA"), noCa.err());

        assertEquals(2, run(dir.toString(), "--revoke", "bob", "--user", "x").status());
        assertEquals(2, run(dir.toString(), "--revoke", "bob", "--test-chains").status());
        assertEquals(2, run(dir.toString(), "--revoke").status());
        Run invalid = run(dir.toString(), "--revoke", "../etc");
        assertEquals(1, invalid.status());
        assertTrue(invalid.err().contains("invalid user name"), invalid.err());
    }

    // ---- helpers

    private static OpenSslCli.Result verify(String name, List<String> options) {
        List<String> args = new ArrayList<>(List.of("verify", "-allow_proxy_certs"));
        args.addAll(options);
        args.addAll(List.of("-CApath", out.resolve("certificates").toString()));
        Path rest = split.resolve(name + ".rest.pem");
        if (Files.exists(rest)) {
            args.addAll(List.of("-untrusted", rest.toString()));
        }
        args.add(split.resolve(name + ".leaf.pem").toString());
        return OpenSslCli.run(split, args.toArray(new String[0]));
    }

    /** The "error N at D depth lookup" lines of openssl verify, as "N@D". */
    private static Set<String> errors(OpenSslCli.Result result) {
        Set<String> errors = new TreeSet<>();
        Matcher matcher = Pattern.compile("error (\\d+) at (\\d+) depth lookup").matcher(result.output());
        while (matcher.find()) {
            errors.add(matcher.group(1) + "@" + matcher.group(2));
        }
        return errors;
    }

    private static String compatSubject(Path file) {
        return OpenSslCli.run(split, "x509", "-subject", "-nameopt", "compat", "-noout", "-in", file.toString())
                .assertSuccess().output().trim();
    }

    private static String subject(String name) {
        return chains.get(name).certificate().getSubjectX500Principal().getName();
    }

    private static org.bouncycastle.asn1.ASN1ObjectIdentifier policy(X509Certificate cert) {
        return ProxyCertificates.proxyCertInfo(cert).orElseThrow().policyLanguage();
    }

    private static Integer pathLength(X509Certificate cert) {
        return ProxyCertificates.proxyCertInfo(cert).orElseThrow().pathLengthConstraint();
    }

    private static int bits(X509Certificate cert) {
        return ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength();
    }

    private static java.security.KeyPair keyOf(IssuedCredential credential) {
        return new java.security.KeyPair(credential.certificate().getPublicKey(), credential.privateKey());
    }

    private static boolean verifies(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The public key of every certificate anywhere in the output directory. */
    private static Set<PublicKey> allPublicKeys() throws IOException {
        Set<PublicKey> keys = new HashSet<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".pem") || f.getFileName().toString()
                    .matches("[0-9a-f]{8}\\.[0-9]+")).collect(Collectors.toList())) {
                for (X509Certificate cert : PemFiles.readCertificates(file)) {
                    keys.add(cert.getPublicKey());
                }
            }
        }
        // CAs, host, 4 users, rogue user, 2 proxy levels, the bad users', the weak one: the wrong signer's is in none.
        assertEquals(12, keys.size());
        return keys;
    }

    private static Set<BigInteger> revokedSerials(Path dir) throws IOException {
        X509CRL crl = PemFiles.readCrl(dir.resolve(DevPki.CA_CRL));
        Set<BigInteger> serials = new HashSet<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                serials.add(entry.getSerialNumber());
            }
        }
        return serials;
    }

    private Path copyOfOut() throws IOException {
        Path copy = own.resolve("copy");
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path source : walk.collect(Collectors.toList())) {
                Path target = copy.resolve(out.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        assertEquals(a.size() + b.size(), all.size(), "GOOD and BAD overlap");
        return all;
    }

    private static Run run(String dir, String... args) {
        List<String> all = new ArrayList<>();
        all.add(dir);
        all.addAll(List.of(args));
        return DevPkiRuns.run(all.toArray(new String[0]));
    }
}
