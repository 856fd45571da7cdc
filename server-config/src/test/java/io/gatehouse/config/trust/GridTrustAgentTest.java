package io.gatehouse.config.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.Security;

import org.junit.jupiter.api.Test;

class GridTrustAgentTest {

    @Test
    void theAgentInstallsTheProviderAndRefusesClientRenegotiationUnlessToldOtherwise() {
        String before = System.getProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION);
        try {
            System.clearProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION);
            GridTrustAgent.premain(null, null);
            assertEquals("true", System.getProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION));
            assertNotNull(Security.getProvider("Gatehouse"));

            // An administrator's own choice on the command line is kept.
            System.setProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION, "false");
            GridTrustAgent.premain(null, null);
            assertEquals("false", System.getProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION));
        } finally {
            if (before == null) {
                System.clearProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION);
            } else {
                System.setProperty(GridTrustAgent.REJECT_CLIENT_RENEGOTIATION, before);
            }
        }
    }
}
