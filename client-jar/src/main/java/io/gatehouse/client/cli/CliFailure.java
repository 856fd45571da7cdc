package io.gatehouse.client.cli;

/**
 * A failure the command line reports to the user: the message goes to standard error as it is (it says what
 * went wrong and what to do), the exit code to the shell.
 */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static CliFailure credentials(String message) {
        return new CliFailure(ExitCodes.CREDENTIALS, message);
    }

    static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }
}
