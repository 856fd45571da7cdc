package io.gatehouse.api.wire;

/**
 * A caller sent an argument that cannot be used: malformed JSON, the wrong JSON kind, a number out of range, a
 * malformed tagged value... The message is meant for the person who made the call, so it names what was expected
 * in plain words and what arrived; the dispatcher prefixes it with the argument position.
 */
public class ArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArgumentException(String message) {
        super(message);
    }

    public ArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
