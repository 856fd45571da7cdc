package io.gatehouse.client;

import io.gatehouse.api.Errors;

import javax.net.ssl.HttpsURLConnection;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.api.wire.Transfers;

/**
 * The file transfers of a {@link GatehouseClient} ({@link Transfers}' contract): downloads with resume and
 * checksum, uploads with checksum. Memory is constant: 64 KiB buffers, whatever the file's size.
 *
 * <p>They go over {@code HttpsURLConnection} (blocking sockets, the client's {@link TransferSockets}), not the JDK's
 * {@code HttpClient}, whose TLS layer copies every record between buffers: a large body moves two to three times
 * as fast. Every request body is sent in fixed-length streaming mode, so the JDK neither buffers it nor sends it
 * again by itself.
 */
final class FileTransfers {

    private static final System.Logger LOG = System.getLogger(FileTransfers.class.getName());

    static final int BUFFER = 64 * 1024;
    /** The most of an error reply's body that is read. */
    private static final int ERROR_BODY_LIMIT = 1 << 20;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final GatehouseClient client;

    FileTransfers(GatehouseClient client) {
        this.client = client;
    }

    FileTransfer receive(Path destination, TransferOptions options, String method, String args) {
        return new Download(destination, options, method, args).run();
    }

    FileTransfer send(Path source, TransferOptions options, String method, String args) {
        return new Upload(source, options, method, args).run();
    }

    static Path partFile(Path destination) {
        return destination.resolveSibling(destination.getFileName() + ".part");
    }

    // ---- download ----

    /** One download: its state across attempts. */
    private final class Download {

        private final Path destination;
        private final Path part;
        private final TransferOptions options;
        private final String method;
        private final byte[] form;
        private final Duration stall;
        private final long start = System.nanoTime();
        private final Progress progress;
        /** Digests the .part's bytes, from its first: its size is the .part's length. */
        private ChecksumDigester digester = new ChecksumDigester();
        private long transferred;
        private int attempts;
        private boolean restarted;
        private URI preferred;

        Download(Path destination, TransferOptions options, String method, String args) {
            this.destination = destination;
            this.part = partFile(destination);
            this.options = options;
            this.method = method;
            String raw = new String(client.form(method, args), StandardCharsets.US_ASCII) + "&rawContent=True";
            this.form = raw.getBytes(StandardCharsets.US_ASCII);
            this.stall = options.stallTimeout().orElse(client.readTimeout());
            this.progress = new Progress(options.progress());
        }

        FileTransfer run() {
            if (Files.isDirectory(destination)) {
                return local(Errors.EISDIR, destination + " is a directory: give the file to write");
            }
            Path parent = destination.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return local(Errors.ENOENT, "there is no directory " + parent + " to write " + destination.getFileName()
                        + " in");
            }
            try {
                if (!options.resume()) {
                    Files.deleteIfExists(part);
                } else if (Files.isRegularFile(part)) {
                    hashPart();
                }
            } catch (IOException e) {
                return local(Errors.ERF, "cannot read the partial download " + part + ": " + describe(e));
            }
            while (true) {
                attempts++;
                long offset = digester.size();
                Opened opened = open(offset);
                if (opened.connection() == null) {
                    CallResult failure = opened.failure();
                    if (failure.httpStatus() == 416 && offset > 0 && !restarted) {
                        // The .part does not fit the file (longer, or already whole): start over, once.
                        LOG.log(System.Logger.Level.DEBUG, () -> "HTTP 416 resuming " + part + " at " + offset
                                + ": starting over");
                        if (!startOver()) {
                            return writeFailed(null, failure.url());
                        }
                        continue;
                    }
                    if (opened.retryable() && attempts < options.maxAttempts()) {
                        if (!backoff()) {
                            return interrupted(failure.url());
                        }
                        continue;
                    }
                    return fail(failure.errno(), failure.message(), failure.httpStatus(), failure.url(), true);
                }
                preferred = opened.url();
                FileTransfer outcome = receiveBody(opened, offset);
                if (outcome != null) {
                    return outcome;
                }
                // cut short: resume
                if (!backoff()) {
                    return interrupted(opened.url());
                }
            }
        }

