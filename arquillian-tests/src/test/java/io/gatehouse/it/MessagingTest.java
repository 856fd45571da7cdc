package io.gatehouse.it;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.MessageClient;
import io.gatehouse.client.ReceivedMessage;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stable connections on the real server over mutual TLS: DISET's PingPong, the connect and drop callbacks, message
 * and connection rules, malformed frames, a reconnection across a restart of the service with a message queued
 * meanwhile, and calls into a connected client, from server code and through the HTTP relay.
 */
@ExtendWith(ArquillianExtension.class)
class MessagingTest {

    private static final String DEPLOYMENT = "gatehouse";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    private Deployer deployer;

    private final List<MessageClient> clients = new ArrayList<>();

    // Deployed by the tests themselves: one of them restarts the service under a connected client.
    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    /** Deployed once for the class (Payara Micro starts a server per deployment); Arquillian undeploys it at the end. */
    private static boolean deployed;

    @BeforeEach
    void deploy() {
        if (!deployed) {
            deployer.deploy(DEPLOYMENT);
            deployed = true;
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MessageClient::close);
    }

    @Test
    void aThousandPingsOnOneConnectionAreEachAnsweredOnce() throws Exception {
        int count = 1000;
        Map<Integer, Integer> answered = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(count);
        MessageClient client = client("alice", "Framework/PingPong", MessageClient.builder());
        client.subscribe("Pong", pong -> {
            answered.merge(pong.fields().getInt("id"), 1, Integer::sum);
            all.countDown();
        });
        String transportId = join(client.connect());
        assertNotNull(transportId);
        long start = System.nanoTime();
        for (int id = 0; id < count; id++) {
            client.send("Ping", Map.of("id", id));
        }
        assertTrue(all.await(WAIT.toSeconds(), TimeUnit.SECONDS), answered.size() + " of " + count + " answered");
        System.out.printf("MessagingTest: %d Ping/Pong round trips on one connection in %d ms%n", count,
                (System.nanoTime() - start) / 1_000_000);
        Thread.sleep(200); // a duplicate would arrive now
        assertEquals(count, answered.size());
        assertTrue(answered.values().stream().allMatch(n -> n == 1), "an id answered twice: " + answered);
        assertEquals(transportId, client.transportId().orElseThrow(), "the same connection throughout");
    }

    @Test
    void connectAndDropCallbacksSeeTheTransportIdAndTheIdentity() throws Exception {
        BlockingQueue<ReceivedMessage> aliceEvents = new LinkedBlockingQueue<>();
        MessageClient alice = client("alice", "Test/Board", MessageClient.builder().clientIdentity("alice-callbacks")
                .parameters(Map.of("color", "green")));
        alice.subscribe("Event", aliceEvents::add);
        String aliceTrid = join(alice.connect());
        JsonObject connected = next(aliceEvents).fields();
        assertEquals("connected", connected.getString("kind"));
        assertEquals(aliceTrid, connected.getString("transportId"));
        assertEquals("alice-callbacks", connected.getString("clientIdentity"));
        assertEquals("/C=ch/O=Gatehouse/OU=Users/CN=alice", connected.getString("dn"));
        assertEquals("green", connected.getString("parameter"), "the connection parameters reach the callback");

        MessageClient bob = client("bob", "Test/Board", MessageClient.builder().clientIdentity("bob-laptop"));
        String bobTrid = join(bob.connect());
        assertNotEquals(aliceTrid, bobTrid);
        bob.close();
        JsonObject dropped = next(aliceEvents, "dropped", bobTrid).fields();
        assertEquals(bobTrid, dropped.getString("transportId"));
        assertEquals("bob-laptop", dropped.getString("clientIdentity"));
        assertEquals("/C=ch/O=Gatehouse/OU=Users/CN=bob", dropped.getString("dn"));
    }

    @Test
    void aConnectCallbackRefusingTheConnectionClosesItWithItsReason() {
        MessageClient refused = client("alice", "Test/Board", MessageClient.builder()
                .parameters(Map.of("refuse", "no thanks")));
        CompletionException e = assertThrows(CompletionException.class, () -> join(refused.connect()));
        assertTrue(e.getCause().getMessage().contains("refused as asked: no thanks"), e.getCause().toString());
    }

