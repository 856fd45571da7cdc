package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroProfile Health on the server under test, where the server serves it ({@code gatehouse.it.healthUrl}: the
 * HTTPS port on Payara, the management port on WildFly): readiness and liveness UP with Gatehouse's checks, and
 * readiness DOWN when the archive is deployed while its configuration file is broken, UP again once it is mended,
 * without a redeploy.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

    private static final String DEPLOYMENT = "gatehouse";
    private static final URI HEALTH = URI.create(ConsoleCommands.required("gatehouse.it.healthUrl"));

    @ArquillianResource
    private Deployer deployer;

    // Deployed by the tests themselves: one of them needs the file broken before the archive starts.
    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    @Order(1)
    void readinessIsDownWhileTheConfigurationFileIsBrokenAtStart() throws Exception {
        String original = Files.readString(Eventually.CONFIG);
        try {
            Eventually.rewriteConfig(original + "\nThis line is { not DIRAC's format\n");
            deployer.deploy(DEPLOYMENT);
            JsonObject ready = health("/ready", 503);
            assertEquals("DOWN", ready.getString("status"));
            JsonObject configuration = check(ready, "gatehouse-configuration");
            assertEquals("DOWN", configuration.getString("status"));
            assertTrue(configuration.getJsonObject("data").getString("problem").startsWith("the file is not valid"),
                    configuration.toString());
            // Nobody is registered meanwhile: a known user is a stranger, not let in on a half-read configuration.
            assertEquals(401, Caller.user("alice").call("Framework/Hello", "whoami", "[]").status());
        } finally {
            Eventually.rewriteConfig(original);
        }
        Instant start = Instant.now();
        while (health("/ready", -1).getString("status").equals("DOWN")) {
            assertTrue(Duration.between(start, Instant.now()).toSeconds() < 20, "still DOWN 20 s after the repair");
            Thread.sleep(250);
        }
        assertEquals("alice", Caller.user("alice").call("Framework/Hello", "whoami", "[]").value().asJsonObject()
                .getString("username"));
    }

    @Test
    @Order(2)
    void readinessAndLivenessAreUpWithGatehousesChecks() throws Exception {
        try {
            JsonObject ready = health("/ready", 200);
            assertEquals("UP", ready.getString("status"));
            assertEquals("UP", check(ready, "gatehouse-configuration").getString("status"));
            // Test/Startup's initialization ran at deployment and succeeded (no blocker file).
            JsonObject services = check(ready, "gatehouse-services");
            assertEquals("UP", services.getString("status"), services.toString());
            assertTrue(services.getJsonObject("data").getString("Test/Startup").startsWith("ready since"),
                    services.toString());
            JsonObject trust = check(ready, "gatehouse-trust");
            assertEquals("UP", trust.getString("status"), trust.toString());
            // A number, which some servers write as a JSON string.
            String authorities = trust.getJsonObject("data").get("certificateAuthorities").toString().replace("\"", "");
            assertTrue(Integer.parseInt(authorities) >= 1, trust.toString());
            JsonObject live = health("/live", 200);
            assertEquals("UP", live.getString("status"));
            assertEquals("UP", check(live, "gatehouse-configuration-refresh").getString("status"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    /** The health document at {@code path}; {@code expectedStatus} -1 takes any status. */
    static JsonObject health(String path, int expectedStatus) {
        Reply reply = Caller.visitor().send(HttpRequest.newBuilder(URI.create(HEALTH + path)).GET());
        if (expectedStatus >= 0) {
            assertEquals(expectedStatus, reply.status(), new String(reply.body()));
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(reply.body()))) {
            return reader.readObject();
        }
    }

    static JsonObject check(JsonObject health, String name) {
        for (JsonValue check : health.getJsonArray("checks")) {
            if (check.asJsonObject().getString("name").equals(name)) {
                return check.asJsonObject();
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
