package io.gatehouse.client;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the exceptions {@code HttpClient} fails with. The JDK wraps them (a {@link ConnectException} around an
 * {@link UnresolvedAddressException}, an {@code IOException} around an {@link SSLHandshakeException}...), so the
 * whole cause chain is searched.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Why the request cannot have reached the server's method, for the failures that prove it: no connection
     * (refused, timed out, unknown host) or a failed TLS handshake (the server reads no application data before the
     * handshake is complete); null for any other failure.
     */
    static String unreachedReason(Throwable failure, Duration connectTimeout) {
        for (Throwable t : chain(failure)) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host" + (t.getMessage() != null ? " (" + t.getMessage() + ")" : "");
            }
        }
        for (Throwable t : chain(failure)) {
            if (t instanceof SSLHandshakeException) {
                return "TLS handshake failed: " + message(t);
            }
        }
        for (Throwable t : chain(failure)) {
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + GatehouseClient.seconds(connectTimeout);
            }
            if (t instanceof ConnectException) {
                String message = t.getMessage();
                return message == null || message.isBlank() ? "connection refused"
                        : message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused"
                        : "cannot connect: " + message;
            }
        }
        return null;
    }

    /** Whether the failure is a timeout (other than a connect timeout). */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection was reset or closed before any reply came. */
    static boolean isDroppedConnection(Throwable failure) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || message.contains("connection reset")
                    || message.contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    /** The failure in a few words: the first message of its cause chain, with its exception's name. */
    static String describe(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static String message(Throwable t) {
        // The JDK's SSLHandshakeException repeats the trust manager's message; fall back to the causes'.
        for (Throwable c : chain(t)) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }

    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> list = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            list.add(t);
        }
        return list;
    }
}
