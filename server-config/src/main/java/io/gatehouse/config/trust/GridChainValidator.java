package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.OCSPCheckingMode;
import eu.emi.security.authn.x509.OCSPParametes;
import eu.emi.security.authn.x509.ProxySupport;
import eu.emi.security.authn.x509.StoreUpdateListener;
import eu.emi.security.authn.x509.ValidationResult;
import eu.emi.security.authn.x509.X509CertChainValidatorExt;
import eu.emi.security.authn.x509.impl.CRLParameters;
import eu.emi.security.authn.x509.impl.InMemoryKeystoreCertChainValidator;
import eu.emi.security.authn.x509.impl.OpensslCertChainValidator;
import eu.emi.security.authn.x509.impl.RevocationParametersExt;
import eu.emi.security.authn.x509.impl.ValidatorParamsExt;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides whether a client's chain is one a grid site accepts: canl's path validation (trust anchors, validity,
 * signatures, CRLs, and the RFC 3820 and legacy proxy rules: each proxy signed by its predecessor, its subject
 * the issuer's plus one CN, its path length honoured; with a CA directory, the CA namespace policies its
 * {@code .namespaces} and {@code .signing_policy} files set, as {@link GridTrustSettings#namespaces()} says)
 * followed by {@link GridChainRules}.
 */
public final class GridChainValidator {

    private static final Logger LOG = Logger.getLogger(GridChainValidator.class.getName());

    /** The validators over CA directories, one per settings, while some trust manager uses them. */
    private static final Map<GridTrustSettings, WeakReference<GridChainValidator>> SHARED = new HashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();
    /** How many shared validators have been disposed of: for tests. */
    static final AtomicInteger DISPOSED = new AtomicInteger();

    private final X509CertChainValidatorExt validator;
    private final GridChainRules rules;

    private GridChainValidator(X509CertChainValidatorExt validator, int minKeyBits) {
        this.validator = validator;
        this.rules = new GridChainRules(minKeyBits);
    }

    /**
     * A validator for these settings: over the CA directory when one is set (re-read every update interval),
     * otherwise over {@code trustStore}.
     */
    public static GridChainValidator create(GridTrustSettings settings, KeyStore trustStore) {
        long intervalMillis = settings.updateInterval().toMillis();
        // No OCSP: CRLs from the directory are the grid's revocation source, and servers here reach no responder.
        RevocationParametersExt revocation = new RevocationParametersExt(settings.crlMode(),
                new CRLParameters(List.of(), intervalMillis, 5000, null),
                new OCSPParametes(OCSPCheckingMode.IGNORE));
        List<StoreUpdateListener> listeners = List.of(GridChainValidator::logStoreUpdate);
        ValidatorParamsExt params = new ValidatorParamsExt(revocation, ProxySupport.ALLOW, listeners);
        if (settings.caDirectory().isPresent()) {
            String directory = settings.caDirectory().get().toString();
            LOG.info(() -> "Gatehouse grid trust: CA directory " + directory + ", re-read every "
                    + settings.updateInterval().toSeconds() + " s, CRLs " + settings.crlMode() + ", namespaces "
                    + GridTrustSettings.settingName(settings.namespaces()) + ", keys of at least "
                    + settings.minKeyBits() + " bits");
            boolean newHashes = HashNaming.usesNewHashes(settings.caDirectory().get());
            return new GridChainValidator(new OpensslCertChainValidator(directory, newHashes,
                    settings.namespaces(), intervalMillis, params, false), settings.minKeyBits());
        }
        if (trustStore == null) {
            throw new IllegalStateException("no CA directory (" + GridTrustSettings.CA_DIRECTORY
                    + ") and no trust store: nothing to trust");
        }
        try {
            LOG.info(() -> "Gatehouse grid trust: the server's trust store, keys of at least "
                    + settings.minKeyBits() + " bits");
            return new GridChainValidator(new InMemoryKeystoreCertChainValidator(trustStore, params),
                    settings.minKeyBits());
        } catch (IOException | KeyStoreException e) {
            throw new IllegalStateException("cannot read the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The validator for these settings, shared by every trust manager made with the same settings: a server
     * initialises its trust manager factory once per listener (and again when a listener is reconfigured), and
     * each validator over a CA directory runs its own refresh timer. Once no trust manager holds a shared
     * validator, the garbage collector lets it go and its refresh timer is stopped. Over a trust store (no
     * directory, no timer) a new validator is made each time.
     */
    public static GridChainValidator shared(GridTrustSettings settings, KeyStore trustStore) {
        if (settings.caDirectory().isEmpty()) {
            return create(settings, trustStore);
        }
        synchronized (SHARED) {
            WeakReference<GridChainValidator> known = SHARED.get(settings);
            GridChainValidator validator = known == null ? null : known.get();
            if (validator == null) {
                validator = create(settings, null);
                X509CertChainValidatorExt inner = validator.validator; // the clean-up must not hold the validator
                WeakReference<GridChainValidator> reference = new WeakReference<>(validator);
                SHARED.put(settings, reference);
                CLEANER.register(validator, () -> {
                    inner.dispose();
                    DISPOSED.incrementAndGet();
                    synchronized (SHARED) {
                        SHARED.remove(settings, reference);
                    }
                });
            }
            return validator;
        }
    }

    /** Why the chain (leaf first) is refused, or empty when it is accepted. */
    public Optional<String> refusal(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.of("no certificate");
        }
        ValidationResult result = validator.validate(chain);
        if (!result.isValid()) {
            return Optional.of(result.toShortString());
        }
        return rules.violation(chain);
    }

    /** The CAs trusted now, for the names a server sends in its certificate request. */
    public X509Certificate[] trustedIssuers() {
        return validator.getTrustedIssuers();
    }

    private static void logStoreUpdate(String location, String type, StoreUpdateListener.Severity severity,
                                       Exception error) {
        Level level = severity == StoreUpdateListener.Severity.NOTIFICATION ? Level.FINE : Level.WARNING;
        LOG.log(level, "trust store update: {0} {1} {2}{3}",
                new Object[] {severity, type, location, error == null ? "" : ": " + error.getMessage()});
    }
}
