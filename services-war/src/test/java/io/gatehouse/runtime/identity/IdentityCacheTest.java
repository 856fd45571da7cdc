package io.gatehouse.runtime.identity;

import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.testpki.CertificateAuthority;
import io.gatehouse.runtime.configuration.CfgParser;
import io.gatehouse.runtime.configuration.ConfigTree;
import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.Registry;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityCacheTest {

    private static final String ALICE = "/C=ch/O=Test/CN=alice";
    private static X509Certificate[] chain;

    private final AtomicReference<ConfigTree> file = new AtomicReference<>(registry("users"));
    private final Configuration configuration = Configuration.published(file::get, path -> Optional.empty(),
            java.util.Set::of);
    private final AtomicInteger validations = new AtomicInteger();
    private final AtomicReference<Optional<String>> verdict = new AtomicReference<>(Optional.empty());
    private final IdentityCache cache = new IdentityCache();

    @BeforeAll
    static void issue() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(new X500Name("C=ch,O=Test,CN=Test CA"));
        IssuedCredential alice = ca.issueUser(new X500Name("C=ch,O=Test,CN=alice"), Duration.ofDays(1));
        chain = alice.chain().toArray(new X509Certificate[0]);
    }

    IdentityCacheTest() {
        cache.configuration = configuration;
        cache.resolver = new CallerResolver(new Registry(configuration));
        cache.revalidator = new ChainRevalidator() {
            @Override
            public Optional<String> refusal(X509Certificate[] certificates) {
                validations.incrementAndGet();
                return verdict.get();
            }
        };
        cache.recheckSeconds = 3600;
    }

    private static ConfigTree registry(String group) {
        return CfgParser.parse("""
                Registry
                {
                  Users
                  {
                    alice
                    {
                      DN = %s
                      DefaultGroup = %s
                    }
                  }
                  Groups
                  {
                    users
                    {
                      Users = alice
                      Properties = NormalUser
                    }
                    admins
                    {
                      Users = alice
                    }
                  }
                }
                """.formatted(ALICE, group));
    }

    @Test
    void aChainIsValidatedAndResolvedOnceThenReused() {
        IdentityCache.Resolution first = cache.resolve(chain);
        assertEquals(ALICE, first.caller().dn());
        assertEquals("users", first.caller().group());
        assertTrue(first.refusal().isEmpty());
        for (int i = 0; i < 100; i++) {
            assertEquals(ALICE, cache.resolve(chain.clone()).caller().dn());
        }
        assertEquals(1, validations.get());
    }

    @Test
    void aRegistryChangeIsSeenAtTheNextCallWithoutValidatingAgain() {
        assertEquals("users", cache.resolve(chain).caller().group());
        file.set(registry("admins"));
        configuration.refresh();
        assertEquals("admins", cache.resolve(chain).caller().group());
        assertEquals(1, validations.get());
    }

    @Test
    void afterTheRecheckIntervalTheChainIsValidatedAgainAndARefusalSticks() {
        cache.recheckSeconds = 0;
        assertTrue(cache.resolve(chain).refusal().isEmpty());
        verdict.set(Optional.of("FAILED: Certificate was revoked"));
        IdentityCache.Resolution revoked = cache.resolve(chain);
        assertEquals(Optional.of("FAILED: Certificate was revoked"), revoked.refusal());
        assertFalse(revoked.caller().validDN());
        cache.recheckSeconds = 3600;
        assertEquals(Optional.of("FAILED: Certificate was revoked"), cache.resolve(chain).refusal());
        assertEquals(2, validations.get());
    }

    @Test
    void expiryIsCheckedAtEveryCall() {
        assertTrue(cache.resolve(chain).refusal().isEmpty());
        cache.clock = Clock.fixed(chain[0].getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
        IdentityCache.Resolution expired = cache.resolve(chain);
        assertTrue(expired.refusal().orElseThrow().contains("expired"), expired.refusal().toString());
        cache.clock = Clock.fixed(chain[0].getNotAfter().toInstant().minusSeconds(10), ZoneOffset.UTC);
        assertEquals(10, cache.resolve(chain).caller().secondsLeft());
    }
}
