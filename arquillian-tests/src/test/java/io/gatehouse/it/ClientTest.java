package io.gatehouse.it;

import io.gatehouse.client.CallException;
import io.gatehouse.client.CallResult;
import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.GatehouseClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client jar against the deployed services, as a Java program and as a person at a terminal use it: typed
 * calls, failover, timeouts, a lost reply that is not sent again, and a proxy made by proxy-init.
 */
@ExtendWith(ArquillianExtension.class)
class ClientTest {

    private static final Path PKI = Caller.PKI;
    private static final String TYPES = "https://localhost:" + Caller.PORT + "/Test/Types";
    private static final String HELLO = "https://localhost:" + Caller.PORT + "/Framework/Hello";

    /** The handler's methods as a Java program sees them. */
    interface TypesService {
        int increment(int value);

        LocalDate nextDay(LocalDate day);

        Map<String, Integer> lengths(Map<String, String> words);

        List<String> keys(JsonObject object);

        String refuse();

        CallResult declined();

        int countOf(String id);
    }

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    private static GatehouseClient.Builder client(String... urls) {
        return GatehouseClient.builder().urls(List.of(urls))
                .credentials(ClientCredentials.pem(PKI.resolve("users/alice/usercert.pem"),
                        PKI.resolve("users/alice/userkey.pem")))
                .trust(ClientTrust.caDirectory(PKI.resolve("certificates")));
    }

    @Test
    void aTypedInterfaceCallsTheService() {
        try (GatehouseClient client = client(TYPES).build()) {
            TypesService types = client.typed(TypesService.class);
            assertEquals(42, types.increment(41));
            assertEquals(LocalDate.of(2024, 3, 1), types.nextDay(LocalDate.of(2024, 2, 29)));
            assertEquals(Map.of("a", 1, "bcd", 3), types.lengths(Map.of("a", "x", "bcd", "xyz")));
            assertEquals(List.of("a", "z"), types.keys(Json.createObjectBuilder().add("z", 1).add("a", 2).build()));
            CallException refused = assertThrows(CallException.class, types::refuse);
            assertEquals(2, refused.errno());
            CallResult declined = types.declined();
            assertFalse(declined.ok());
            assertEquals("declined politely", declined.message());
        }
    }

    @Test
    void untypedCallsMapStatusesToDiracErrnos() {
        try (GatehouseClient client = client(HELLO).build()) {
            assertEquals("Salut, alice!", client.call("sayHello", "").value(String.class));
            assertEquals(38, client.call("noSuchMethod").errno());
        }
        try (GatehouseClient visitor = GatehouseClient.builder().url(HELLO)
                .trust(ClientTrust.caDirectory(PKI.resolve("certificates"))).build()) {
            CallResult denied = visitor.call("whoami");
            assertFalse(denied.ok());
            assertEquals(13, denied.errno());
            assertEquals(401, denied.httpStatus());
        }
    }

    @Test
    void aCallFailsOverWhenTheFirstUrlIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (GatehouseClient client = client("https://localhost:" + closedPort + "/Test/Types", TYPES).build()) {
            CallResult result = client.call("increment", 1);
            assertTrue(result.ok(), result.toString());
            assertEquals(2, result.value(Integer.class));
            assertEquals(Caller.PORT, result.url().getPort());
        }
    }

    @Test
    void aCallWhoseReplyIsLostIsNotSentAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        // Two URLs of the same server: a retry or a failover after sending would run the method twice.
        String sameServer = "https://127.0.0.1:" + Caller.PORT + "/Test/Types";
        try (GatehouseClient impatient = client(TYPES, sameServer).readTimeout(Duration.ofMillis(1500)).build()) {
            CallResult lost = impatient.call("counted", id, 4000);
            assertFalse(lost.ok());
            assertEquals(110, lost.errno(), lost.message());
        }
        Thread.sleep(3000);
        try (GatehouseClient client = client(TYPES).build()) {
            assertEquals(1, client.typed(TypesService.class).countOf(id));
        }
    }

    @Test
    void aReadTimeoutEndsTheCall() {
        try (GatehouseClient client = client(TYPES).readTimeout(Duration.ofSeconds(1)).build()) {
            long start = System.nanoTime();
            CallResult result = client.call("counted", UUID.randomUUID().toString(), 3000);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(110, result.errno());
            assertTrue(millis < 2500, "took " + millis + " ms");
        }
    }

    @Test
    void aProxyMadeByProxyInitCarriesItsGroupToWhoami(@TempDir Path dir) throws Exception {
        Path proxy = dir.resolve("x509up_test");
        Cli init = cli("proxy-init", "--cert", PKI.resolve("users/bob/usercert.pem").toString(),
                "--key", PKI.resolve("users/bob/userkey.pem").toString(), "--group", "dirac_user",
                "--valid", "2:00", "--out", proxy.toString());
        assertEquals(0, init.exitCode(), init.toString());

        try (GatehouseClient client = GatehouseClient.builder().url(HELLO)
                .credentials(ClientCredentials.proxyFile(proxy))
                .trust(ClientTrust.caDirectory(PKI.resolve("certificates"))).build()) {
            JsonObject me = client.call("whoami").value().asJsonObject();
            assertEquals("/C=ch/O=Gatehouse/OU=Users/CN=bob", me.getString("DN"));
            assertEquals("dirac_user", me.getString("group"));
            assertTrue(me.getBoolean("isProxy"));
            assertTrue(me.getJsonNumber("secondsLeft").longValue() <= 2 * 3600);
        }

        Cli whoami = cli("whoami", HELLO, "--proxy", proxy.toString(), "--ca-dir",
                PKI.resolve("certificates").toString(), "--json");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        JsonObject printed = Json.createReader(new StringReader(whoami.out())).readObject();
        assertEquals("dirac_user", printed.getString("group"));
        assertEquals("bob", printed.getString("username"));
    }

    @Test
    void theCommandLineCallsAndReportsFailuresWithExitCodes() throws Exception {
        String caDir = PKI.resolve("certificates").toString();
        String proxy = PKI.resolve("users/alice/proxy.pem").toString();
        Cli call = cli("call", TYPES, "increment", "41", "--proxy", proxy, "--ca-dir", caDir);
        assertEquals(0, call.exitCode(), call.toString());
        assertEquals("42", call.out().trim());

        Cli proxyWhoami = cli("whoami", HELLO, "--ca-dir", caDir, "--proxy",
                PKI.resolve("chains/rfc-proxy.pem").toString(),
                "--json");
        assertEquals(0, proxyWhoami.exitCode(), proxyWhoami.toString());
        assertTrue(proxyWhoami.out().contains("/C=ch/O=Gatehouse/OU=Users/CN=alice"), proxyWhoami.toString());

        Cli notImplemented = cli("call", TYPES, "noSuchMethod", "--proxy", proxy, "--ca-dir", caDir);
        assertEquals(6, notImplemented.exitCode(), notImplemented.toString());

        Cli refused = cli("call", TYPES, "refuse", "--proxy", proxy, "--ca-dir", caDir);
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("no such thing"), refused.toString());

        Cli expired = cli("call", TYPES, "increment", "1", "--proxy", PKI.resolve("chains/expired-proxy.pem").toString(),
                "--ca-dir", caDir);
        assertEquals(3, expired.exitCode(), expired.toString());
        assertTrue(expired.err().contains("proxy-init"), expired.toString());
    }

    /** One run of the real command line, {@code java -jar gatehouse.jar ...}. */
    record Cli(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Cli cli(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("gatehouse.cli")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Cli(process.exitValue(), out, err);
    }
}
