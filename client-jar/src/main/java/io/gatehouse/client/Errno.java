package io.gatehouse.client;

/**
 * The errno values the client itself puts into a {@link CallResult} (Linux numbering, as DIRAC uses). A server's
 * own {@code Errno} is passed through unchanged and may be anything.
 */
public final class Errno {

    /** The call failed after the request may have been sent: it may or may not have run. */
    public static final int EIO = 5;
    /** The calling thread was interrupted while waiting for the reply. */
    public static final int EINTR = 4;
    /** 401 or 403: no valid credential, or not allowed. */
    public static final int EACCES = 13;
    /** 501: the service has no such method. */
    public static final int ENOSYS = 38;
    /** The reply did not come within the read timeout: the call may or may not have run. */
    public static final int ETIMEDOUT = 110;
    /** No URL could be reached (refused, timed out, unknown host, TLS handshake failure). */
    public static final int ECONNREFUSED = 111;

    private Errno() {
    }
}