    @Test
    void aMessageTheSenderMayNotSendIsRefusedAndTheConnectionStays() throws Exception {
        BlockingQueue<ReceivedMessage> posted = new LinkedBlockingQueue<>();
        MessageClient alice = client("alice", "Test/Board", MessageClient.builder());
        alice.subscribe("Posted", posted::add);
        join(alice.connect());
        CompletionException refused = assertThrows(CompletionException.class,
                () -> join(alice.sendWithAck("Announce", Map.of("text", "all hands"))));
        MessageClient.ServiceRefusal refusal = (MessageClient.ServiceRefusal) refused.getCause();
        assertEquals(Errors.EACCES, refusal.errno());
        assertTrue(refusal.getMessage().contains("Announce") && refusal.getMessage().contains("serviceadministrator"),
                refusal.getMessage());
        // Still connected: a message alice may send goes through and comes back to her.
        join(alice.sendWithAck("Post", Map.of("text", "hello board")));
        JsonObject message = next(posted).fields();
        assertEquals("hello board", message.getString("text"));
        assertEquals("alice", message.getString("by"));
        assertTrue(posted.isEmpty(), "the refused announcement reached nobody");

        MessageClient bob = client("bob", "Test/Board", MessageClient.builder());
        join(bob.connect());
        join(bob.sendWithAck("Announce", Map.of("text", "all hands")));
        assertEquals("ANNOUNCEMENT all hands", next(posted).fields().getString("text"));
    }

    @Test
    void theConnectionRuleKeepsOutThoseWhoMaySendNothing() {
        // Test/Board receives Post (NormalUser) and Announce (ServiceAdministrator): mallory, registered in no
        // group, has neither property; a visitor has no certificate.
        for (String who : List.of("mallory", "visitor")) {
            MessageClient.Builder builder = MessageClient.builder();
            MessageClient client = who.equals("visitor") ? client(null, "Test/Board", builder)
                    : client(who, "Test/Board", builder);
            CompletionException e = assertThrows(CompletionException.class, () -> join(client.connect()), who);
            MessageClient.ServiceRefusal refusal = (MessageClient.ServiceRefusal) e.getCause();
            assertEquals(Errors.EACCES, refusal.errno(), who);
            assertTrue(refusal.getMessage().startsWith("No access to Test/Board connections"), refusal.getMessage());
        }
        // PingPong's Ping is open to all: a visitor connects there.
        assertNotNull(join(client(null, "Framework/PingPong", MessageClient.builder()).connect()));
    }

    @Test
    void aMalformedFrameOrAnUndeclaredMessageIsAnsweredWithAnErrorFrameAndTheConnectionClosed() throws Exception {
        Caller alice = Caller.user("alice");
        for (String bad : List.of("this is { not JSON", "[1, 2]", "{\"type\":\"connect\",\"client\":\"a\"}"
                + "{\"type\":\"message\",\"name\":\"Shout\",\"fields\":{}}",
                "{\"type\":\"message\",\"name\":\"Ping\",\"fields\":{\"id\":\"seven\"}}")) {
            RawSocket socket = new RawSocket();
            WebSocket webSocket = alice.webSocket("/Framework/PingPong/connection", socket);
            if (bad.startsWith("{\"type\":\"connect\"")) {
                webSocket.sendText("{\"type\":\"connect\",\"client\":\"raw\"}", true).join();
                assertEquals("connected", socket.nextFrame().getString("type"));
                bad = bad.substring(bad.indexOf("}{") + 1);
            } else if (bad.contains("\"Ping\"")) {
                webSocket.sendText("{\"type\":\"connect\",\"client\":\"raw\"}", true).join();
                assertEquals("connected", socket.nextFrame().getString("type"));
            }
            webSocket.sendText(bad, true).join();
            JsonObject error = socket.nextFrame();
            assertEquals("error", error.getString("type"), bad);
            assertTrue(error.getInt("errno") == Errors.EINVAL, error.toString());
            assertTrue(socket.closed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "closed after: " + bad);
            System.out.println("MessagingTest: " + bad + " -> " + error.getString("message") + " / close "
                    + socket.closeCode);
        }
    }

