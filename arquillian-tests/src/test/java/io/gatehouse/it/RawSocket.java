package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Collects the frames and the close of a raw socket. */
final class RawSocket implements WebSocket.Listener {

    private static final Duration WAIT = Duration.ofSeconds(20);

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closed.countDown();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.countDown();
    }

    JsonObject nextFrame() throws InterruptedException {
        String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within " + WAIT);
        return Json.createReader(new StringReader(frame)).readObject();
    }
}
