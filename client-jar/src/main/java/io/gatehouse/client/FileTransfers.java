package io.gatehouse.client;

import io.gatehouse.api.Errors;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.api.wire.Transfers;

/**
 * The file transfers of a {@link GatehouseClient} ({@link Transfers}' contract): downloads with resume and
 * checksum, uploads with checksum. Memory is constant: 64 KiB buffers, whatever the file's size.
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
                if (opened.response() == null) {
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
                FileTransfer outcome;
                try {
                    outcome = receiveBody(opened, offset);
                } finally {
                    client.done(opened.http());
                }
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
            HttpClient http = client.httpClient();
            TrackedBody body = new TrackedBody(form);
            HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                    .version(HttpClient.Version.HTTP_1_1)
                    // A backstop: the JDK's timer stops when the headers arrive; the body has the watchdog.
                    .timeout(client.connectTimeout().plus(stall))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/octet-stream, application/json")
                    .POST(body);
            if (offset > 0) {
                builder.header("Range", "bytes=" + offset + "-");
            }
            CompletableFuture<HttpResponse<InputStream>> future =
                    http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean keep = false;
            try {
                try {
                    CompletableFuture.anyOf(future, body.sending())
                            .get(client.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (body.abandon()) {
                        future.cancel(true);
                        return Opened.missed(Attempt.notReached(url, "no connection within "
                                + GatehouseClient.seconds(client.connectTimeout()), null));
                    }
                } catch (ExecutionException e) {
                    // read below
                }
                HttpResponse<InputStream> response;
                try {
                    response = future.get(stall.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    return Opened.failure(CallResult.error(Errors.ETIMEDOUT, "no reply from " + url + " within "
                            + GatehouseClient.seconds(stall) + " to the download request", 0, url), false);
                } catch (ExecutionException e) {
                    return broken(url, e.getCause() != null ? e.getCause() : e, body);
                }
                int status = response.statusCode();
                String type = response.headers().firstValue("Content-Type").orElse("")
                        .toLowerCase(Locale.ROOT);
                if (status == 206 || (status == 200 && !type.startsWith("application/json"))) {
                    keep = true;
                    return new Opened(url, http, response, null, null, false);
                }
                // An error reply (or, from a DIRAC server, an S_ERROR sent as JSON with 200): no byte of the file.
                byte[] bytes;
                try (InputStream in = response.body()) {
                    bytes = in.readNBytes(ERROR_BODY_LIMIT);
                } catch (IOException e) {
                    bytes = new byte[0];
                }
                Attempt attempt = Replies.read(url, method, status, response.headers(), bytes);
                if (!attempt.reachedMethod()) {
                    return Opened.missed(attempt);
                }
                CallResult result = attempt.result();
                if (result.ok()) {
                    result = CallResult.error(Errors.EIO, "the server at " + url + " answered " + method
                            + " with a JSON value, not the file's bytes: is it a download method?", status, url);
                }
                return Opened.failure(result, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                body.abandon();
                future.cancel(true);
                return Opened.failure(CallResult.error(Errors.EINTR, "interrupted while downloading from " + url, 0,
                        url), false);
            } catch (CancellationException e) {
                return broken(url, e, body);
            } finally {
                if (!keep) {
                    client.done(http);
                }
            }
        }

        /** No reply: the next URL when the request cannot have gone out, else an attempt that may be repeated. */
        private Opened broken(URI url, Throwable cause, TrackedBody body) {
            Attempt attempt = client.failed(url, cause, body);
            if (!attempt.reachedMethod()) {
                return Opened.missed(attempt);
            }
            CallResult result = attempt.result();
            if (result.errno() == Errors.ETIMEDOUT) {
                return Opened.failure(result, false);
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
     * The reply to one download request: its body ({@code response}, with the JDK client to release after), or a
     * failure ({@code retryable} when the request may be made again), or a URL that was not reached.
     */
    private record Opened(URI url, HttpClient http, HttpResponse<InputStream> response, Attempt missed,
                          CallResult failure, boolean retryable) {

        static Opened missed(Attempt attempt) {
            return new Opened(attempt.url(), null, null, attempt, null, false);
        }

        static Opened failure(CallResult result, boolean retryable) {
            return new Opened(result.url(), null, null, null, result, retryable);
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

        private Sent sendTo(URI url) {
            DigestingBody file;
            try {
                file = new DigestingBody(HttpRequest.BodyPublishers.ofFile(source));
            } catch (FileNotFoundException e) {
                return new Sent(failure(Errors.ENOENT, "there is no file " + source, 0, url, null, 0), null);
            }
            long size = file.contentLength();
            TrackedBody body = new TrackedBody(file);
            HttpRequest request = HttpRequest.newBuilder(target(url))
                    .version(HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "application/octet-stream")
                    .header("Accept", "application/json")
                    .header("Accept-Encoding", "gzip")
                    .POST(body)
                    .build();
            HttpClient http = client.httpClient();
            CompletableFuture<HttpResponse<byte[]>> future =
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            try {
                try {
                    CompletableFuture.anyOf(future, body.sending())
                            .get(client.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (body.abandon()) {
                        future.cancel(true);
                        return new Sent(null, Attempt.notReached(url, "no connection within "
                                + GatehouseClient.seconds(client.connectTimeout()), null));
                    }
                } catch (ExecutionException e) {
                    // read below
                }
                // Sending, then waiting for the reply: given up only after `stall` without progress.
                progress.update(0, size);
                while (!future.isDone()) {
                    try {
                        future.get(Math.min(100, Math.max(1, stall.toMillis())), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        progress.update(file.sent(), size);
                        long quiet = System.nanoTime() - Math.max(file.lastActivity(), body.sendingSince());
                        if (quiet > stall.toNanos()) {
                            future.cancel(true);
                            boolean whole = file.sent() >= size;
                            return new Sent(failure(Errors.ETIMEDOUT, (whole ? "no reply from " + url + " within "
                                    + GatehouseClient.seconds(stall) + " after the whole file was sent"
                                    : "the upload to " + url + " stalled: no byte went out for "
                                    + GatehouseClient.seconds(stall) + ", at byte " + file.sent() + " of " + size)
                                    + "; the method may or may not have run; it was NOT retried", 0, url, null,
                                    file.sent()), null);
                        }
                    } catch (ExecutionException e) {
                        break;
                    }
                }
                HttpResponse<byte[]> response;
                try {
                    response = future.get();
                } catch (ExecutionException e) {
                    Attempt attempt = client.failed(url, e.getCause() != null ? e.getCause() : e, body);
                    if (!attempt.reachedMethod()) {
                        return new Sent(null, attempt);
                    }
                    CallResult result = attempt.result();
                    return new Sent(failure(result.errno(), result.message(), 0, url, null, file.sent()), null);
                }
                Attempt attempt = Replies.read(url, method, response);
                if (!attempt.reachedMethod()) {
                    return new Sent(null, attempt);
                }
                return new Sent(check(url, attempt.result(), response, file, size), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                boolean neverSent = body.abandon();
                future.cancel(true);
                return new Sent(failure(Errors.EINTR, "interrupted while sending " + source + " to " + url
                        + (neverSent ? " before the request was sent" : ": the method may or may not have run"), 0,
                        url, null, file.sent()), null);
            } catch (CancellationException e) {
                Attempt attempt = client.failed(url, e, body);
                if (!attempt.reachedMethod()) {
                    return new Sent(null, attempt);
                }
                return new Sent(failure(attempt.result().errno(), attempt.result().message(), 0, url, null,
                        file.sent()), null);
            } finally {
                client.done(http);
            }
        }

        /** The method's reply: an S_OK must carry the checksum of what the method read, equal to the file's. */
        private FileTransfer check(URI url, CallResult result, HttpResponse<byte[]> response, DigestingBody file,
                                   long size) {
            if (!result.ok()) {
                return failure(result.errno(), result.message(), result.httpStatus(), url, result, file.sent());
            }
            // The JDK does not subscribe to an empty body: nothing was sent, and that is the whole file.
            Transfers.Checksum local = size == 0 ? new ChecksumDigester().finish()
                    : file.checksum(Duration.ofSeconds(1));
            progress.finish(file.sent(), size);
            String header = response.headers().firstValue(Transfers.CHECKSUM_HEADER).orElse(null);
            Optional<Transfers.Checksum> remote = Transfers.Checksum.fromHeader(header);
            if (remote.isEmpty()) {
                return failure(Errors.EIO, method + " answered S_OK, but " + (header == null ? "without a "
                        + Transfers.CHECKSUM_HEADER + " header" : "with a malformed " + Transfers.CHECKSUM_HEADER
                        + " header (" + header + ")") + ": the upload of " + source + " cannot be verified",
                        result.httpStatus(), url, result, file.sent());
            }
            if (local == null || local.size() != size) {
                return failure(Errors.EIO, "the server at " + url + " answered before the whole of " + source
                        + " was sent (" + file.sent() + " of " + size + " bytes); it read "
                        + remote.get().toHeader(), result.httpStatus(), url, result, file.sent());
            }
            if (!remote.get().equals(local)) {
                return failure(Errors.EIO, "checksum mismatch: the server read " + remote.get().toHeader()
                        + ", the file sent is " + local.toHeader(), result.httpStatus(), url, result, file.sent());
            }
            return new FileTransfer(true, 0, "", result.httpStatus(), url, source, local, true, file.sent(), 1,
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

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
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
     * Gives up a body that stalls: when no byte has come for the timeout, closes its stream, which makes the
     * blocked read fail. The client's read timeout bounds a call; this bounds a silence, not a transfer.
     */
    private static final class Watchdog implements AutoCloseable {

        private final ScheduledExecutorService timer;
        private volatile long last = System.nanoTime();
        private volatile boolean stalled;

        Watchdog(InputStream stream, Duration timeout) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gatehouse-transfer-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
            long limit = timeout.toNanos();
            timer.scheduleAtFixedRate(() -> {
                if (!stalled && System.nanoTime() - last > limit) {
                    stalled = true;
                    closeQuietly(stream);
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
            timer.shutdownNow();
        }
    }
}
