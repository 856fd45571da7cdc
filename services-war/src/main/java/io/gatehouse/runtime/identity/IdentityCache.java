package io.gatehouse.runtime.identity;

import io.gatehouse.runtime.configuration.ConfigTree;
import io.gatehouse.runtime.configuration.Configuration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Who a certificate chain is, worked out once and reused while it stays true: inspecting a chain (proxies, DNs,
 * the group extension) costs far more than a call, and a kept connection presents the same chain at every call.
 *
 * <p>An entry is reused while the configuration snapshot it was resolved under is the current one (a registry
 * edit re-resolves it from the inspected chain, without inspecting again) and for at most the recheck interval,
 * after which the chain is validated again by the grid trust manager, so a revoked certificate or a removed CA is
 * refused on the next call over a kept connection. Expiry is checked at every call. The cache holds at most
 * {@value #MAX_ENTRIES} chains; when full it starts again empty.
 */
@ApplicationScoped
public class IdentityCache {

    static final int MAX_ENTRIES = 10_000;

    /** What one chain resolved to, under which configuration, and when it was last validated with what verdict. */
    private record Entry(PresentedChain chain, CallerCredentials caller, Optional<String> refusal, ConfigTree snapshot,
                         long validatedNanos) {
    }

    /** The identity of a presented chain, or why it is refused. */
    public record Resolution(PresentedChain chain, CallerCredentials caller, Optional<String> refusal) {
    }

    private final Map<List<X509Certificate>, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    CallerResolver resolver;

    @Inject
    Configuration configuration;

    @Inject
    ChainRevalidator revalidator;

    /** The time expiry is checked against; fixed in tests. */
    Clock clock = Clock.systemUTC();

    /** How often a cached chain is validated again against the CA certificates and CRLs in force. */
    @Inject
    @ConfigProperty(name = "gatehouse.identity.recheck-seconds", defaultValue = "60")
    long recheckSeconds;

    /**
     * The caller a chain (leaf first) stands for, as of now. A chain seen for the first time, or not validated for
     * the recheck interval, is validated again here (it has passed the handshake, but perhaps long ago).
     */
    public Resolution resolve(X509Certificate[] certificates) {
        List<X509Certificate> key = List.of(certificates);
        long nanos = System.nanoTime();
        ConfigTree snapshot = configuration.snapshot();
        Entry entry = entries.get(key);
        if (entry == null || nanos - entry.validatedNanos() > TimeUnit.SECONDS.toNanos(recheckSeconds)) {
            PresentedChain chain = entry == null ? ChainInspector.inspect(certificates) : entry.chain();
            Optional<String> refusal = revalidator.refusal(certificates);
            entry = new Entry(chain, refusal.isPresent() ? CallerCredentials.noCertificate() : resolver.asUser(chain),
                    refusal, snapshot, nanos);
            remember(key, entry);
        } else if (entry.snapshot() != snapshot && entry.refusal().isEmpty()) {
            entry = new Entry(entry.chain(), resolver.asUser(entry.chain()), Optional.empty(), snapshot,
                    entry.validatedNanos());
            remember(key, entry);
        }
        PresentedChain chain = entry.chain();
        if (entry.refusal().isPresent()) {
            return new Resolution(chain, entry.caller(), entry.refusal());
        }
        Instant now = clock.instant();
        if (!now.isBefore(chain.notAfter())) {
            return new Resolution(chain, CallerCredentials.noCertificate(),
                    Optional.of("the credential expired at " + chain.notAfter()));
        }
        return new Resolution(chain, entry.caller().withSecondsLeft(chain.secondsLeft(now)), Optional.empty());
    }

    private void remember(List<X509Certificate> key, Entry entry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, entry);
    }
}
