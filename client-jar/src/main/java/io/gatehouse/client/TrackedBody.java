package io.gatehouse.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request body that knows whether it has started to go out. {@code HttpClient} subscribes to a request's body
 * only once it has a connection and has queued the headers, so a body never subscribed to proves that the server
 * cannot have received the form, hence cannot have run the method: the call may safely go to another URL. The
 * converse is conservative: a subscription may come a little before the bytes leave (while the TLS handshake is
 * still going on), and then the call is treated as possibly run.
 *
 * <p>{@link #abandon()} closes the race between deciding to move on and the JDK starting to send: once abandoned,
 * a late subscription gets an error instead of the form.
 */
final class TrackedBody implements HttpRequest.BodyPublisher {

    private static final int WAITING = 0;
    private static final int SENDING = 1;
    private static final int ABANDONED = 2;

    private final HttpRequest.BodyPublisher body;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final CompletableFuture<Void> sending = new CompletableFuture<>();
    private volatile long sendingSince;

    TrackedBody(byte[] form) {
        this.body = HttpRequest.BodyPublishers.ofByteArray(form);
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (state.compareAndSet(WAITING, SENDING)) {
            sendingSince = System.nanoTime();
            sending.complete(null);
        }
        if (state.get() == ABANDONED) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IOException("the call was abandoned before its request was sent"));
            return;
        }
        body.subscribe(subscriber);
    }

    /** Completes when the JDK first subscribes to the body. */
    CompletableFuture<Void> sending() {
        return sending;
    }

    /** {@link System#nanoTime()} when the body was first subscribed to. */
    long sendingSince() {
        return sendingSince;
    }

    /**
     * Makes sure the form will never be sent, if it has not started to be.
     *
     * @return true when the request never went out (it will not now), false when it may have
     */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED) || state.get() == ABANDONED;
    }
}