    @Test
    void aClientReconnectsAfterARestartWithItsIdentityAndReceivesWhatWasQueued() throws Exception {
        BlockingQueue<ReceivedMessage> posted = new LinkedBlockingQueue<>();
        BlockingQueue<String> disconnections = new LinkedBlockingQueue<>();
        BlockingQueue<String> connections = new LinkedBlockingQueue<>();
        MessageClient alice = client("alice", "Test/Board", MessageClient.builder().clientIdentity("alice-desk")
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .whileDisconnected(MessageClient.Outage.QUEUE, 10));
        alice.subscribe("Posted", posted::add).onDisconnect(disconnections::add).onConnect(connections::add);
        String first = join(alice.connect());
        assertEquals(first, connections.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

        deployed = false;
        deployer.undeploy(DEPLOYMENT);
        assertNotNull(disconnections.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the client saw the drop");
        CompletionStage<Void> queued = alice.send("Post", Map.of("text", "sent during the outage"));
        deployer.deploy(DEPLOYMENT);
        deployed = true;

        String second = connections.poll(60, TimeUnit.SECONDS);
        assertNotNull(second, "the client reconnected by itself");
        assertNotEquals(first, second, "a new transport id");
        join(queued);
        JsonObject message = next(posted).fields();
        assertEquals("sent during the outage", message.getString("text"));
        assertEquals("1", Caller.visitor().call("Test/Board", "connectionsOf", "[\"alice-desk\"]").value()
                .toString(), "the service knows the same client identity again");
    }

    @Test
    void aCertificateRevokedWhileConnectedEndsItsConnection(@TempDir java.nio.file.Path dir) throws Exception {
        TestCa ca = TestCa.load();
        // A second certificate with alice's DN: registered, so the service knows her before and after.
        io.gatehouse.credentials.IssuedCredential user = ca.issueUser("C=ch,O=Gatehouse,OU=Users,CN=alice");
        BlockingQueue<String> disconnections = new LinkedBlockingQueue<>();
        MessageClient.Builder builder = MessageClient.builder()
                .credentials(ClientCredentials.pkcs12(TestCa.keyStore(dir, "alice-again", user),
                        "changeit".toCharArray()))
                .url("https://localhost:" + Caller.PORT + "/Test/Board")
                .trust(ClientTrust.caDirectory(Caller.PKI.resolve("certificates")))
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(5));
        MessageClient kept = builder.build();
        clients.add(kept);
        kept.onDisconnect(disconnections::add);
        join(kept.connect());
        join(kept.sendWithAck("Post", Map.of("text", "before")));

        ca.revoke(user);
        String reason = null;
        long start = System.nanoTime();
        while (reason == null && System.nanoTime() - start < WAIT.toNanos()) {
            kept.send("Post", Map.of("text", "still there?"));
            reason = disconnections.poll(200, TimeUnit.MILLISECONDS);
        }
        assertNotNull(reason, "the revoked certificate kept its connection " + WAIT + " after the CRL changed");
        assertTrue(reason.contains("no longer accepted"), reason);
        System.out.println("MessagingTest: a revoked certificate's connection ended "
                + (System.nanoTime() - start) / 1_000_000 + " ms after the CRL changed: " + reason);
    }

    @Test
    void aSendWhileDisconnectedFailsAtOnceWhenTheClientSaysSo() {
        MessageClient client = client("alice", "Framework/PingPong", MessageClient.builder()
                .whileDisconnected(MessageClient.Outage.FAIL, 10));
        CompletionException e = assertThrows(CompletionException.class, () -> join(client.send("Ping",
                Map.of("id", 1))));
        assertTrue(e.getCause().getMessage().startsWith("not connected"), e.getCause().toString());
    }

    /** What alice's client offers to the service's calls into it. */
    public static final class Offered {
        @Export
        public String time() {
            return "12:00";
        }

        @Export
        public int add(int a, int b) {
            return a + b;
        }

        @Export
        public String slow(int millis) throws InterruptedException {
            Thread.sleep(millis);
            return "late";
        }
    }

    @Test
    void serverCodeAndTheRelayCallAConnectedClient() throws Exception {
        MessageClient alice = client("alice", "Test/Board", MessageClient.builder().clientIdentity("alice-relay"));
        alice.offer(new Offered());
        join(alice.connect());

        Reply fromServerCode = Caller.user("bob").call("Test/Board", "askClient", "[\"alice-relay\", \"add\", [2, 3]]");
        assertEquals(200, fromServerCode.status(), fromServerCode.toString());
        assertEquals("5", fromServerCode.value().toString());

        Reply relayed = Caller.user("bob").post("/Test/Board/clients/alice-relay", "method", "time", "args", "[]");
        assertEquals(200, relayed.status(), relayed.toString());
        assertEquals("\"12:00\"", relayed.value().toString());

        Reply badArguments = Caller.user("bob").post("/Test/Board/clients/alice-relay", "method", "add",
                "args", "[2]");
        assertTrue(badArguments.message().contains("add takes 2 arguments"), badArguments.toString());

        Reply unknown = Caller.user("bob").post("/Test/Board/clients/nobody", "method", "time", "args", "[]");
        assertEquals(404, unknown.status(), unknown.toString());
        assertTrue(unknown.message().contains("nobody is not connected"), unknown.toString());

        // No answer in time: the service's call times out (askClient waits 5 s), the relay's too (3 s in the tests).
        Reply slowFromCode = Caller.user("bob").call("Test/Board", "askClient", "[\"alice-relay\", \"slow\", [8000]]");
        assertEquals(Errors.ETIMEDOUT, slowFromCode.errno(), slowFromCode.toString());
        assertTrue(slowFromCode.message().contains("did not answer slow within 5000 ms"), slowFromCode.toString());
        Reply slowRelayed = Caller.user("bob").post("/Test/Board/clients/alice-relay", "method", "slow",
                "args", "[8000]");
        assertEquals(504, slowRelayed.status(), slowRelayed.toString());
        assertEquals(Errors.ETIMEDOUT, slowRelayed.errno(), slowRelayed.toString());

        // The relay's own rule: administrators by default; alice (NormalUser only) may not use it.
        Reply refused = Caller.user("alice").post("/Test/Board/clients/alice-relay", "method", "time", "args", "[]");
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("client relay"), refused.toString());
    }

