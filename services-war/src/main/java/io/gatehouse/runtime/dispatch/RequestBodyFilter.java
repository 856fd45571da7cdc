package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.wire.JEncode;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every call's body before the call starts, without holding a worker thread while the bytes come: the body
 * is collected by a non-blocking {@link ReadListener}, against the caller's limit ({@link CallLimits}) and a
 * deadline for the whole body, and the call is dispatched once the last byte is in. So hundreds of clients sending
 * slowly, or stalling, hold no thread between their bytes, and lose their connection at the deadline; a body over
 * its limit is refused at the first byte too many (or at once when its {@code Content-Length} says so); and a
 * client that goes away mid-body costs one line in the log and never reaches JAX-RS.
 *
 * <p>The body is held once, as read, and handed to JAX-RS as the request's input stream.
 */
@WebFilter(filterName = "gatehouse-request-body", urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestBodyFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RequestBodyFilter.class.getName());
    private static final String BODY = "io.gatehouse.body";
    /** The most a body's announced length may make us reserve before its bytes arrive. */
    private static final int MAX_PRESIZE = 64 * 1024;

    @Inject
    CallLimits limits;

    @Inject
    Instance<RequestContextController> contexts;

    /** How long a client may take to send a whole body. */
    @Inject
    @ConfigProperty(name = "gatehouse.body-timeout-seconds", defaultValue = "30")
    long bodyTimeoutSeconds;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (request.getAttribute(BODY) instanceof Body body) {
            // The call proper, dispatched on another thread once the body is in: CDI's request context is not
            // active there by itself, so it is activated for the call's duration.
            RequestContextController context = contexts.get();
            boolean activated = context.activate();
            try {
                chain.doFilter(new BodyRequest(request, body), response);
            } finally {
                if (activated) {
                    context.deactivate();
                }
                contexts.destroy(context);
            }
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long limit;
        try {
            limit = limits.maxBodyBytes(request);
        } catch (CallFailure refused) {
            send(response, refused);
            return;
        }
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            send(response, new BodyLimits.TooLarge(limit, "announced in Content-Length").failure());
            return;
        }
        if (announced == 0 || !request.isAsyncSupported()) {
            // Nothing to wait for, or a chain that cannot go asynchronous: JAX-RS reads the stream, capped by BodyLimits.
            chain.doFilter(request, response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(bodyTimeoutSeconds * 1000);
        ServletInputStream in = request.getInputStream();
        Collector collector = new Collector(async, in, limit, (int) Math.min(Math.max(announced, 256), MAX_PRESIZE));
        async.addListener(collector);
        in.setReadListener(collector);
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

    /** A body as read: the collector's buffer, not a copy of it. */
    private static final class Body extends ByteArrayOutputStream {
        Body(int size) {
            super(size);
        }

        ByteArrayInputStream reader() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    /** Collects one body as its bytes arrive; ends the exchange itself on a refusal, a timeout or an error. */
    private final class Collector implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final long limit;
        private final Body body;
        private final byte[] buffer = new byte[8192];
        private boolean finished;

        Collector(AsyncContext async, ServletInputStream in, long limit, int presize) {
            this.async = async;
            this.in = in;
            this.limit = limit;
            this.body = new Body(presize);
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!finished && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (body.size() + (long) n > limit) {
                    end(new BodyLimits.TooLarge(limit, "counted while reading").failure());
                    return;
                }
                body.write(buffer, 0, n);
            }
        }

        @Override
        public synchronized void onAllDataRead() {
            if (finished) {
                return;
            }
            finished = true;
            async.getRequest().setAttribute(BODY, body);
            async.dispatch();
        }

        @Override
        public synchronized void onError(Throwable error) {
            if (finished) {
                return;
            }
            finished = true;
            LOG.log(Level.INFO, "request body not read completely: {0}", String.valueOf(error.getMessage()));
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // the container has ended the exchange itself
            }
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) {
            if (!finished) {
                end(new CallFailure(408, 0, "the request body did not arrive within " + bodyTimeoutSeconds
                        + " seconds"));
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void end(CallFailure failure) {
            finished = true;
            try {
                send((HttpServletResponse) async.getResponse(), failure);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.INFO, "could not send a refusal: {0}", String.valueOf(e.getMessage()));
            }
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // the container has ended the exchange itself
            }
        }
    }

    /** The request, with its body served from what the collector read. */
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
                    throw new IllegalStateException("the body has been read already; read it blocking");
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
