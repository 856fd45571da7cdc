package io.gatehouse.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Where grid tools find the proxy (the files themselves are tested with a real CA's users in test-pki). */
class GridProxyFilesTest {

    @Test
    void defaultLocationIsX509UserProxyOrTmp() {
        String variable = System.getenv(GridProxyFiles.X509_USER_PROXY);
        Path location = GridProxyFiles.defaultLocation();
        if (variable != null && !variable.isEmpty()) {
            assertEquals(Path.of(variable), location);
        } else {
            assertTrue(location.toString().matches("/tmp/x509up_u[0-9]+"), location.toString());
        }
    }
}
