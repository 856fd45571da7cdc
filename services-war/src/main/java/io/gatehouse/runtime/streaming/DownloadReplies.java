package io.gatehouse.runtime.streaming;

import io.gatehouse.api.Errors;
import io.gatehouse.api.files.Download;
import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.Transfers;
import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.Replies;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a {@link Download}: opened, and its range checked, before anything is sent, so that every failure up to
 * there is a clean S_ERROR with its status; then streamed in {@value #CHUNK}-byte chunks at constant memory,
 * hashing every byte of the content (also those before and after a requested range, read but not sent) into the
 * transfer's checksum. A failure after the first byte abandons the reply: the caller sees a body shorter than its
 * {@code Content-Length} (or a chunked body without its last chunk), never an error text inside the data.
 */
@ApplicationScoped
public class DownloadReplies {

    private static final Logger LOG = Logger.getLogger(DownloadReplies.class.getName());
    static final int CHUNK = 64 * 1024;

    @Inject
    TransferLedger ledger;

    /**
     * The reply that sends the content.
     *
     * @param range the request's {@code Range} header, or null
     * @param owner who may ask for the checksum: the caller's DN
     * @throws CallFailure when the content cannot be opened, or the range is past its end
     */
    public Response send(Download download, String range, String owner, String what) {
        Download.Opened opened = open(download, what);
        InputStream in = opened.stream();
        long total = opened.length();
        ChecksumDigester digest = new ChecksumDigester();
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, total);
            if (part.isPresent()) {
                hash(in, digest, part.get().start(), true);
            }
        } catch (ByteRange.Unsatisfiable | EOFException e) {
            close(in);
            return Response.fromResponse(Replies.failure(416, 0, "the range "
                            + range + " starts past the end of " + what + (total < 0 ? "" : " (" + total + " bytes)"),
                    null)).header("Content-Range", "bytes */" + (total < 0 ? "*" : total)).build();
        } catch (IOException e) {
            close(in);
            throw readFailure(what, e);
        }
        TransferLedger.Transfer transfer = ledger.begin(owner);
        long sending = part.map(ByteRange::length).orElse(total);
        StreamingOutput body = out -> stream(in, out, digest, sending, total, transfer, what);
        Response.ResponseBuilder reply = Response.status(part.isPresent() ? 206 : 200)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(Transfers.TRANSFER_HEADER, transfer.id())
                // A download cut short must end its connection, for the client to see it at once: Payara's
                // Grizzly otherwise keeps the connection after a failed body, and the client waits for bytes
                // that never come. A new connection per download costs little beside the file.
                .header("Connection", "close")
                .entity(body);
        if (sending >= 0) {
            reply.header(HttpHeaders.CONTENT_LENGTH, sending);
        }
        if (total >= 0) {
            reply.header("Accept-Ranges", "bytes");
        }
        part.ifPresent(p -> reply.header("Content-Range", "bytes " + p.start() + "-"
                + (p.end() < 0 ? "*" : p.end()) + "/" + (total < 0 ? "*" : total)));
        download.fileName().ifPresent(name -> reply.header("Content-Disposition",
                "attachment; filename=\"" + name.replaceAll("[\"\\\\\\p{Cntrl}]", "_") + "\""));
        return reply.build();
    }

    private static Download.Opened open(Download download, String what) {
        try {
            return download.open();
        } catch (NoSuchFileException e) {
            throw new CallFailure(404, Errors.ENOENT, "no file " + what);
        } catch (AccessDeniedException e) {
            throw new CallFailure(403, Errors.EACCES, "the server may not read " + what);
        } catch (IOException e) {
            throw readFailure(what, e);
        }
    }

    private static CallFailure readFailure(String what, IOException e) {
        LOG.log(Level.WARNING, "cannot read " + what + " for a download: " + e);
        return new CallFailure(500, Errors.EIO, "cannot read " + what);
    }

    /** Writes the bytes to send, then hashes the rest; the transfer's checksum once every byte went through. */
    private static void stream(InputStream in, OutputStream out, ChecksumDigester digest, long sending, long total,
                               TransferLedger.Transfer transfer, String what) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long sent = 0;
        try (in) {
            while (sending < 0 || sent < sending) {
                int n = in.read(buffer, 0, (int) (sending < 0 ? buffer.length : Math.min(buffer.length,
                        sending - sent)));
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    transfer.failed("the client went away after " + sent + " bytes");
                    throw e;
                }
                sent += n;
            }
            if (sending >= 0 && sent < sending) {
                throw new EOFException(what + " ended after " + sent + " of " + sending + " bytes");
            }
            hash(in, digest, Long.MAX_VALUE, false);
            if (total >= 0 && digest.size() != total) {
                throw new EOFException(what + " holds " + digest.size() + " bytes, not " + total);
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!transfer.outcome().isDone()) {
                transfer.failed("the content could not be read to its end");
                // The reply is cut short here, on purpose: the client must see an incomplete transfer.
                LOG.log(Level.WARNING, "download of " + what + " abandoned after " + sent + " bytes: " + e);
            }
            // Nothing sent yet (the reply is not committed): the caller still gets a clean 500 S_ERROR
            // (FailureMapper finds the CallFailure inside); otherwise the reply is cut short.
            throw new IOException(e.getMessage(), new CallFailure(500, Errors.EIO, "cannot read " + what));
        }
        transfer.completed(digest.finish());
    }

    /** Reads and hashes up to {@code count} bytes, sending none; {@code exactly}: fewer is an EOFException. */
    private static void hash(InputStream in, ChecksumDigester digest, long count, boolean exactly)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (exactly) {
                    throw new EOFException();
                }
                return;
            }
            digest.update(buffer, 0, n);
            left -= n;
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a download's content failed", e);
        }
    }
}
