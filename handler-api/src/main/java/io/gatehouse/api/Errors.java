package io.gatehouse.api;

import java.util.Map;

/**
 * Error numbers as DIRAC uses them, and its message format for {@code S_ERROR(errno, message)}.
 * The texts are Linux's {@code strerror} ones for POSIX numbers, which DIRAC's Python clients print.
 */
public final class Errors {

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** Interrupted system call: a client thread was interrupted while waiting for the reply. */
    public static final int EINTR = 4;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Input/output error. */
    public static final int EIO = 5;
    /** Permission denied: DIRAC's reading of HTTP 401 and 403. */
    public static final int EACCES = 13;
    /** File exists. */
    public static final int EEXIST = 17;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Function not implemented: DIRAC's reading of HTTP 501. */
    public static final int ENOSYS = 38;
    /** Connection timed out: also a client's read timeout, after which the call may or may not have run. */
    public static final int ETIMEDOUT = 110;
    /** Connection refused: a client reached none of its URLs. */
    public static final int ECONNREFUSED = 111;

    private static final Map<Integer, String> TEXTS = Map.of(
            EPERM, "Operation not permitted",
            EINTR, "Interrupted system call",
            ENOENT, "No such file or directory",
            EIO, "Input/output error",
            EACCES, "Permission denied",
            EEXIST, "File exists",
            EINVAL, "Invalid argument",
            ENOSYS, "Function not implemented",
            ETIMEDOUT, "Connection timed out",
            ECONNREFUSED, "Connection refused");

    private Errors() {
    }

    /** The text DIRAC prints for an error number; {@code "Unknown error <n>"} for a number it does not name. */
    public static String strerror(int errno) {
        return TEXTS.getOrDefault(errno, "Unknown error " + errno);
    }

    /** DIRAC's message for {@code S_ERROR(errno, message)}: {@code "<strerror> ( <errno> : <message>)"}. */
    public static String format(int errno, String message) {
        return strerror(errno) + " ( " + errno + " : " + message + ")";
    }
}
