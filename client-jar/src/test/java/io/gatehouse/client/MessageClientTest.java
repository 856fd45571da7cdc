package io.gatehouse.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the message client does before it has a connection: no server is involved. */
class MessageClientTest {

    @TempDir
    static Path caDirectory;

    private static MessageClient.Builder unconnected() {
        return MessageClient.builder().url("https://localhost:9/Framework/PingPong")
                .trust(ClientTrust.caDirectory(caDirectory));
    }

    @Test
    void theBackoffDoublesUpToItsCapWithJitterInTheUpperHalf() {
        try (MessageClient client = unconnected().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build()) {
            for (int i = 0; i < 200; i++) {
                long first = client.backoffMillis(1);
                long second = client.backoffMillis(2);
                long capped = client.backoffMillis(30);
                assertTrue(first >= 50 && first <= 100, "first " + first);
                assertTrue(second >= 100 && second <= 200, "second " + second);
                assertTrue(capped >= 500 && capped <= 1000, "capped " + capped);
            }
        }
    }

    @Test
    void whileDisconnectedMessagesWaitUpToTheQueuesCapacityThenFail() {
        try (MessageClient client = unconnected().whileDisconnected(MessageClient.Outage.QUEUE, 2).build()) {
            CompletableFuture<Void> first = client.send("Ping", Map.of("id", 1)).toCompletableFuture();
            CompletableFuture<Void> second = client.send("Ping", Map.of("id", 2)).toCompletableFuture();
            CompletableFuture<Void> third = client.send("Ping", Map.of("id", 3)).toCompletableFuture();
            assertFalse(first.isDone() || second.isDone(), "queued, waiting for a connection");
            CompletionException full = assertThrows(CompletionException.class, third::join);
            assertTrue(full.getCause().getMessage().contains("the send queue is full (2 messages wait)"),
                    full.getCause().getMessage());
            client.close();
            CompletionException closed = assertThrows(CompletionException.class, first::join);
            assertEquals("the message client was closed", closed.getCause().getMessage(),
                    "what waited fails when the client closes, never silently");
        }
    }

    @Test
    void withTheFailPolicyASendWhileDisconnectedFailsAtOnce() {
        try (MessageClient client = unconnected().whileDisconnected(MessageClient.Outage.FAIL, 10).build()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> client.send("Ping", Map.of("id", 1)).toCompletableFuture().join());
            assertTrue(e.getCause().getMessage().startsWith("not connected"), e.getCause().getMessage());
        }
    }

    @Test
    void onlyHttpsServiceUrlsAreTaken() {
        assertThrows(IllegalArgumentException.class, () -> MessageClient.builder().url("http://localhost/A/B"));
        assertThrows(IllegalStateException.class, () -> MessageClient.builder().build());
    }
}
