package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Result;
import io.gatehouse.api.wire.Transfers;
import io.gatehouse.runtime.streaming.TransferLedger;

import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The methods every service answers (PROTOCOL.md §6): {@code ping}, {@code echo} and {@code whoami}, and
 * Gatehouse's {@code transferChecksum} (README, "Files"). They are
 * exported like a handler's own methods, so the same interceptor and the same administrator overrides apply.
 */
@ApplicationScoped
public class BuiltinMethods {

    /** How long {@code transferChecksum} waits for a transfer to end. */
    private static final long CHECKSUM_WAIT_SECONDS = 10;

    @Inject
    HostFigures host;

    @Inject
    TransferLedger transfers;

    /** Liveness and a little about the host, with DIRAC's keys. */
    @Export(auth = "all", doc = "Liveness and a little about the server: version, time, uptimes, load (DIRAC's"
            + " keys).")
    public Map<String, Object> ping() {
        Instant now = Instant.now();
        Instant started = CurrentCall.service().startTime();
        HostFigures.Sample sample = host.sample();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", Version.TEXT);
        value.put("time", utc(now));
        value.put("host uptime", (long) sample.hostUptimeSeconds());
        value.put("service start time", utc(started));
        value.put("service uptime", Duration.between(started, now).toSeconds());
        value.put("load", sample.load());
        value.put("name", CurrentCall.service().name());
        value.put("cpu times", sample.cpuTimes());
        return value;
    }

    /** The argument, unchanged; null included. */
    @Export(auth = "all", doc = "The argument, unchanged.")
    public Object echo(@Nullable Object value) {
        return value;
    }

    /** The caller's credentials as the service sees them (PROTOCOL.md §7). */
    @Export(auth = "authenticated", doc = "Your credentials as the service sees them: DN, group, properties...")
    public Map<String, Object> whoami() {
        return CurrentCall.caller().asDiracMap();
    }

    /**
     * The checksum of a finished download or upload of the caller's, by the id its reply carried in
     * {@code Gatehouse-Transfer}: of the whole content, for the receiver to compare with its own. Waits a little for
     * a download whose last bytes have just gone out.
     */
    @Export(name = Transfers.CHECKSUM_METHOD, auth = "all", doc = "The size, Adler-32 and SHA-256 of a finished"
            + " transfer of yours, by the id its reply carried in Gatehouse-Transfer.")
    public Result<Map<String, Object>> transferChecksum(String transferId) {
        Optional<TransferLedger.Transfer> transfer = transfers.find(transferId, CurrentCall.caller().dn());
        if (transfer.isEmpty()) {
            return Result.error(Errors.ENOENT, "no transfer " + Texts.cut(transferId) + " of yours is known here"
                    + " (a transfer's checksum is kept for an hour)");
        }
        try {
            return Result.ok(transfer.get().outcome().get(CHECKSUM_WAIT_SECONDS, TimeUnit.SECONDS).toValue());
        } catch (TimeoutException e) {
            return Result.error(Errors.ETIMEDOUT, "transfer " + transferId + " is still going on");
        } catch (ExecutionException e) {
            return Result.error(Errors.EIO, "transfer " + transferId + " did not complete: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.error(Errors.EINTR, "interrupted while waiting for transfer " + transferId);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0);
    }
}
