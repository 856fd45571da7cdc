package io.gatehouse.runtime.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host and process figures {@code ping} reports (uptime, load, CPU times), read from /proc at most once a
 * second and shared by the calls in between: the kernel updates the load average every five seconds and CPU times
 * in clock ticks, so a fresher reading says nothing more, and a ping costs microseconds rather than three file reads.
 */
@ApplicationScoped
public class HostFigures {

    /** Linux's clock ticks per second, the unit of /proc/self/stat's CPU times. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    /** One reading. */
    public record Sample(double hostUptimeSeconds, String load, Map<String, Object> cpuTimes) {
        public Sample {
            cpuTimes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cpuTimes));
        }
    }

    private final AtomicLong nextReading = new AtomicLong(System.nanoTime());
    private volatile Sample sample = read();

    /** The latest reading, taken again by one caller when it is over a second old. */
    public Sample sample() {
        long now = System.nanoTime();
        long due = nextReading.get();
        if (now - due >= 0 && nextReading.compareAndSet(due, now + MAX_AGE_NANOS)) {
            sample = read();
        }
        return sample;
    }

    private static Sample read() {
        double uptime = hostUptimeSeconds();
        return new Sample(uptime, loadAverage(), cpuTimes(uptime));
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
    private static Map<String, Object> cpuTimes(double hostUptime) {
        Map<String, Object> times = new LinkedHashMap<>();
        Optional<String[]> stat = readProc("/proc/self/stat")
                .map(s -> s.substring(s.lastIndexOf(')') + 2).split("\\s+"));
        // After the command name: field 3 is index 0, so utime (14) is 11, stime 12, cutime 13, cstime 14.
        times.put("user time", stat.map(f -> Long.parseLong(f[11]) / TICKS_PER_SECOND).orElse(processCpuSeconds()));
        times.put("system time", stat.map(f -> Long.parseLong(f[12]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("children user time", stat.map(f -> Long.parseLong(f[13]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("children system time", stat.map(f -> Long.parseLong(f[14]) / TICKS_PER_SECOND).orElse(0.0));
        times.put("elapsed real time", hostUptime);
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
