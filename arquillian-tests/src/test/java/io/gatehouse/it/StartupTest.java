package io.gatehouse.it;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Startup work ({@code @Initialize}) on the server under test: a service whose initialization fails at deployment
 * ({@link StartupHandler}, while its blocker file exists) answers 503 with the reason and Retry-After, shows DOWN in
 * readiness with the reason, while other services answer; once the blocker is gone it recovers by itself (the
 * background retry, the backoff capped at 2 s for the tests) and readiness is UP.
 */
@ExtendWith(ArquillianExtension.class)
class StartupTest {

    private static final String DEPLOYMENT = "gatehouse";
    private static final Path BLOCKER = Path.of(System.getProperty("gatehouse.startupBlocker"));
    private static final String REASON = "the catalogue is locked by StartupTest";
    private static final int EAGAIN = 11;

    @ArquillianResource
    private Deployer deployer;

    // Deployed by the test itself: the blocker must be there before the archive starts.
    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void aServiceWhoseInitializationFailsAnswers503AndRecoversOnceTheCauseIsRemoved() throws Exception {
        Files.createDirectories(BLOCKER.getParent());
        Files.writeString(BLOCKER, ""); // first a failure without a message
        try {
            deployer.deploy(DEPLOYMENT);

            Reply refused = startupState();
            assertEquals(503, refused.status(), refused.toString());
            assertEquals(EAGAIN, refused.errno(), refused.toString());
            assertTrue(refused.message().contains("Test/Startup is not ready: its initialization failed: it failed"
                    + " without saying why (incident "), refused.toString());
            assertFalse(refused.message().contains("Exception"), "no class name: " + refused);
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After within the tests' 2 s cap: " + retryAfter);

            // The rule comes first: a caller it refuses learns nothing of the failure and starts no attempt.
            Reply notAllowed = Caller.user("alice").call("Test/Startup", "attempts", "[]");
            assertEquals(403, notAllowed.status(), notAllowed.toString());
            assertFalse(notAllowed.message().contains("initialization"), notAllowed.toString());
            // The built-ins describe the service all the same.
            Reply listed = Caller.user("alice").call("Test/Startup", "system.listMethods", "[]");
            assertEquals(200, listed.status(), listed.toString());
            assertTrue(listed.value().toString().contains("\"attempts\""), listed.toString());

            // The others keep answering.
            assertTrue(Caller.user("alice").call("Framework/Hello", "ping", "[]").ok());

            // A failure with a message: the next retry (at most 2 s away) says it.
            Files.writeString(BLOCKER, REASON + "\n");
            Reply withReason = poll(StartupTest::startupState, reply -> reply.status() == 503
                    && reply.message().contains(REASON));
            assertTrue(withReason.message().startsWith("Resource temporarily unavailable ( 11 : Test/Startup is not"
                    + " ready: its initialization failed: " + REASON + " ("), withReason.toString());
            assertTrue(withReason.message().contains("next attempt in"), withReason.toString());
            assertFalse(withReason.message().contains("IllegalStateException"), withReason.toString());

            // A stable connection waits for the initialization too: refused with its reason, try again later.
            RawSocket socket = new RawSocket();
            Caller.user("alice").webSocket("/Test/Startup/connection", socket);
            JsonObject error = socket.nextFrame();
            assertEquals("error", error.getString("type"), error.toString());
            assertEquals(EAGAIN, error.getInt("errno"), error.toString());
            assertTrue(error.getString("message").contains(REASON), error.toString());
            assertTrue(socket.closed.await(20, java.util.concurrent.TimeUnit.SECONDS), "closed");
            assertEquals(1013, socket.closeCode, "try again later");

            JsonObject ready = HealthTest.health("/ready", 503);
            assertEquals("DOWN", ready.getString("status"));
            JsonObject services = HealthTest.check(ready, "gatehouse-services");
            assertEquals("DOWN", services.getString("status"), services.toString());
            assertTrue(services.getJsonObject("data").getString("Test/Startup")
                    .startsWith("its initialization failed: " + REASON), services.toString());

            // The cause removed, the service recovers by itself: no call is needed for it.
            Files.delete(BLOCKER);
            Instant removed = Instant.now();
            poll(() -> HealthTest.health("/ready", -1), health -> health.getString("status").equals("UP"));
            Reply recovered = startupState();
            assertEquals(200, recovered.status(), recovered.toString());
            JsonObject state = recovered.value().asJsonObject();
            assertTrue(state.getBoolean("initialized"), state.toString());
            assertTrue(state.getInt("attempts") >= 3, "the first failure, the one with a reason, then success: "
                    + state);
            assertTrue(Duration.between(removed, Instant.now()).toSeconds() < 20);
            assertTrue(HealthTest.check(HealthTest.health("/ready", 200), "gatehouse-services")
                    .getJsonObject("data").getString("Test/Startup").startsWith("ready since"));
            RawSocket accepted = new RawSocket();
            java.net.http.WebSocket open = Caller.user("alice").webSocket("/Test/Startup/connection", accepted);
            open.sendText("{\"type\":\"connect\",\"client\":\"after-recovery\"}", true).join();
            assertEquals("connected", accepted.nextFrame().getString("type"), "a connection once ready");
            open.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").join();
        } finally {
            Files.deleteIfExists(BLOCKER);
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static Reply startupState() {
        return Caller.user("alice").call("Test/Startup", "state", "[]");
    }

    /** Polls until the condition holds, at most 20 s. */
    private static <T> T poll(Supplier<T> probe, Predicate<T> condition) throws InterruptedException {
        Instant start = Instant.now();
        T seen = probe.get();
        while (!condition.test(seen)) {
            assertTrue(Duration.between(start, Instant.now()).toSeconds() < 20, "not seen within 20 s: " + seen);
            Thread.sleep(200);
            seen = probe.get();
        }
        return seen;
    }
}
