package io.gatehouse.api;

import java.util.Objects;

/**
 * DIRAC's {@code S_OK} / {@code S_ERROR}: what an exported method may return when a failure is an ordinary
 * outcome rather than an exception. Either way the caller receives HTTP 200 with
 * {@code {"OK": true, "Value": ...}} or {@code {"OK": false, "Errno": ..., "Message": ...}}.
 *
 * @param <T> the type of the value on success
 */
public final class Result<T> {

    private final boolean ok;
    private final T value;
    private final int errno;
    private final String message;

    private Result(boolean ok, T value, int errno, String message) {
        this.ok = ok;
        this.value = value;
        this.errno = errno;
        this.message = message;
    }

    /** {@code S_OK(value)}. */
    public static <T> Result<T> ok(T value) {
        return new Result<>(true, value, 0, null);
    }

    /** {@code S_OK()}: success with a null value. */
    public static <T> Result<T> ok() {
        return new Result<>(true, null, 0, null);
    }

    /** {@code S_ERROR(message)}: a failure without an error number ({@code Errno} 0). */
    public static <T> Result<T> error(String message) {
        return new Result<>(false, null, 0, Objects.requireNonNull(message, "message"));
    }

    /**
     * {@code S_ERROR(errno, message)}. As in DIRAC, the message the caller reads is
     * {@code "<strerror> ( <errno> : <message>)"}, for example {@code "Permission denied ( 13 : not yours)"}
     * or {@code "Unauthorized query ( 1111 : Unauthorized query)"}; with errno 0 the message as given.
     */
    public static <T> Result<T> error(int errno, String message) {
        return new Result<>(false, null, errno, Errors.format(errno, Objects.requireNonNull(message, "message")));
    }

    /** True for {@code S_OK}. */
    public boolean isOk() {
        return ok;
    }

    /** The value of an {@code S_OK}; null for an {@code S_ERROR}. */
    public T value() {
        return value;
    }

    /** The error number of an {@code S_ERROR}, 0 when none was given (and for {@code S_OK}). */
    public int errno() {
        return errno;
    }

    /** The message of an {@code S_ERROR} as the caller reads it; null for {@code S_OK}. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return ok ? "S_OK(" + value + ")" : "S_ERROR(" + errno + ", " + message + ")";
    }
}
