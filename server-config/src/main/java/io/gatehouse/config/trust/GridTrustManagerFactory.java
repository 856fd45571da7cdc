package io.gatehouse.config.trust;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;

/**
 * The JCA face of the grid trust manager: {@code TrustManagerFactory.getInstance("GatehouseGrid")}, which is
 * what a Payara listener's {@code ssl.trust-algorithm} or an Elytron {@code trust-manager(algorithm=...)} asks
 * for. The settings come from {@link GridTrustSettings}; the key store passed to {@code init} is used only when
 * no CA directory is configured.
 */
public final class GridTrustManagerFactory extends TrustManagerFactorySpi {

    private TrustManager[] trustManagers;

    @Override
    protected void engineInit(KeyStore trustStore) {
        GridChainValidator validator = GridChainValidator.shared(GridTrustSettings.fromSystemProperties(), trustStore);
        trustManagers = new TrustManager[] {new GridTrustManager(validator)};
    }

    @Override
    protected void engineInit(ManagerFactoryParameters parameters) throws InvalidAlgorithmParameterException {
        throw new InvalidAlgorithmParameterException("GatehouseGrid takes its settings from system properties"
                + " (gatehouse.trust.*), not from ManagerFactoryParameters");
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (trustManagers == null) {
            throw new IllegalStateException("TrustManagerFactory not initialized");
        }
        return trustManagers.clone();
    }
}
