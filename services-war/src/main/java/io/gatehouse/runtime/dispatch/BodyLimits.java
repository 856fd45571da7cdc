package io.gatehouse.runtime.dispatch;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caps every request body before anything reads it, at the limit of its caller ({@link CallLimits}): an announced
 * {@code Content-Length} over the limit is refused at once, without reading; otherwise the body stream itself stops
 * at the limit, whatever reads it (the form reader, or JAX-RS's multipart reader for all parts together).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BodyLimits implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BodyLimits.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    CallLimits limits;

    @Override
    public void filter(ContainerRequestContext context) {
        long limit = limits.maxBodyBytes(request);
        long announced = context.getLength();
        if (announced > limit) {
            context.abortWith(Replies.closing(new TooLarge(limit, "announced in Content-Length").failure(),
                    context.getHeaderString(HttpHeaders.ACCEPT_ENCODING)));
            return;
        }
        context.setEntityStream(new CappedStream(context.getEntityStream(), limit));
    }

    /** The body went over its limit. An IOException, so that it passes through any reader unchanged. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLarge(long limit, String how) {
            super("the request body is larger than the limit of " + limit + " bytes (" + how + ")");
            this.limit = limit;
        }

        /** The 413 the caller receives. */
        CallFailure failure() {
            return new CallFailure(413, 0, getMessage() + "; callers with a registered certificate may send more"
                    + " (see the server's gatehouse.max-body-bytes settings)");
        }

        long limit() {
            return limit;
        }
    }

    /**
     * A body that could not be read: usually the client went away mid-body, which is the client's business, so one
     * line at INFO and no stack trace.
     */
    static CallFailure unreadable(IOException e) {
        LOG.log(Level.INFO, "request body not read completely: {0}", String.valueOf(e.getMessage()));
        return CallFailure.badRequest("the body could not be read completely");
    }

    /** Throws {@link TooLarge} at the first byte over the limit. */
    private static final class CappedStream extends FilterInputStream {
        private final long limit;
        private long count;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge(limit, "counted while reading");
            }
        }
    }
}