    @Test
    void theCommandLineConnectsSendsAndPrintsWhatArrives() throws Exception {
        String url = "https://localhost:" + Caller.PORT + "/Framework/PingPong";
        ClientTest.Cli pong = ClientTest.cli("connect", url, "--p12", Caller.PKI.resolve("users/alice/user.p12")
                .toString(), "--password-file", passwordFile().toString(), "--ca-dir",
                Caller.PKI.resolve("certificates").toString(), "--send", "Ping={\"id\":5}", "--ack", "--count", "1",
                "--json");
        assertEquals(0, pong.exitCode(), pong.toString());
        List<JsonObject> lines = pong.out().lines().map(line -> Json.createReader(new StringReader(line))
                .readObject()).toList();
        assertEquals("connected", lines.get(0).getString("event"), pong.toString());
        JsonObject message = lines.get(1);
        assertEquals("message", message.getString("event"), pong.toString());
        assertEquals("Pong", message.getString("name"));
        assertEquals(5, message.getJsonObject("fields").getInt("id"));

        ClientTest.Cli refused = ClientTest.cli("connect", "https://localhost:" + Caller.PORT + "/Test/Board",
                "--no-cert", "--ca-dir", Caller.PKI.resolve("certificates").toString(), "--seconds", "1");
        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.out().contains("No access to Test/Board connections"), refused.toString());
    }

    private static java.nio.file.Path passwordFile() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("gatehouse-password", ".txt");
        java.nio.file.Files.writeString(file, "changeit\n");
        file.toFile().deleteOnExit();
        return file;
    }

    // ---- helpers ----

    private MessageClient client(String user, String service, MessageClient.Builder builder) {
        if (user != null) {
            builder.credentials(ClientCredentials.pkcs12(Caller.PKI.resolve("users/" + user + "/user.p12"),
                    "changeit".toCharArray()));
        }
        MessageClient client = builder.url("https://localhost:" + Caller.PORT + "/" + service)
                .trust(ClientTrust.caDirectory(Caller.PKI.resolve("certificates"))).build();
        clients.add(client);
        return client;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static ReceivedMessage next(BlockingQueue<ReceivedMessage> queue) throws InterruptedException {
        ReceivedMessage message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(message, "no message within " + WAIT);
        return message;
    }

    /** The next event of that kind about that connection (other tests' connections may end meanwhile). */
    private static ReceivedMessage next(BlockingQueue<ReceivedMessage> queue, String kind, String transportId)
            throws InterruptedException {
        while (true) {
            ReceivedMessage message = next(queue);
            if (kind.equals(message.fields().getString("kind"))
                    && transportId.equals(message.fields().getString("transportId"))) {
                return message;
            }
        }
    }
}