        /**
         * Reads one body into the .part; null when it was cut short and may be resumed. The connection is released:
         * kept alive only when its body was read to the end.
         */
        private FileTransfer receiveBody(Opened opened, long offset) {
            HttpsURLConnection connection = opened.connection();
            InputStream in = opened.body();
            URI url = opened.url();
            int status = opened.status();
            boolean readToTheEnd = false;
            long total;
            String transferId;
            try {
                if (status == 206) {
                    String header = connection.getHeaderField("Content-Range");
                    long[] range = contentRange(header);
                    if (range == null || range[0] != offset) {
                        String got = header != null ? header : "no Content-Range";
                        if (!restarted) {
                            LOG.log(System.Logger.Level.DEBUG, () -> "asked for bytes " + offset + "- of " + url
                                    + ", got " + got + ": starting over");
                            return startOver() ? null : writeFailed(null, url);
                        }
                        return fail(Errors.EIO, "the server at " + url + " answered the range bytes=" + offset
                                + "- with " + got, status, url, false);
                    }
                    total = range[2];
                } else {
                    if (offset > 0) {
                        // The server ignored the Range: the body is the whole file.
                        if (!startOver()) {
                            return writeFailed(null, url);
                        }
                    }
                    total = connection.getHeaderFieldLong("Content-Length", -1);
                }
                long from = digester.size();
                transferId = Optional.ofNullable(connection.getHeaderField(Transfers.TRANSFER_HEADER))
                        .map(String::trim).filter(id -> !id.isEmpty()).orElse(null);
                IOException cut = null;
                boolean interrupted = false;
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    channel.truncate(from);
                    channel.position(from);
                    progress.update(from, total);
                    byte[] buffer = new byte[BUFFER];
                    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
                    boolean end = false;
                    while (!end) {
                        // The buffer filled (as readNBytes would), but what came before a failure is kept.
                        int n = 0;
                        try {
                            while (n < BUFFER) {
                                int got = in.read(buffer, n, BUFFER - n);
                                if (got < 0) {
                                    end = true;
                                    break;
                                }
                                n += got;
                            }
                        } catch (IOException e) {
                            cut = e;
                            end = true;
                        }
                        wrapped.clear().limit(n);
                        while (wrapped.hasRemaining()) {
                            channel.write(wrapped);
                        }
                        digester.update(buffer, 0, n);
                        transferred += n;
                        progress.update(digester.size(), total);
                        if (!end && Thread.currentThread().isInterrupted()) {
                            interrupted = true;
                            break;
                        }
                    }
                    if (cut == null && !interrupted) {
                        channel.force(false);
                    }
                } catch (IOException e) {
                    // Opening, writing or syncing the .part: the local disk, not the network.
                    return writeFailed(e, url);
                }
                if (interrupted) {
                    return interrupted(url);
                }
                if (cut == null && total >= 0 && digester.size() < total) {
                    cut = new EOFException("the body ended at byte " + digester.size() + " of " + total);
                }
                if (cut != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        return interrupted(url);
                    }
                    String why = timedOut(cut) ? "no byte for " + GatehouseClient.seconds(stall) : describe(cut);
                    LOG.log(System.Logger.Level.DEBUG, () -> "download from " + url + " cut short at byte "
                            + digester.size() + " (" + why + "), attempt " + attempts + " of "
                            + options.maxAttempts());
                    if (attempts < options.maxAttempts()) {
                        return null;
                    }
                    return fail(Errors.EIO, "the download from " + url + " was cut short " + attempts
                            + (attempts == 1 ? " time" : " times") + " (last: " + why + "), at byte "
                            + digester.size() + (total >= 0 ? " of " + total : ""), 0, url, true);
                }
                readToTheEnd = true;
            } finally {
                release(connection, in, readToTheEnd);
            }
            long size = digester.size();
            progress.finish(size, total >= 0 ? total : size);
            return verify(url, status, transferId);
        }

        private FileTransfer verify(URI url, int status, String transferId) {
            Transfers.Checksum local = digester.finish();
            digester = null;
            if (transferId == null) {
                if (options.requireChecksum()) {
                    return fail(Errors.EIO, "the server at " + url + " sent the file without a "
                            + Transfers.TRANSFER_HEADER + " header, so its checksum cannot be asked for and the "
                            + "download cannot be verified (a DIRAC server? TransferOptions.withRequireChecksum(false)"
                            + " accepts an unverified download)", status, url, false);
                }
                return install(url, local, false);
            }
            String args = JEncode.encode(List.of(transferId));
            Attempt attempt = client.attempt(url, client.form(Transfers.CHECKSUM_METHOD, args),
                    Transfers.CHECKSUM_METHOD);
            CallResult reply = attempt.result();
            if (reply == null) {
                return fail(Errors.ECONNREFUSED, "the file came, but its checksum could not be asked for: "
                        + attempt.failure(), 0, url, false);
            }
            if (!reply.ok()) {
                return fail(reply.errno(), "the file came, but the server did not give its checksum ("
                        + Transfers.CHECKSUM_METHOD + " " + transferId + "): " + reply.message(), reply.httpStatus(),
                        url, false);
            }
            Object value = reply.decodedValue();
            Optional<Transfers.Checksum> remote = value instanceof Map<?, ?> map ? Transfers.Checksum.fromValue(map)
                    : Optional.empty();
            if (remote.isEmpty()) {
                return fail(Errors.EIO, "the file came, but the server's checksum is malformed: " + reply.value(),
                        reply.httpStatus(), url, false);
            }
            if (!remote.get().equals(local)) {
                return fail(Errors.EIO, "checksum mismatch: the server's is " + remote.get().toHeader()
                        + ", the received file's is " + local.toHeader() + "; the partial file was deleted", status,
                        url, false);
            }
            return install(url, local, true);
        }

        private FileTransfer install(URI url, Transfers.Checksum checksum, boolean verified) {
            try {
                try {
                    Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                deletePart();
                return new FileTransfer(false, Errors.EWF, "the file came and was verified, but it cannot be moved "
                        + "from " + part + " to " + destination + ": " + describe(e), 0, url, destination, null,
                        false, transferred, attempts, elapsed(), null);
            }
            return new FileTransfer(true, 0, "", 200, url, destination, checksum, verified, transferred, attempts,
                    elapsed(), null);
        }

        // ---- one request ----

        /** The request for the body from {@code offset}, at each URL in turn, until one answers. */
        private Opened open(long offset) {
            List<Attempt> missed = new ArrayList<>();
            for (URI url : urls()) {
                Opened opened = openAt(url, offset);
                if (opened.missed() == null) {
                    return opened;
                }
                missed.add(opened.missed());
                LOG.log(System.Logger.Level.DEBUG, () -> "download did not reach " + url + " ("
                        + opened.missed().failure() + ")");
            }
            return Opened.failure(client.noUrlServed(missed), false);
        }

        /** The URLs, the one that served the last body first. */
        private List<URI> urls() {
            List<URI> all = new ArrayList<>(client.urls());
            if (preferred != null && all.remove(preferred)) {
                all.add(0, preferred);
            }
            return all;
        }

        private Opened openAt(URI url, long offset) {
            return openAt(url, offset, true);
        }

        /**
         * One request. {@code streaming}: the form is sent in fixed-length streaming mode, so that the JDK never
         * sends the request again by itself; but then it drops the body of a 401, which is asked for again without.
         */
        private Opened openAt(URI url, long offset, boolean streaming) {
            if (Thread.currentThread().isInterrupted()) {
                return Opened.failure(CallResult.error(Errors.EINTR, "interrupted while downloading from " + url, 0,
                        url), false);
            }
            HttpsURLConnection connection;
            try {
                connection = client.transferConnection(url, client.transferSockets(), stall);
            } catch (IOException e) {
                return Opened.missed(Attempt.notReached(url, "cannot connect: " + describe(e), null));
            }
            if (streaming) {
                connection.setFixedLengthStreamingMode(form.length);
            }
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("Accept", "application/octet-stream, application/json");
            if (offset > 0) {
                connection.setRequestProperty("Range", "bytes=" + offset + "-");
            }
            try {
                connection.connect();
            } catch (IOException e) {
                connection.disconnect();
                return Opened.missed(unreached(url, e));
            }
            int status;
            try {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(form);
                }
                status = connection.getResponseCode();
                if (status < 0) {
                    throw new IOException("the reply is not HTTP");
                }
            } catch (IOException e) {
                connection.disconnect();
                if (timedOut(e)) {
                    return Opened.failure(CallResult.error(Errors.ETIMEDOUT, "no reply from " + url + " within "
                            + GatehouseClient.seconds(stall) + " to the download request", 0, url), false);
                }
                return broken(url, e);
            }
            String type = Optional.ofNullable(connection.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            if (status == 206 || (status == 200 && !type.startsWith("application/json"))) {
                try {
                    return new Opened(url, connection, status, connection.getInputStream(), null, null, false);
                } catch (IOException e) {
                    connection.disconnect();
                    return broken(url, e);
                }
            }
            if (status == 401 && streaming) {
                // A download is a read: asking again, to read the refusal, is harmless.
                connection.disconnect();
                return openAt(url, offset, false);
            }
            // An error reply (or, from a DIRAC server, an S_ERROR sent as JSON with 200): no byte of the file.
            HttpHeaders headers = headers(connection);
            byte[] bytes = readReply(connection, status, ERROR_BODY_LIMIT);
            Attempt attempt = Replies.read(url, method, status, headers, bytes);
            if (!attempt.reachedMethod()) {
                return Opened.missed(attempt);
            }
            CallResult result = attempt.result();
            if (result.ok()) {
                result = CallResult.error(Errors.EIO, "the server at " + url + " answered " + method
                        + " with a JSON value, not the file's bytes: is it a download method?", status, url);
            }
            return Opened.failure(result, false);
        }

        /** No reply: the next URL when the request cannot have gone out, else an attempt that may be repeated. */
        private Opened broken(URI url, IOException cause) {
            String unreached = Failures.unreachedReason(cause, client.connectTimeout());
            if (unreached != null) {
                return Opened.missed(Attempt.notReached(url, unreached, null));
            }
            // A download is a read: a request lost after it went out may be made again.
            return Opened.failure(CallResult.error(Errors.EIO, "the connection to " + url + " failed before the "
                    + "file came: " + Failures.describe(cause), 0, url), true);
        }

        // ---- the .part ----

        private void hashPart() throws IOException {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(part)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    digester.update(buffer, 0, n);
                }
            }
        }

        /** Empties the .part and the digest; false when the .part cannot be removed. */
        private boolean startOver() {
            restarted = true;
            digester = new ChecksumDigester();
            progress.update(0, -1);
            try {
                Files.deleteIfExists(part);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private void deletePart() {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete " + part + ": " + describe(e));
            }
        }

        // ---- outcomes ----

        /**
         * A failure. The .part is kept, for the next call to resume, only when {@code keepable}, resume is on and it
         * holds something; else it is deleted.
         */
        private FileTransfer fail(int errno, String message, int status, URI url, boolean keepable) {
            boolean kept = false;
            if (keepable && options.resume() && Files.exists(part)) {
                try {
                    kept = Files.size(part) > 0;
                } catch (IOException e) {
                    kept = false;
                }
            }
            if (!kept) {
                deletePart();
            }
            String text = message + (kept ? " (the partial file " + part + " is kept: the next call resumes it)"
                    : "");
            return new FileTransfer(false, errno, text, status, url, destination, null, false, transferred, attempts,
                    elapsed(), null);
        }

        private FileTransfer writeFailed(IOException e, URI url) {
            return fail(Errors.EWF, "cannot write " + part + (e == null ? "" : ": " + describe(e)), 0, url, false);
        }

        private FileTransfer interrupted(URI url) {
            return fail(Errors.EINTR, "interrupted while downloading " + destination, 0, url, true);
        }

        private FileTransfer local(int errno, String message) {
            return new FileTransfer(false, errno, message, 0, client.urls().get(0), destination, null, false, 0, 0,
                    elapsed(), null);
        }

        /** Waits before resuming; false when interrupted. */
        private boolean backoff() {
            long millis = options.retryBackoff().toMillis();
            for (int i = 1; i < attempts && millis < MAX_BACKOFF.toMillis(); i++) {
                millis *= 2;
            }
            millis = Math.min(millis, MAX_BACKOFF.toMillis());
            try {
                Thread.sleep(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    /**
     * The reply to one download request: its connection and body (to {@link #release} after), or a failure
     * ({@code retryable} when the request may be made again), or a URL that was not reached.
     */
    private record Opened(URI url, HttpsURLConnection connection, int status, InputStream body, Attempt missed,
                          CallResult failure, boolean retryable) {

        static Opened missed(Attempt attempt) {
            return new Opened(attempt.url(), null, 0, null, attempt, null, false);
        }

        static Opened failure(CallResult result, boolean retryable) {
            return new Opened(result.url(), null, 0, null, null, result, retryable);
        }
    }

    /** {@code bytes N-M/TOTAL}: {N, M, TOTAL}, TOTAL -1 for {@code *}; null when absent or malformed. */
    static long[] contentRange(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = CONTENT_RANGE.matcher(header);
        if (!matcher.matches()) {
            return null;
        }
        try {
            long total = matcher.group(3).equals("*") ? -1 : Long.parseLong(matcher.group(3));
            return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), total};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- upload ----

    /** One upload. */
    private final class Upload {

        private final Path source;
        private final TransferOptions options;
        private final String method;
        private final String args;
        private final Duration stall;
        private final long start = System.nanoTime();
        private final Progress progress;

        Upload(Path source, TransferOptions options, String method, String args) {
            this.source = source;
            this.options = options;
            this.method = method;
            this.args = args;
            this.stall = options.stallTimeout().orElse(client.readTimeout());
            this.progress = new Progress(options.progress());
        }

        FileTransfer run() {
            URI first = client.urls().get(0);
            if (Files.isDirectory(source)) {
                return failure(Errors.EISDIR, source + " is a directory: give a file to send", 0, first, null, 0);
            }
            if (!Files.isRegularFile(source)) {
                return failure(Errors.ENOENT, "there is no file " + source, 0, first, null, 0);
            }
            if (!Files.isReadable(source)) {
                return failure(Errors.ERF, "cannot read " + source, 0, first, null, 0);
            }
            List<Attempt> missed = new ArrayList<>();
            for (URI url : client.urls()) {
                Sent sent = sendTo(url);
                if (sent.transfer() != null) {
                    return sent.transfer();
                }
                missed.add(sent.missed());
                LOG.log(System.Logger.Level.DEBUG, () -> "upload did not reach " + url + " ("
                        + sent.missed().failure() + ")");
            }
            CallResult result = client.noUrlServed(missed);
            return failure(result.errno(), result.message(), result.httpStatus(), result.url(), null, 0);
        }

        /**
         * The upload to one URL, on a connection of its own (never a kept-alive one, which might have been closed
         * by the server meanwhile): once its request may have gone out, it is not repeated.
         */
        private Sent sendTo(URI url) {
            long size;
            InputStream file;
            try {
                file = Files.newInputStream(source);
                size = Files.size(source);
            } catch (NoSuchFileException e) {
                return new Sent(failure(Errors.ENOENT, "there is no file " + source, 0, url, null, 0), null);
            } catch (IOException e) {
                return new Sent(failure(Errors.ERF, "cannot read " + source + ": " + describe(e), 0, url, null, 0),
                        null);
            }
            TransferSockets sockets = client.transferSockets().forOneConnection();
            HttpsURLConnection connection = null;
            try (file) {
                try {
                    connection = client.transferConnection(target(url), sockets, stall);
                } catch (IOException e) {
                    return new Sent(null, Attempt.notReached(url, "cannot connect: " + describe(e), null));
                }
                connection.setFixedLengthStreamingMode(size);
                connection.setRequestProperty("Content-Type", "application/octet-stream");
                connection.setRequestProperty("Accept", "application/json");
                connection.setRequestProperty("Accept-Encoding", "gzip");
                // The server refuses (401, 403, 413...) before the body goes out, and the refusal is read here
                // instead of lost to a connection closed under the body.
                connection.setRequestProperty("Expect", "100-continue");
                if (Thread.currentThread().isInterrupted()) {
                    return new Sent(failure(Errors.EINTR, "interrupted while sending " + source + " to " + url
                            + " before the request was sent", 0, url, null, 0), null);
                }
                try {
                    connection.connect();
                } catch (IOException e) {
                    return new Sent(null, unreached(url, e));
                }
                return send(url, connection, sockets, file, size);
            } catch (IOException e) {
                // closing the file
                return new Sent(failure(Errors.ERF, "cannot read " + source + ": " + describe(e), 0, url, null, 0),
                        null);
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }

        /** Sends the file on a connected connection, then reads the reply. */
        private Sent send(URI url, HttpsURLConnection connection, TransferSockets sockets, InputStream file,
                          long size) {
            ChecksumDigester digester = new ChecksumDigester();
            long sent = 0;
            progress.update(0, size);
            // A read timeout does not bound a write: a body that stops going out is cut off by the guard.
            try (WriteGuard guard = new WriteGuard(sockets.lastPlainSocket(), stall)) {
                try {
                    OutputStream out;
                    try {
                        out = connection.getOutputStream();
                    } catch (java.net.ProtocolException refused) {
                        // The server answered the headers with a final status instead of 100 Continue.
                        return reply(url, connection, digester.finish(), 0);
                    }
                    byte[] buffer = new byte[BUFFER];
                    while (sent < size) {
                        int n;
                        try {
                            n = file.readNBytes(buffer, 0, (int) Math.min(BUFFER, size - sent));
                        } catch (IOException e) {
                            return new Sent(failure(Errors.ERF, "cannot read " + source + " at byte " + sent + ": "
                                    + describe(e) + "; the upload to " + url + " was abandoned", 0, url, null, sent),
                                    null);
                        }
                        if (n == 0) {
                            return new Sent(failure(Errors.EIO, source + " ended at byte " + sent + ", not at the "
                                    + size + " it had when the upload to " + url + " started (it changed while it "
                                    + "was sent); the upload was abandoned", 0, url, null, sent), null);
                        }
                        out.write(buffer, 0, n);
                        digester.update(buffer, 0, n);
                        sent += n;
                        guard.touch();
                        progress.update(sent, size);
                        if (Thread.currentThread().isInterrupted()) {
                            return new Sent(failure(Errors.EINTR, "interrupted while sending " + source + " to "
                                    + url + ": the method may or may not have run", 0, url, null, sent), null);
                        }
                    }
                    out.close();
                } catch (IOException e) {
                    if (guard.stalled()) {
                        return new Sent(failure(Errors.ETIMEDOUT, "the upload to " + url + " stalled: no byte went "
                                + "out for " + GatehouseClient.seconds(stall) + ", at byte " + sent + " of " + size
                                + "; the method may or may not have run; it was NOT retried", 0, url, null, sent),
                                null);
                    }
                    return lost(url, e, sent);
                }
            }
            return reply(url, connection, digester.finish(), sent);
        }

        /** Reads the method's reply (or the server's refusal) and checks it against what was sent. */
        private Sent reply(URI url, HttpsURLConnection connection, Transfers.Checksum local, long sent) {
            int status;
            try {
                status = connection.getResponseCode();
                if (status < 0) {
                    throw new IOException("the reply is not HTTP");
                }
            } catch (IOException e) {
                if (timedOut(e)) {
                    return new Sent(failure(Errors.ETIMEDOUT, "no reply from " + url + " within "
                            + GatehouseClient.seconds(stall) + " after the whole file was sent; the method may or "
                            + "may not have run; it was NOT retried", 0, url, null, sent), null);
                }
                return lost(url, e, sent);
            }
            HttpHeaders headers = headers(connection);
            byte[] body = readReply(connection, status, status >= 400 ? ERROR_BODY_LIMIT : Integer.MAX_VALUE - 8);
            Attempt attempt = Replies.read(url, method, status, headers, body);
            if (!attempt.reachedMethod()) {
                return new Sent(null, attempt);
            }
            return new Sent(check(url, attempt.result(), headers, local, sent), null);
        }

        /** The connection failed once the request may have gone out. */
        private Sent lost(URI url, IOException cause, long sent) {
            String unreached = Failures.unreachedReason(cause, client.connectTimeout());
            if (unreached != null) {
                // A failed TLS handshake: the server cannot have read the request.
                return new Sent(null, Attempt.notReached(url, unreached, null));
            }
            CallResult result = client.lostAfterSending(url, cause);
            return new Sent(failure(result.errno(), result.message(), 0, url, null, sent), null);
        }

        /** The method's reply: an S_OK must carry the checksum of what the method read, equal to the file's. */
        private FileTransfer check(URI url, CallResult result, HttpHeaders headers, Transfers.Checksum local,
                                   long sent) {
            if (!result.ok()) {
                return failure(result.errno(), result.message(), result.httpStatus(), url, result, sent);
            }
            progress.finish(sent, local.size());
            String header = headers.firstValue(Transfers.CHECKSUM_HEADER).orElse(null);
            Optional<Transfers.Checksum> remote = Transfers.Checksum.fromHeader(header);
            if (remote.isEmpty()) {
                return failure(Errors.EIO, method + " answered S_OK, but " + (header == null ? "without a "
                        + Transfers.CHECKSUM_HEADER + " header" : "with a malformed " + Transfers.CHECKSUM_HEADER
                        + " header (" + header + ")") + ": the upload of " + source + " cannot be verified",
                        result.httpStatus(), url, result, sent);
            }
            if (!remote.get().equals(local)) {
                return failure(Errors.EIO, "checksum mismatch: the server read " + remote.get().toHeader()
                        + ", the file sent is " + local.toHeader(), result.httpStatus(), url, result, sent);
            }
            return new FileTransfer(true, 0, "", result.httpStatus(), url, source, local, true, sent, 1,
                    elapsed(), result);
        }

        /** {@code url?method=...&args=...[&extraCredentials=...]}. */
        private URI target(URI url) {
            StringBuilder query = new StringBuilder(url.toString())
                    .append('?').append(Transfers.METHOD_PARAMETER).append('=').append(encode(method))
                    .append('&').append(Transfers.ARGS_PARAMETER).append('=').append(encode(args));
            String extra = client.extraCredentials();
            if (extra != null) {
                query.append('&').append(Transfers.EXTRA_CREDENTIALS_PARAMETER).append('=').append(encode(extra));
            }
            return URI.create(query.toString());
        }

        private FileTransfer failure(int errno, String message, int status, URI url, CallResult result, long sent) {
            return new FileTransfer(false, errno, message, status, url, source, null, false, sent,
                    sent > 0 || status > 0 ? 1 : 0, elapsed(), result);
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    /** What came of an upload at one URL: the outcome, or why the URL was not reached. */
    private record Sent(FileTransfer transfer, Attempt missed) {
    }

    private static String encode(String text) {
        // URLEncoder writes form encoding: a space is '+', which a query decoder reads back as a space too.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String describe(Throwable e) {
        return Failures.describe(e);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }

    // ---- connections ----

    /** Why a connection could not be made: nothing was sent. */
    private Attempt unreached(URI url, IOException failure) {
        String reason = Failures.unreachedReason(failure, client.connectTimeout());
        if (reason == null && timedOut(failure)) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            reason = message.contains("connect") ? "no connection within "
                    + GatehouseClient.seconds(client.connectTimeout()) : "no TLS handshake: " + describe(failure);
        }
        return Attempt.notReached(url, reason != null ? reason : "cannot connect: " + describe(failure), null);
    }

    /** Whether a read (or the TCP connection) timed out. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends an exchange: a body read to the end is closed, which gives its connection back to the JDK's kept-alive
     * connections (pooled clients); any other connection is closed, so that no later request gets a connection
     * with the rest of a body still on it.
     */
    private void release(HttpsURLConnection connection, InputStream body, boolean readToTheEnd) {
        if (readToTheEnd && client.pooled()) {
            closeQuietly(body);
        } else {
            connection.disconnect();
        }
    }

    /** At most {@code limit} bytes of a reply's body (empty when it cannot be read); the connection is released. */
    private byte[] readReply(HttpsURLConnection connection, int status, int limit) {
        byte[] bytes = new byte[0];
        boolean whole = false;
        InputStream in = null;
        try {
            in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in != null) {
                bytes = in.readNBytes(limit);
                whole = bytes.length < limit || in.read() < 0;
            }
        } catch (IOException e) {
            whole = false;
        } finally {
            release(connection, in, whole);
        }
        return bytes;
    }

    /** A reply's headers (read before the connection is released). */
    static HttpHeaders headers(HttpURLConnection connection) {
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && values != null) {
                List<String> all = fields.computeIfAbsent(name, n -> new ArrayList<>());
                values.stream().filter(Objects::nonNull).forEach(all::add);
            }
        });
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    // ---- helpers ----

    /** Calls a {@link TransferProgress} at most every 100 ms, and once at the end. */
    static final class Progress {

        private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

        private final TransferProgress listener;
        private long last;
        private boolean called;

        Progress(TransferProgress listener) {
            this.listener = listener;
        }

        void update(long done, long total) {
            if (listener == null) {
                return;
            }
            long now = System.nanoTime();
            if (!called || now - last >= INTERVAL) {
                called = true;
                last = now;
                listener.progress(done, total);
            }
        }

        void finish(long done, long total) {
            if (listener != null) {
                called = true;
                last = System.nanoTime();
                listener.progress(done, total);
            }
        }
    }

    /**
     * Cuts off an upload whose body stops going out: when no write has gone through for the timeout, closes the
     * connection's plain socket, which makes the blocked write fail. A read timeout bounds each read, nothing
     * bounds a write: this does, for the body only (the reply has the read timeout).
     */
    private static final class WriteGuard implements AutoCloseable {

        private final ScheduledFuture<?> check;
        private volatile long last = System.nanoTime();
        private volatile boolean stalled;

        WriteGuard(Socket socket, Duration timeout) {
            long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
            long limit = timeout.toNanos();
            check = Timer.TIMER.scheduleAtFixedRate(() -> {
                if (!stalled && System.nanoTime() - last > limit) {
                    stalled = true;
                    closeQuietly(socket);
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        void touch() {
            last = System.nanoTime();
        }

        boolean stalled() {
            return stalled;
        }

        @Override
        public void close() {
            check.cancel(false);
        }

        /** One daemon thread for every upload's guard, made at the first upload. */
        private static final class Timer {
            static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gatehouse-upload-guard");
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
