package io.gatehouse.client;

import java.net.URI;
import java.util.Objects;

/**
 * What a typed client ({@link GatehouseClient#typed}) throws when a call does not give a usable value: the
 * service's {@code S_ERROR}, an HTTP error, a connection failure, or a value that does not fit the method's
 * return type. {@link GatehouseClient#call} never throws it: it returns the same facts as a {@link CallResult}.
 */
public class CallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final int httpStatus;
    private final URI url;

    /**
     * @param errno      DIRAC's errno (0 when none)
     * @param httpStatus the reply's HTTP status, 0 when no reply came
     * @param url        the URL that answered or was tried last; may be null
     */
    public CallException(String message, int errno, int httpStatus, URI url) {
        this(message, errno, httpStatus, url, null);
    }

    /** As {@link #CallException(String, int, int, URI)}, with the exception that caused it. */
    public CallException(String message, int errno, int httpStatus, URI url, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.httpStatus = httpStatus;
        this.url = url;
    }

    /** The exception for a failed call's result. */
    public CallException(CallResult failed) {
        this(Objects.requireNonNull(failed, "failed").message(), failed.errno(), failed.httpStatus(), failed.url());
        if (failed.ok()) {
            throw new IllegalArgumentException("not a failure: " + failed);
        }
    }

    /** DIRAC's errno: the server's {@code Errno}, or one of {@link io.gatehouse.api.Errors}'s for failures seen by the client. */
    public int errno() {
        return errno;
    }

    /** The reply's HTTP status, 0 when no reply came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The URL that answered, or the last one tried; may be null. */
    public URI url() {
        return url;
    }
}
