package io.gatehouse.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.Transfers;

/**
 * A request body (an uploaded file's, streamed by the JDK's own publisher) whose bytes are counted and digested
 * (adler32 and SHA-256, one pass) as they are handed to the HTTP client, before they go out. Each subscription (the
 * JDK may subscribe again to repeat a request) starts a new count and digest; the last one is reported.
 */
final class DigestingBody implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher body;
    private volatile Run current;

    DigestingBody(HttpRequest.BodyPublisher body) {
        this.body = body;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Run run = new Run();
        current = run;
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                run.digest(item);
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                run.done.countDown();
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                run.complete();
                subscriber.onComplete();
            }
        });
    }

    /** Bytes handed to the HTTP client so far. */
    long sent() {
        Run run = current;
        return run == null ? 0 : run.bytes;
    }

    /** {@link System#nanoTime()} when the last bytes were handed over; 0 before the first. */
    long lastActivity() {
        Run run = current;
        return run == null ? 0 : run.last;
    }

    /** The checksum of the whole body, once it has all been handed over (waiting up to {@code wait}), else null. */
    Transfers.Checksum checksum(Duration wait) {
        Run run = current;
        if (run == null) {
            return null;
        }
        try {
            run.done.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return run.checksum;
    }

    /** One subscription: the JDK calls onNext serially. */
    private static final class Run {
        private final ChecksumDigester digester = new ChecksumDigester();
        private final CountDownLatch done = new CountDownLatch(1);
        private byte[] scratch;
        private volatile long bytes;
        private volatile long last;
        private volatile Transfers.Checksum checksum;

        void digest(ByteBuffer item) {
            ByteBuffer view = item.duplicate();
            int length = view.remaining();
            if (view.hasArray()) {
                digester.update(view.array(), view.arrayOffset() + view.position(), length);
            } else {
                if (scratch == null) {
                    scratch = new byte[FileTransfers.BUFFER];
                }
                while (view.hasRemaining()) {
                    int n = Math.min(scratch.length, view.remaining());
                    view.get(scratch, 0, n);
                    digester.update(scratch, 0, n);
                }
            }
            bytes += length;
            last = System.nanoTime();
        }

        void complete() {
            checksum = digester.finish();
            last = System.nanoTime();
            done.countDown();
        }
    }
}
