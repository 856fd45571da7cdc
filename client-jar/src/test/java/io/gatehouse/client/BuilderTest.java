package io.gatehouse.client;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.gatehouse.testpki.DevPki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the builder accepts and refuses, before any connection. */
class BuilderTest {

    @TempDir
    static Path pki;

    static ClientTrust trust;

    @BeforeAll
    static void generate() throws Exception {
        DevPki.generate(pki, List.of(), false, false);
        trust = ClientTrust.caDirectory(pki.resolve("certificates"));
    }

    @Test
    void urlsKeepTheirOrderMainUrlFirst() {
        try (GatehouseClient client = GatehouseClient.builder()
                .url("https://main.example.org:8443/Framework/Hello")
                .urls(List.of("https://backup1.example.org:8443/Framework/Hello",
                        "https://backup2.example.org/Framework/Hello"))
                .trust(trust)
                .build()) {
            assertEquals(List.of(URI.create("https://main.example.org:8443/Framework/Hello"),
                    URI.create("https://backup1.example.org:8443/Framework/Hello"),
                    URI.create("https://backup2.example.org/Framework/Hello")), client.urls());
            assertTrue(client.toString().contains("main.example.org"));
        }
    }

    @Test
    void badUrlsAreRefused() {
        assertThrows(IllegalStateException.class, () -> GatehouseClient.builder().trust(trust).build());
        for (String bad : List.of("http://example.org/Framework/Hello", "https:///Framework/Hello",
                "https://example.org/Framework/Hello?x=1", "https://user@example.org/A/B", "not a url",
                "example.org/Framework/Hello")) {
            assertThrows(IllegalArgumentException.class, () -> GatehouseClient.builder().url(bad).trust(trust).build(),
                    bad);
        }
    }

    @Test
    void badSettingsAreRefused() {
        GatehouseClient.Builder builder = GatehouseClient.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.readTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.delegate(" ", "group"));
        assertThrows(NullPointerException.class, () -> builder.delegate("/CN=a", null));
        assertThrows(NullPointerException.class, () -> builder.credentials(null));
    }

    @Test
    void theDefaultTrustIsTheGridCaDirectory() {
        String variable = System.getenv(ClientTrust.X509_CERT_DIR);
        Assumptions.assumeTrue(variable == null || variable.isBlank(), "X509_CERT_DIR is set");
        Assumptions.assumeFalse(Files.isDirectory(ClientTrust.DEFAULT_CA_DIRECTORY), "the grid CA directory exists");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> GatehouseClient.builder().url("https://example.org/A/B").build());
        assertTrue(missing.getMessage().contains("/etc/grid-security/certificates"), missing.getMessage());
        assertTrue(missing.getMessage().contains("X509_CERT_DIR"), missing.getMessage());
    }
}
