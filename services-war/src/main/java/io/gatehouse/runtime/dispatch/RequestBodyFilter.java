package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.wire.JEncode;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every call's body before the call starts, against the caller's limit ({@link CallLimits}) and a deadline
 * for the whole body: a body over its limit is refused at the first byte too many (or at once when its
 * {@code Content-Length} says so), a client that sends too slowly is cut off at the deadline with a 408 (and a
 * stalled one at the listener's read timeout), and a client that goes away mid-body costs one line in the log and
 * never reaches JAX-RS. Nothing else reads the body before this filter, so this is where its limit is kept.
 * The listener's worker pool is sized (pre-boot commands) so that hundreds of such clients at
 * once leave threads for everyone else.
 *
 * <p>Why not Servlet non-blocking reads: the call would then run on an asynchronously dispatched thread, where
 * CDI's HTTP request context (and with it an injected {@code HttpServletRequest}) is not active.
 *
 * <p>The body is held once, as read, and handed to the dispatcher ({@link InboundRequest}) and, for multipart
 * bodies that JAX-RS splits into parts, as the request's input stream.
 */
@WebFilter(filterName = "gatehouse-request-body", urlPatterns = "/*")
public class RequestBodyFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RequestBodyFilter.class.getName());
    /** The most a body's announced length may make us reserve before its bytes arrive. */
    private static final int MAX_PRESIZE = 64 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";

    @Inject
    CallLimits limits;

    /** How long a client may take to send a whole body. */
    @Inject
    @ConfigProperty(name = "gatehouse.body-timeout-seconds", defaultValue = "30")
    long bodyTimeoutSeconds;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (request.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(request.getMethod())
                || isStreamedUpload(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        long limit;
        try {
            limit = Math.min(limits.maxBodyBytes(request), Body.MAX_BYTES);
        } catch (CallFailure refused) {
            send(response, refused);
            return;
        }
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            send(response, new BodyTooLarge(limit, "announced in Content-Length").failure());
            return;
        }
        Body body = new Body((int) Math.min(Math.max(announced, 256), MAX_PRESIZE));
        CallFailure refusal = read(request.getInputStream(), body, limit);
        if (refusal != null) {
            send(response, refusal);
            return;
        }
        InboundRequest.set(request, body.buffer(), body.size(), limit);
        try {
            chain.doFilter(new BodyRequest(request, body), response);
        } finally {
            InboundRequest.clear();
        }
    }

    /**
     * A streamed upload's body is read by the method it is for, once the call is authorized, against that service's
     * limit (DispatcherResource#upload); this filter leaves it unread.
     */
    private static boolean isStreamedUpload(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, OCTET_STREAM, 0, OCTET_STREAM.length())
                && (contentType.length() == OCTET_STREAM.length()
                        || contentType.charAt(OCTET_STREAM.length()) == ';');
    }

    /** Reads the whole body into {@code body}; the refusal when it is too large, too slow or cut short. */
    private CallFailure read(InputStream in, Body body, long limit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(bodyTimeoutSeconds);
        try {
            while (body.readFrom(in, limit)) {
                if (body.size() > limit) {
                    return new BodyTooLarge(limit, "counted while reading").failure();
                }
                if (System.nanoTime() - deadline > 0) {
                    return tooSlow();
                }
            }
            return null;
        } catch (IOException e) {
            // The client went away, or stalled past the listener's read timeout.
            CallFailure unreadable = unreadable(e);
            return System.nanoTime() - deadline > 0 || String.valueOf(e.getMessage()).contains("Timeout")
                    ? tooSlow() : unreadable;
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

    private CallFailure tooSlow() {
        return new CallFailure(408, 0, "the request body did not arrive within " + bodyTimeoutSeconds + " seconds");
    }

    /** Writes a refusal as an S_ERROR; a 413 or 408 also closes the connection. */
    static void send(HttpServletResponse response, CallFailure failure) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = JEncode.error(failure.errno(), failure.getMessage()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(failure.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        if (failure.status() == 413 || failure.status() == 408) {
            response.setHeader("Connection", "close");
        }
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** A body as read, into its own buffer (no copy through a transfer buffer): the buffer, not a copy of it. */
    private static final class Body extends ByteArrayOutputStream {
        /** What one read may add beyond the bytes already held, when the buffer is full. */
        private static final int CHUNK = 8192;
        /** The most one body can hold: one byte less than the longest array the JVM allocates. */
        static final long MAX_BYTES = Integer.MAX_VALUE - 9;

        Body(int size) {
            super(size);
        }

        /**
         * One read from {@code in} into the free end of the buffer, grown when full; false at the end of the body.
         * Reads at most one byte past {@code limit}, which is how a body over it shows, and holds no more.
         */
        boolean readFrom(InputStream in, long limit) throws IOException {
            long wanted = limit + 1 - count; // at least 1: the caller stops once count passes the limit
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, count + CHUNK), count + wanted));
            }
            int n = in.read(buf, count, (int) Math.min(buf.length - count, wanted));
            if (n < 0) {
                return false;
            }
            count += n;
            return true;
        }

        byte[] buffer() {
            return buf;
        }

        ByteArrayInputStream reader() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    /** The request, with its body served from what was read. */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final Body body;

        BodyRequest(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = body.reader();
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already: read it blocking");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }
            };
        }
    }
}
