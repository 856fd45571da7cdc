package io.gatehouse.client;

import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.net.URI;

import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

/**
 * The outcome of one call: DIRAC's {@code S_OK} ({@code ok}, with its {@code value}) or {@code S_ERROR}
 * ({@code errno} and {@code message}), whether the service returned it or the client made it out of an HTTP
 * status or a connection failure.
 *
 * @param ok         true for {@code S_OK}
 * @param value      the {@code Value} of an {@code S_OK} as JSON, tags ({@code dt}, {@code date}, {@code b64})
 *                   still in place; {@link JsonValue#NULL} for JSON null and for every {@code S_ERROR}, never null
 * @param errno      the {@code Errno} of an {@code S_ERROR} (0 when the server gave none), or one of
 *                   {@link io.gatehouse.api.Errors}'s for failures the client saw; 0 for {@code S_OK}
 * @param message    the {@code Message} of an {@code S_ERROR}, or the client's account of the failure; empty for
 *                   {@code S_OK}, never null
 * @param httpStatus the HTTP status of the reply, 0 when no reply came (no connection, timeout)
 * @param url        the URL that answered; for a call no URL answered, the last one tried
 */
public record CallResult(boolean ok, JsonValue value, int errno, String message, int httpStatus, URI url) {

    public CallResult {
        value = value == null ? JsonValue.NULL : value;
        message = message == null ? "" : message;
    }

    /** An {@code S_OK} with this value. */
    public static CallResult success(JsonValue value, int httpStatus, URI url) {
        return new CallResult(true, value, 0, "", httpStatus, url);
    }

    /** An {@code S_ERROR}. */
    public static CallResult error(int errno, String message, int httpStatus, URI url) {
        return new CallResult(false, JsonValue.NULL, errno, message, httpStatus, url);
    }

    /**
     * The value bound to a Java type with {@link JEncode#bind} (the server's own rules: strict, {@code dt} to
     * {@code LocalDateTime}, {@code b64} to {@code byte[]}, records, lists, maps...).
     *
     * @throws IllegalStateException for an {@code S_ERROR}
     * @throws ArgumentException     when the value does not fit the type
     */
    @SuppressWarnings("unchecked")
    public <T> T value(Class<T> type) {
        // Not type.cast: for int.class the bound value is an Integer, which Class.cast refuses.
        return (T) value((Type) type);
    }

    /**
     * The value bound to a type that may be generic, e.g. a method's {@code getGenericReturnType()} such as
     * {@code List<Map<String, Integer>>}.
     *
     * @throws IllegalStateException for an {@code S_ERROR}
     * @throws ArgumentException     when the value does not fit the type
     */
    public Object value(Type type) {
        requireOk();
        return JEncode.bind(value, type);
    }

    /**
     * The value as plain Java objects ({@link JEncode#decode}): maps, lists, strings, numbers, booleans, null,
     * {@code LocalDateTime}, {@code LocalDate}, {@code byte[]}.
     *
     * @throws IllegalStateException for an {@code S_ERROR}
     */
    public Object decodedValue() {
        requireOk();
        return JEncode.decode(value);
    }

    /**
     * This result when it is an {@code S_OK}.
     *
     * @throws CallException for an {@code S_ERROR}, with its errno, message, status and URL
     */
    public CallResult orThrow() {
        if (!ok) {
            throw new CallException(this);
        }
        return this;
    }

    private void requireOk() {
        if (!ok) {
            throw new IllegalStateException("the call failed, there is no value: " + describeError());
        }
    }

    private String describeError() {
        return "errno " + errno + ": " + message + (httpStatus == 0 ? "" : " (HTTP " + httpStatus + ")");
    }

    @Override
    public String toString() {
        return ok ? "S_OK " + value + " from " + url
                : "S_ERROR errno " + errno + ": " + message + " [HTTP " + httpStatus + ", " + url + "]";
    }
}
