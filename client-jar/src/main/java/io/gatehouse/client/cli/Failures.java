package io.gatehouse.client.cli;

import io.gatehouse.api.Errors;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.gatehouse.client.CallResult;

/**
 * Turns what went wrong in a call into an exit code and a message that says what happened and what to do.
 */
final class Failures {

    private Failures() {
    }

    /** The short text of an exception: its message, or its class when it has none; causes appended. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage();
            String part = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
            if (last == null || !last.contains(part)) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(part);
            }
            last = part;
            if (text.length() > 400) {
                break;
            }
        }
        return text.toString();
    }

    /**
     * The failure for an exception thrown by a call (the server did not answer): unreachable, TLS, timeout.
     *
     * @param urls  the URLs tried
     * @param setup what the call was made with, for hints ("--timeout 30 s", "CA directory ...")
     */
    static CliFailure ofCall(Throwable e, List<String> urls, CallSetup setup) {
        if (e instanceof CliFailure failure) {
            return failure;
        }
        String where = urls.size() == 1 ? urls.get(0) : "any of " + String.join(", ", urls);
        Throwable tls = find(e, SSLException.class);
        if (find(e, HttpConnectTimeoutException.class) != null || isConnectTimeout(e)) {
            return new CliFailure(ExitCodes.UNREACHABLE, "could not connect to " + where + " within "
                    + setup.connectTimeoutText() + ": is the server up, and the host and port right? ("
                    + describe(e) + ")", e);
        }
        if (tls == null && (find(e, HttpTimeoutException.class) != null || find(e, SocketTimeoutException.class) != null
                || find(e, TimeoutException.class) != null || find(e, InterruptedIOException.class) != null)) {
            return new CliFailure(ExitCodes.TIMEOUT, "no answer from " + where + " within " + setup.readTimeoutText()
                    + ": the call may or may not have run on the server. Check before repeating a call that changes "
                    + "something, or allow more time with --timeout SECONDS.", e);
        }
        if (tls != null || find(e, CertificateException.class) != null
                || find(e, CertPathValidatorException.class) != null) {
            return new CliFailure(ExitCodes.UNREACHABLE, tlsMessage(e, where, setup), e);
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null
                || find(e, PortUnreachableException.class) != null) {
            return new CliFailure(ExitCodes.UNREACHABLE, "could not connect to " + where + " (" + describe(e)
                    + "): is the server running, and are the host and port right?", e);
        }
        if (find(e, UnknownHostException.class) != null || find(e, UnresolvedAddressException.class) != null) {
            return new CliFailure(ExitCodes.UNREACHABLE, "unknown host in " + where + " (" + describe(e)
                    + "): check the URL", e);
        }
        if (find(e, java.io.IOException.class) != null) {
            return new CliFailure(ExitCodes.UNREACHABLE, "the call to " + where + " failed: " + describe(e), e);
        }
        if (e instanceof IllegalArgumentException) {
            return new CliFailure(ExitCodes.USAGE, describe(e), e);
        }
        if (e instanceof IllegalStateException) {
            return ofSetup(e, setup);
        }
        return new CliFailure(ExitCodes.UNREACHABLE, "the call to " + where + " failed: " + describe(e), e);
    }

