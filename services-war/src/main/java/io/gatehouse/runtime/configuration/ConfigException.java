package io.gatehouse.runtime.configuration;

/** A configuration text that is not valid DIRAC CFG; names the offending line so an administrator can fix it. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;
    private final String reason;

    /**
     * @param lineNumber the 1-based number of the offending line
     * @param line       that line as written
     * @param reason     what is wrong with it
     */
    public ConfigException(int lineNumber, String line, String reason) {
        super("line " + lineNumber + ": " + reason + ": " + line.strip());
        this.lineNumber = lineNumber;
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as written. */
    public String line() {
        return line;
    }

    /** What is wrong, without the line. */
    public String reason() {
        return reason;
    }
}
