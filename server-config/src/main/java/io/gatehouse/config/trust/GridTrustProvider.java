package io.gatehouse.config.trust;

import java.security.Provider;

/** The JCA provider that registers the {@value #ALGORITHM} trust manager factory. */
public final class GridTrustProvider extends Provider {

    /** The algorithm name a listener selects. */
    public static final String ALGORITHM = "GatehouseGrid";

    private static final long serialVersionUID = 1L;

    public GridTrustProvider() {
        super("Gatehouse", "1.0", "Gatehouse grid trust manager: X.509 chains with RFC 3820 and legacy proxies");
        putService(new Service(this, "TrustManagerFactory", ALGORITHM, GridTrustManagerFactory.class.getName(),
                null, null));
    }
}
