package io.gatehouse.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A reply body read into memory up to a limit: a longer body (announced by its Content-Length, or seen as it
 * arrives) stops the exchange with {@link TooLarge} instead of filling the heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was longer than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        private final int status;

        TooLarge(long limit, int status) {
            super("the reply is larger than " + limit + " bytes");
            this.status = status;
        }

        /** The reply's HTTP status. */
        int status() {
            return status;
        }
    }

    private final long limit;
    private final int status;
    private final boolean announcedTooLarge;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private LimitedBody(long limit, int status, boolean announcedTooLarge) {
        this.limit = limit;
        this.status = status;
        this.announcedTooLarge = announcedTooLarge;
    }

    /** A handler whose bodies are at most {@code limit} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new LimitedBody(limit, info.statusCode(),
                info.headers().firstValueAsLong("Content-Length").orElse(0L) > limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (announcedTooLarge) {
            subscription.cancel();
            body.completeExceptionally(new TooLarge(limit, status));
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (received.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit, status));
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
