package io.gatehouse.runtime.streaming;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.Transfers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streamed upload's body as the method's {@code InputStream} parameter reads it: straight from the connection,
 * counted against the service's limit (the read that passes it fails, and the call is answered 413 whatever the
 * method made of it), and hashed into the transfer's checksum as it goes. Close does not close the connection.
 */
public final class UploadBody extends InputStream {

    private final InputStream in;
    private final long limit;
    private final long announced;
    private final ChecksumDigester digest = new ChecksumDigester();
    private boolean overLimit;
    private boolean atEnd;
    private IOException failure;

    /**
     * @param limit     the most the method may read
     * @param announced the body's {@code Content-Length}, or -1: a body that ends before it was cut short
     */
    public UploadBody(InputStream in, long limit, long announced) {
        this.in = in;
        this.limit = limit;
        this.announced = announced;
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
