package io.gatehouse.api;

/**
 * Thrown by an exported method to answer {@code S_ERROR}: the caller receives HTTP 200 with
 * {@code {"OK": false, "Errno": errno, "Message": ...}}. Any other exception is an internal error (HTTP 500)
 * whose text the caller never sees unless the server runs in debug mode.
 */
public class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /** An error without a number ({@code Errno} 0); the message is sent as it is. */
    public ServiceException(String message) {
        super(message);
        this.errno = 0;
    }

    /** An error with a number; the message is sent as {@code "<strerror> ( <errno> : <message>)"}. */
    public ServiceException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** The error number, 0 when none was given. */
    public int errno() {
        return errno;
    }

    /** This error as the {@code S_ERROR} the caller receives. */
    public Result<Object> toResult() {
        return errno == 0 ? Result.error(getMessage()) : Result.error(errno, getMessage());
    }
}
