package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Errors;

import jakarta.ws.rs.core.Response.Status;

/**
 * A call that ends before or instead of the method's own result: the HTTP status and the S_ERROR the caller
 * receives. Thrown anywhere on the call path; the dispatcher turns it into the reply.
 */
public class CallFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errno;
    private final long retryAfterSeconds;

    /**
     * @param status  the HTTP status
     * @param errno   DIRAC's error number, 0 for none
     * @param message what the caller reads; with a non-zero errno it is formatted as DIRAC does
     */
    public CallFailure(int status, int errno, String message) {
        this(status, errno, message, 0);
    }

    /**
     * A failure that tells the caller when to try again (a 503 of a service that is not ready).
     *
     * @param retryAfterSeconds sent as {@code Retry-After}; 0 for none
     */
    public CallFailure(int status, int errno, String message, long retryAfterSeconds) {
        super(errno == 0 ? message : Errors.format(errno, message), null, false, false);
        this.status = status;
        this.errno = errno;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static CallFailure badRequest(String message) {
        return new CallFailure(Status.BAD_REQUEST.getStatusCode(), 0, message);
    }

    public static CallFailure notFound(String message) {
        return new CallFailure(Status.NOT_FOUND.getStatusCode(), 0, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** DIRAC's error number, 0 for none. */
    public int errno() {
        return errno;
    }

    /** When the caller may try again, in seconds, for {@code Retry-After}; 0 when the failure does not say. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
