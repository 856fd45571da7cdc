package io.gatehouse.runtime.streaming;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.Transfers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * A streamed upload's body as the method's {@code InputStream} parameter reads it: straight from the connection,
 * counted against the service's limit (the read that passes it fails, and the call is answered 413 whatever the
 * method made of it), hashed into the transfer's checksum as it goes, and held to a minimum pace. Close does not
 * close the connection.
 */
public final class UploadBody extends InputStream {

    private final InputStream in;
    private final long limit;
    private final long announced;
    private final Pace pace;
    private final ChecksumDigester digest = new ChecksumDigester();
    private boolean overLimit;
    private boolean tooSlow;
    private boolean atEnd;
    private IOException failure;
    private long started;

    /**
     * @param limit     the most the method may read
     * @param announced the body's {@code Content-Length}, or -1: a body that ends before it was cut short
     * @param pace      the slowest a body may arrive
     */
    public UploadBody(InputStream in, long limit, long announced, Pace pace) {
        this.in = in;
        this.limit = limit;
        this.announced = announced;
        this.pace = pace;
    }

    /**
     * The slowest a body may arrive, on average since its first read, once a grace period has passed: a client
     * that trickles a byte now and then (each within the listener's read timeout) would otherwise hold a worker
     * thread for as long as it likes.
     *
     * @param minBytesPerSecond the lowest average rate; 0 for none
     * @param graceNanos        how long any rate is fine
     * @param clock             nanoseconds ({@code System::nanoTime})
     */
    public record Pace(long minBytesPerSecond, long graceNanos, LongSupplier clock) {

        /** No minimum. */
        public static final Pace ANY = new Pace(0, 0, System::nanoTime);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (overLimit) {
            throw new TooLarge(limit);
        }
        if (started == 0) {
            started = pace.clock().getAsLong();
        }
        if (atEnd || length == 0) {
            return atEnd ? -1 : 0;
        }
        int n;
        try {
            // One byte past the limit is how a body over it shows.
            n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - digest.size()));
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n < 0) {
            if (announced >= 0 && digest.size() < announced) {
                failure = new EOFException("the body ended after " + digest.size() + " of the " + announced
                        + " bytes announced");
                throw failure;
            }
            atEnd = true;
            return -1;
        }
        if (digest.size() + n > limit) {
            overLimit = true;
            throw new TooLarge(limit);
        }
        digest.update(buffer, offset, n);
        checkPace();
        return n;
    }

    @Override
    public void close() {
        // The connection belongs to the container.
    }

    /** The most the method may read. */
    public long limit() {
        return limit;
    }

    private void checkPace() throws IOException {
        if (pace.minBytesPerSecond() <= 0) {
            return;
        }
        long elapsed = pace.clock().getAsLong() - started;
        if (elapsed > pace.graceNanos() && digest.size() * 1e9 / elapsed < pace.minBytesPerSecond()) {
            tooSlow = true;
            failure = new IOException("the upload arrives slower than " + pace.minBytesPerSecond() + " bytes/s");
            throw failure;
        }
    }

    /**
     * Reads and drops what is left of the body, up to {@code maxBytes} and for {@code maxNanos} at most: a client
     * still sending a body the service refused half-way then reads the refusal, where a connection closed under
     * its body would lose it. Bounded, since the bytes are of no use.
     */
    public void drain(long maxBytes, long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        byte[] buffer = new byte[8192];
        try {
            for (long left = maxBytes; left > 0 && System.nanoTime() - deadline < 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing to drain
        }
    }

    /** True when the body arrived slower than its {@link Pace} allows. */
    public boolean tooSlow() {
        return tooSlow;
    }

    /** True when a read went past the limit. */
    public boolean overLimit() {
        return overLimit;
    }

    /** True when the method read the body to its end. */
    public boolean atEnd() {
        return atEnd;
    }

    /** The failure of a read from the connection (the client went away, or stalled), if one failed. */
    public IOException failure() {
        return failure;
    }

    /** The checksum of what the method read. */
    public Transfers.Checksum checksum() {
        return digest.finish();
    }

    /** The read that went past the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the upload is larger than the service's limit of " + limit + " bytes");
        }
    }
}
