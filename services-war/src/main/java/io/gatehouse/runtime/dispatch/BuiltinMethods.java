package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The methods every service answers (PROTOCOL.md §6): {@code ping}, {@code echo} and {@code whoami}. They are
 * exported like a handler's own methods, so the same interceptor and the same administrator overrides apply.
 */
@ApplicationScoped
public class BuiltinMethods {

    /** Linux's clock ticks per second, the unit of /proc/self/stat's CPU times. */
    private static final double TICKS_PER_SECOND = 100.0;

    @Inject
    CurrentCall call;

    /** Liveness and a little about the host, with DIRAC's keys. */
    @Export(auth = "all")
    public Map<String, Object> ping() {
        Instant now = Instant.now();
        Instant started = call.service().startTime();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", Version.TEXT);
        value.put("time", utc(now));
        value.put("host uptime", (long) hostUptimeSeconds());
        value.put("service start time", utc(started));
        value.put("service uptime", Duration.between(started, now).toSeconds());
        value.put("load", loadAverage());
        value.put("name", call.service().name());
        value.put("cpu times", cpuTimes());
        return value;
    }

    /** The argument, unchanged. */
    @Export(auth = "all")
    public Object echo(Object value) {
        return value;
    }

    /** The caller's credentials as the service sees them (PROTOCOL.md §7). */
    @Export(auth = "authenticated")
    public Map<String, Object> whoami() {
        return call.caller().asDiracMap();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0);
    }

    private static double hostUptimeSeconds() {
        return readProc("/proc/uptime").map(s -> Double.parseDouble(s.split("\\s+")[0]))
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }

    private static String loadAverage() {
        return readProc("/proc/loadavg").map(s -> {
            String[] fields = s.split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }).orElseGet(() -> {
            double load = Math.max(0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            String one = String.format(Locale.ROOT, "%.2f", load);
            return one + " " + one + " " + one;
        });
    }

    /** Python's {@code os.times()} under DIRAC's names, from /proc where the host has it. */
    private static Map<String, Object> cpuTimes() {
        Map<String, Object> times = new LinkedHashMap<>();
        Optional<String[]> stat = readProc("/proc/self/stat")
                .map(s -> s.substring(s.lastIndexOf(')') + 2).split("\\s+"));
        // After the command name: field 3 is index 0, so utime (14) is 11, stime 12, cutime 13, cstime 14.
        times.put("user time", stat.map(f -> Long.parseLong(f[11]) / TICKS_PER_SECOND).orElse(processCpuSeconds()));
        times.put("system time", stat.map(f -> Long.parseLong(f[12]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("children user time", stat.map(f -> Long.parseLong(f[13]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("children system time", stat.map(f -> Long.parseLong(f[14]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("elapsed real time", hostUptimeSeconds());
        return times;
    }

    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0.0;
    }

    private static Optional<String> readProc(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