    /**
     * The failure for an exception thrown while the client was being made (credentials, trust, URLs): the
     * library says what is wrong; this picks the exit code.
     */
    static CliFailure ofSetup(Throwable e, CallSetup setup) {
        if (e instanceof CliFailure failure) {
            return failure;
        }
        String message = describe(e);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("expired") || lower.contains("not yet valid") || lower.contains("proxy")
                || lower.contains("private key") || lower.contains("credential") || lower.contains("password")
                || lower.contains("pkcs12") || lower.contains("pkcs#12") || lower.contains("usercert")) {
            return new CliFailure(ExitCodes.CREDENTIALS, message + credentialsHint(lower), e);
        }
        if (lower.contains("trust") || lower.contains("ca director") || lower.contains("certificates director")
                || lower.contains("x509_cert_dir") || lower.contains("grid-security")) {
            return new CliFailure(ExitCodes.UNREACHABLE, message
                    + "\n  Give the CA certificates with --ca-dir DIR or --truststore FILE (or set X509_CERT_DIR).", e);
        }
        if (e instanceof IllegalArgumentException || lower.contains("url")) {
            return new CliFailure(ExitCodes.USAGE, message, e);
        }
        return new CliFailure(ExitCodes.CREDENTIALS, message, e);
    }

    private static String credentialsHint(String lower) {
        if (lower.contains("gatehouse proxy-init")) {
            return "";
        }
        if (lower.contains("expired") || lower.contains("proxy")) {
            return "\n  Make a new proxy with `gatehouse proxy-init`.";
        }
        return "";
    }

    /**
     * The failure for an answer that is not S_OK: S_ERROR (1), not authorized (5), not implemented (6). For an
     * S_OK result it returns null.
     */
    static CliFailure ofResult(CallResult result, String method, CallSetup setup) {
        if (result.ok()) {
            return null;
        }
        String url = result.url() == null ? "the service" : result.url().toString();
        String message = result.message() == null || result.message().isBlank() ? "(no message)" : result.message();
        int status = result.httpStatus();
        if (status <= 0) {
            return withoutReply(result, message, setup);
        }
        if (status == 503) {
            return new CliFailure(ExitCodes.UNREACHABLE, "the service at " + url + " is unavailable (HTTP 503): "
                    + message + "\n  Try again later, or give another URL with --failover URL.");
        }
        if (status == 401 || status == 403) {
            String hint;
            if (!setup.sendsCertificate()) {
                hint = "No certificate was sent (" + setup.credentialsText() + "): make a proxy with "
                        + "`gatehouse proxy-init`, or give --proxy FILE, --cert FILE --key FILE or --p12 FILE.";
            } else if (status == 401) {
                hint = "The server did not accept " + setup.credentialsText() + ": is it registered there, "
                        + "and does the server trust its CA?";
            } else {
                hint = "Calling as " + setup.credentialsText() + ". Ask the service's administrator for access, "
                        + "or use a group that has it (`gatehouse proxy-init --group NAME`).";
            }
            return new CliFailure(ExitCodes.NOT_AUTHORIZED, "not authorized to call " + method + " (HTTP " + status
                    + "): " + message + "\n  " + hint);
        }
        if (status == 501) {
            return new CliFailure(ExitCodes.NOT_IMPLEMENTED, "the service has no method " + method + ": " + message
                    + "\n  Check the method's name (names are case-sensitive).");
        }
        String errno = result.errno() == 0 ? "" : " [errno " + result.errno() + errnoName(result.errno()) + "]";
        String http = status == 200 || status <= 0 ? "" : " (HTTP " + status + ")";
        String hint = switch (status) {
            case 404 -> "\n  There is no service at this URL: check its /System/Component path.";
            case 400 -> "\n  The request was refused as malformed: check the arguments.";
            case 500 -> "\n  The service failed while running the call; its administrator can find why in its log.";
            default -> "";
        };
        return new CliFailure(ExitCodes.SERVICE_ERROR, method + " on " + url + " failed" + http + ": " + message
                + errno + hint);
    }

    /**
     * A failure without a reply (HTTP status 0), which the client reports as a result: no URL reachable or TLS
     * failed (ECONNREFUSED), no reply in time (ETIMEDOUT), the connection lost after the request went out (EIO),
     * interrupted (EINTR).
     */
    private static CliFailure withoutReply(CallResult result, String message, CallSetup setup) {
        switch (result.errno()) {
            case Errors.ETIMEDOUT:
                return new CliFailure(ExitCodes.TIMEOUT, message + "\n  Check before repeating a call that changes "
                        + "something; allow more time with --timeout SECONDS (now " + setup.readTimeoutText() + ").");
            case Errors.EIO:
            case Errors.EINTR:
                return new CliFailure(ExitCodes.TIMEOUT, message
                        + "\n  Check before repeating a call that changes something.");
            default:
                break;
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        String hint;
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("not trusted")
                || lower.contains("trust anchor") || lower.contains("untrusted") || lower.contains("subject alternative")
                || lower.contains("host name") || lower.contains("hostname") || lower.contains("server certificate")
                || lower.contains("server's certificate")) {
            hint = "The server's certificate was not accepted, trusting " + setup.trustText() + ": give its CA with "
                    + "--ca-dir DIR or --truststore FILE (or set X509_CERT_DIR), and check that the URL's host name "
                    + "is in the server's certificate.";
        } else if (lower.contains("bad_certificate") || lower.contains("certificate_unknown")
                || lower.contains("certificate_expired") || lower.contains("certificate_revoked")
                || lower.contains("unsupported_certificate") || lower.contains("access_denied")
                || lower.contains("certificate_required")) {
            hint = "The server refused our certificate (" + setup.credentialsText() + "): is it expired or revoked, or "
                    + "issued by a CA the server does not trust?";
        } else if (lower.contains("tls") || lower.contains("ssl") || lower.contains("handshake")) {
            hint = "The TLS handshake failed: is this an HTTPS port? Trusting " + setup.trustText() + ".";
        } else if (lower.contains("unknown host")) {
            hint = "Check the host name in the URL.";
        } else if (lower.contains("no connection within") || lower.contains("timed out")) {
            hint = "Is the server up, and the host and port right? Allowing " + setup.connectTimeoutText() + ".";
        } else {
            hint = "Is the server running, and are the host and port right?";
        }
        return new CliFailure(ExitCodes.UNREACHABLE, message + "\n  " + hint);
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> " EPERM";
            case 2 -> " ENOENT";
            case 5 -> " EIO";
            case 11 -> " EAGAIN";
            case 13 -> " EACCES";
            case 17 -> " EEXIST";
            case 22 -> " EINVAL";
            case 27 -> " EFBIG";
            case 38 -> " ENOSYS";
            case 110 -> " ETIMEDOUT";
            default -> "";
        };
    }

    private static String tlsMessage(Throwable e, String where, CallSetup setup) {
        String text = describe(e);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String hint;
        if (lower.contains("pkix") || lower.contains("unable to find valid certification path")
                || lower.contains("certpath") || lower.contains("not trusted") || lower.contains("trust anchor")
                || lower.contains("no subject alternative") || lower.contains("hostname")) {
            hint = "The server's certificate was not accepted. Trusting " + setup.trustText()
                    + ": give the right CA certificates with --ca-dir DIR or --truststore FILE (or set X509_CERT_DIR),"
                    + " and check that the URL's host name is in the server certificate.";
        } else if (lower.contains("bad_certificate") || lower.contains("certificate_unknown")
                || lower.contains("certificate_expired") || lower.contains("certificate_revoked")
                || lower.contains("unsupported_certificate") || lower.contains("access_denied")) {
            hint = "The server refused our certificate (" + setup.credentialsText() + "): is it expired or revoked, "
                    + "or issued by a CA the server does not trust?";
        } else if (lower.contains("handshake") || e instanceof SSLHandshakeException) {
            hint = "Is this an HTTPS port? Trusting " + setup.trustText() + ".";
        } else {
            hint = "Trusting " + setup.trustText() + ".";
        }
        return "TLS with " + where + " failed: " + text + "\n  " + hint;
    }

    private static boolean isConnectTimeout(Throwable e) {
        SocketTimeoutException timeout = find(e, SocketTimeoutException.class);
        return timeout != null && String.valueOf(timeout.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("connect");
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }

    /** What a call was made with, described for hints in messages. */
    interface CallSetup {
        String credentialsText();

        boolean sendsCertificate();

        String trustText();

        String connectTimeoutText();

        String readTimeoutText();
    }
}
