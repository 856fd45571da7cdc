package io.gatehouse.client.cli;

/**
 * The exit codes of the {@code gatehouse} command, the same for every subcommand, so that a script can tell what
 * went wrong without reading the message.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The service answered, with S_ERROR (the message and errno are printed). */
    public static final int SERVICE_ERROR = 1;
    /** The command line is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** A credential is missing, expired or unreadable: proxy, certificate, key, PKCS#12 file or password. */
    public static final int CREDENTIALS = 3;
    /** No URL could be reached, or TLS failed (server not trusted, our certificate refused, no trust anchors). */
    public static final int UNREACHABLE = 4;
    /** The service refused the caller (HTTP 401 or 403). */
    public static final int NOT_AUTHORIZED = 5;
    /** The service does not have the method (HTTP 501). */
    public static final int NOT_IMPLEMENTED = 6;
    /** No answer in time, or the connection lost after the request went out: the call may or may not have run. */
    public static final int TIMEOUT = 7;
    /** A bug in gatehouse itself (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    /** The list picocli prints under "Exit codes:" in every --help. */
    static final String[] HELP_LIST = {
        " 0:success",
        " 1:the service answered S_ERROR (its message and errno are printed)",
        " 2:usage error (unknown option, missing or malformed argument)",
        " 3:credentials problem: proxy, certificate or key missing, expired or unreadable, wrong password",
        " 4:could not reach any URL, or TLS failed (untrusted server, certificate refused, no CA certificates)",
        " 5:not authorized (HTTP 401/403)",
        " 6:method not implemented by the service (HTTP 501)",
        " 7:timeout, or connection lost after the call was sent: it may or may not have run",
        "70:internal error in gatehouse (please report it)",
    };

    private ExitCodes() {
    }
}
