package io.gatehouse.runtime.streaming;

import io.gatehouse.api.wire.Transfers;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The checksums of recent transfers, by transfer id, until their receiver has asked for them
 * ({@code transferChecksum}): a download's checksum is known only after its last byte, when the reply can no
 * longer carry it. Bounded: at most {@value #MAX_RECORDS} records, each kept an hour at most. A transfer's id is
 * 128 random bits, and a record answers only the caller who made the transfer.
 */
@ApplicationScoped
public class TransferLedger {

    static final int MAX_RECORDS = 10_000;
    private static final long KEEP_NANOS = TimeUnit.HOURS.toNanos(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();

    /** A new transfer of {@code owner} (the caller's DN, empty for a visitor), pending until it ends. */
    public Transfer begin(String owner) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        Transfer transfer = new Transfer(Base64.getUrlEncoder().withoutPadding().encodeToString(bits), owner,
                System.nanoTime());
        transfers.put(transfer.id(), transfer);
        if (transfers.size() > MAX_RECORDS) {
            evict();
        }
        return transfer;
    }

    /** The transfer of that id, when {@code owner} made it. */
    public Optional<Transfer> find(String id, String owner) {
        Transfer transfer = id == null ? null : transfers.get(id);
        return transfer != null && transfer.owner().equals(owner) ? Optional.of(transfer) : Optional.empty();
    }

    /** Drops expired records, then, if still too many, the oldest ones found first. */
    private void evict() {
        long now = System.nanoTime();
        transfers.values().removeIf(t -> now - t.started() > KEEP_NANOS);
        Iterator<Transfer> oldest = transfers.values().iterator();
        while (transfers.size() > MAX_RECORDS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** One transfer: its checksum once it ended completely, or the reason it did not. */
    public record Transfer(String id, String owner, long started, CompletableFuture<Transfers.Checksum> outcome) {

        Transfer(String id, String owner, long started) {
            this(id, owner, started, new CompletableFuture<>());
        }

        /** Every byte went out (or came in): this is their checksum. */
        public void completed(Transfers.Checksum checksum) {
            outcome.complete(checksum);
        }

        /** The transfer ended early. */
        public void failed(String reason) {
            outcome.completeExceptionally(new IncompleteTransfer(reason));
        }
    }

    /** Why a transfer has no checksum. */
    public static final class IncompleteTransfer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncompleteTransfer(String reason) {
            super(reason, null, false, false);
        }
    }
}
