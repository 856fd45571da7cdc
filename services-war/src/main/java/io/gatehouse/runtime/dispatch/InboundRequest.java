package io.gatehouse.runtime.dispatch;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The request being served on this thread, with its body as {@link RequestBodyFilter} read it and the caller's body
 * limit it applied, handed to the {@link DispatcherResource} on the same thread. JAX-RS could inject the request
 * and the body as method parameters, but that injection cost more per call than finding the service and the method
 * together.
 */
final class InboundRequest {

    private static final ThreadLocal<InboundRequest> CURRENT = new ThreadLocal<>();

    private final HttpServletRequest request;
    private final byte[] body;
    private final int length;
    private final long maxBodyBytes;

    private InboundRequest(HttpServletRequest request, byte[] body, int length, long maxBodyBytes) {
        this.request = request;
        this.body = body;
        this.length = length;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Makes the request current on this thread until {@link #clear()}; the body is the first length bytes. */
    static void set(HttpServletRequest request, byte[] body, int length, long maxBodyBytes) {
        CURRENT.set(new InboundRequest(request, body, length, maxBodyBytes));
    }

    static void clear() {
        CURRENT.remove();
    }

    /**
     * The request of this thread's call.
     *
     * @throws CallFailure 415 when the body filter left the body unread: a streamed upload, which only a service's
     *                      own route takes
     */
    static InboundRequest current() {
        InboundRequest current = CURRENT.get();
        if (current == null) {
            throw new CallFailure(415, 0, "this route takes a form (application/x-www-form-urlencoded), not"
                    + " streamed content");
        }
        return current;
    }

    HttpServletRequest request() {
        return request;
    }

    /** The body as it arrived (still compressed when it was sent so). */
    InputStream body() {
        return new ByteArrayInputStream(body, 0, length);
    }

    byte[] bodyBytes() {
        return body;
    }

    int bodyLength() {
        return length;
    }

    /** The caller's body limit, counted again after decompression. */
    long maxBodyBytes() {
        return maxBodyBytes;
    }
}
