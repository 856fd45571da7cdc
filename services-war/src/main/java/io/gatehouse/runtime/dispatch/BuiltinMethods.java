package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Export;

import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The methods every service answers (PROTOCOL.md §6): {@code ping}, {@code echo} and {@code whoami}. They are
 * exported like a handler's own methods, so the same interceptor and the same administrator overrides apply.
 */
@ApplicationScoped
public class BuiltinMethods {

    @Inject
    HostFigures host;

    /** Liveness and a little about the host, with DIRAC's keys. */
    @Export(auth = "all")
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
    @Export(auth = "all")
    public Object echo(@Nullable Object value) {
        return value;
    }

    /** The caller's credentials as the service sees them (PROTOCOL.md §7). */
    @Export(auth = "authenticated")
    public Map<String, Object> whoami() {
        return CurrentCall.caller().asDiracMap();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0);
    }
}
