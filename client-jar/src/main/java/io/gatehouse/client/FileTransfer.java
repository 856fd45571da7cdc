package io.gatehouse.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.gatehouse.api.wire.Transfers;

/**
 * The outcome of one {@link GatehouseClient#receiveFile} or {@link GatehouseClient#sendFile}: like a
 * {@link CallResult}, every outcome is a value (the server's S_ERROR, an HTTP error status, a failure to connect,
 * a checksum that did not match), never an exception.
 *
 * @param ok               true when the whole file went through and its checksum matched the server's (or, for
 *                         an unverified download, {@link #verified()} false, when it went through)
 * @param errno            0 when ok; else the server's {@code Errno}, or one of {@link io.gatehouse.api.Errors}'s
 *                         for failures the client saw ({@code EIO} for a checksum mismatch or a transfer cut short
 *                         too often, {@code ETIMEDOUT}, {@code ECONNREFUSED}, {@code EWF}/{@code ERF} for local
 *                         files...)
 * @param message          empty when ok; else what went wrong, never null
 * @param httpStatus       the HTTP status of the last reply (200 or 206 for a download's body), 0 when none came or
 *                         the body was cut short
 * @param url              the URL that answered, or the last one tried
 * @param file             the local file: the destination of a download, the source of an upload
 * @param checksum         the file's checksum, size included, as both ends computed it when {@code verified}; the
 *                         local one for an unverified download; null when the transfer failed
 * @param verified         whether {@code checksum} was compared with the server's and matched
 * @param bytesTransferred bytes that crossed the network in this call (a resumed download does not count the bytes
 *                         already on disk; a cut-short attempt counts what it got)
 * @param attempts         requests made for the file: 1, plus one per automatic resume (0 when none could be made)
 * @param elapsed          the time the call took, checksum included
 * @param result           for {@code sendFile}, the method's reply ({@code S_OK} with its value, or its
 *                         {@code S_ERROR}) when the server replied; null otherwise and for {@code receiveFile}
 */
public record FileTransfer(boolean ok, int errno, String message, int httpStatus, URI url, Path file,
                           Transfers.Checksum checksum, boolean verified, long bytesTransferred, int attempts,
                           Duration elapsed, CallResult result) {

    public FileTransfer {
        message = message == null ? "" : message;
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    /**
     * This transfer when it succeeded.
     *
     * @throws CallException for a failed one, with its errno, message, status and URL
     */
    public FileTransfer orThrow() {
        if (!ok) {
            throw new CallException(CallResult.error(errno, message, httpStatus, url));
        }
        return this;
    }

    /** The file's size when the transfer succeeded, else -1. */
    public long size() {
        return checksum == null ? -1 : checksum.size();
    }

    @Override
    public String toString() {
        return ok ? "FileTransfer OK " + file + " " + checksum.toHeader() + (verified ? "" : " (unverified)")
                + ", " + bytesTransferred + " bytes in " + attempts + " attempt(s), " + elapsed + ", " + url
                : "FileTransfer FAILED " + file + ": errno " + errno + ": " + message + " [HTTP " + httpStatus + ", "
                + url + "]";
    }
}
