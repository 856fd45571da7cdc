package io.gatehouse.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a file transfer ({@link GatehouseClient#receiveFile(java.nio.file.Path, TransferOptions, String, Object...)},
 * {@link GatehouseClient#sendFile(java.nio.file.Path, TransferOptions, String, Object...)}) behaves. Immutable: each
 * {@code with...} method returns a copy.
 *
 * <pre>{@code
 * TransferOptions options = TransferOptions.defaults()
 *         .withProgress((done, total) -> System.err.print("\r" + done + "/" + total))
 *         .withMaxAttempts(10)
 *         .withStallTimeout(Duration.ofSeconds(30));
 * }</pre>
 */
public final class TransferOptions {

    private static final TransferOptions DEFAULTS = new TransferOptions(null, true, 5, null, true,
            Duration.ofMillis(250));

    private final TransferProgress progress;
    private final boolean resume;
    private final int maxAttempts;
    private final Duration stallTimeout;
    private final boolean requireChecksum;
    private final Duration retryBackoff;

    private TransferOptions(TransferProgress progress, boolean resume, int maxAttempts, Duration stallTimeout,
                            boolean requireChecksum, Duration retryBackoff) {
        this.progress = progress;
        this.resume = resume;
        this.maxAttempts = maxAttempts;
        this.stallTimeout = stallTimeout;
        this.requireChecksum = requireChecksum;
        this.retryBackoff = retryBackoff;
    }

    /**
     * No progress listener, resume on, 5 attempts, the client's read timeout as the stall timeout, checksums
     * required, 250 ms before the first automatic resume.
     */
    public static TransferOptions defaults() {
        return DEFAULTS;
    }

    /** Told how far the transfer has gone; null for none (the default). */
    public TransferOptions withProgress(TransferProgress listener) {
        return new TransferOptions(listener, resume, maxAttempts, stallTimeout, requireChecksum, retryBackoff);
    }

    /**
     * Downloads only. True (the default): the download is written to {@code <destination>.part}, an existing
     * {@code .part} is continued with an HTTP Range, and the {@code .part} is kept when the transfer fails half-way,
     * so that the next call continues it. False: an existing {@code .part} is discarded first, and removed when
     * the transfer fails. Either way the file gets its destination's name only once its checksum has matched.
     */
    public TransferOptions withResume(boolean resume) {
        return new TransferOptions(progress, resume, maxAttempts, stallTimeout, requireChecksum, retryBackoff);
    }

    /**
     * Downloads only: how many requests one call may make (5 by default), the first one and its automatic
     * resumes after a body cut short or stalled. An upload is a method call and is never repeated once its body
     * has started to go out.
     *
     * @throws IllegalArgumentException when less than 1
     */
    public TransferOptions withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        return new TransferOptions(progress, resume, maxAttempts, stallTimeout, requireChecksum, retryBackoff);
    }

    /**
     * How long the transfer may go without a byte moving (or, once the body is through, without the reply coming)
     * before it is given up as stalled; null (the default) means the client's read timeout. Unlike a call's read
     * timeout it does not bound the whole transfer: a 2 GiB file takes as long as it takes.
     *
     * @throws IllegalArgumentException when zero or negative
     */
    public TransferOptions withStallTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("the stall timeout must be positive: " + timeout);
        }
        return new TransferOptions(progress, resume, maxAttempts, timeout, requireChecksum, retryBackoff);
    }

    /**
     * Downloads only. True (the default): a download whose server names no transfer ({@code Gatehouse-Transfer}
     * header missing, as from a DIRAC server) fails, since its checksum cannot be verified. False: such a download
     * is accepted unverified ({@link FileTransfer#verified()} false, the checksum the local one).
     */
    public TransferOptions withRequireChecksum(boolean requireChecksum) {
        return new TransferOptions(progress, resume, maxAttempts, stallTimeout, requireChecksum, retryBackoff);
    }

    /**
     * The pause before the first automatic resume (250 ms by default); it doubles at each further one, up to 5 s.
     *
     * @throws IllegalArgumentException when negative
     */
    public TransferOptions withRetryBackoff(Duration backoff) {
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("the backoff cannot be negative: " + backoff);
        }
        return new TransferOptions(progress, resume, maxAttempts, stallTimeout, requireChecksum, backoff);
    }

    /** The progress listener, or null. */
    public TransferProgress progress() {
        return progress;
    }

    /** Whether a download continues an existing {@code .part} and keeps it when it fails. */
    public boolean resume() {
        return resume;
    }

    /** The number of requests one download may make. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The stall timeout, empty for the client's read timeout. */
    public Optional<Duration> stallTimeout() {
        return Optional.ofNullable(stallTimeout);
    }

    /** Whether a download must be verified against the server's checksum. */
    public boolean requireChecksum() {
        return requireChecksum;
    }

    /** The pause before the first automatic resume. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    @Override
    public String toString() {
        return "TransferOptions[progress=" + (progress != null) + ", resume=" + resume + ", maxAttempts="
                + maxAttempts + ", stallTimeout=" + (stallTimeout == null ? "read timeout" : stallTimeout)
                + ", requireChecksum=" + requireChecksum + ", retryBackoff=" + retryBackoff + "]";
    }
}
