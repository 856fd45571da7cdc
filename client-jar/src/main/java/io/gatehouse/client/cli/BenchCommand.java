package io.gatehouse.client.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse bench URL}: how many pings a second, at what latency. */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Benchmark a service with ping calls: calls/s and latency.",
        description = {
            "Measures a service: calls its ping method --calls times from --concurrency threads (after --warmup"
                    + " calls that are not counted) and prints the calls per second, the mean, median (p50) and"
                    + " p99 latency in milliseconds, and the errors.",
            "The threads share one client, which keeps its TLS connections open (--no-pool: a new TLS connection"
                    + " for every call, as DIRAC's Python client does). The run stops after --max-seconds, whatever"
                    + " is left.",
            "A first ping checks that the service answers; if it does not, nothing is measured. If some calls"
                    + " fail, the statistics are printed and the exit code is that of the first failure.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse bench https://localhost:8443/Framework/Hello",
            "  gatehouse bench --calls 10000 --concurrency 16 https://localhost:8443/Framework/Hello",
            "  gatehouse bench --no-pool --calls 200 --json https://localhost:8443/Framework/Hello",
        })
final class BenchCommand extends CallingCommand {

    static final String METHOD = "ping";

    @Parameters(arity = "0..1", paramLabel = "URL",
            description = "The service: https://host:port/System/Component (or give --url).")
    String url;

    @Option(names = {"-n", "--calls"}, paramLabel = "N", defaultValue = "2000", order = 2,
            description = "Calls to measure (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "C", defaultValue = "1", order = 3,
            description = "Threads calling at the same time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100", order = 4,
            description = "Calls made first and not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-pool", order = 5, description = "Open a new TLS connection for every call.")
    boolean noPool;

    @Option(names = "--max-seconds", paramLabel = "SECONDS", defaultValue = "120", order = 6,
            description = "Stop after this long, warm-up included (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    /** What one phase (warm-up or measure) did. */
    record Phase(int made, int errors, long[] latencies, double seconds, boolean stoppedEarly, CliFailure firstError) {
    }

    @Override
    public Integer call() {
        if (calls < 1) {
            throw CliFailure.usage("--calls must be at least 1");
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw CliFailure.usage("--concurrency must be between 1 and 1024");
        }
        if (warmup < 0) {
            throw CliFailure.usage("--warmup cannot be negative");
        }
        long budget = Texts.seconds(maxSeconds, "--max-seconds").toNanos();
        List<String> urls = connection.urls(url == null ? List.of() : List.of(url));
        GatehouseClient client = connect(urls, !noPool);
        try {
            long deadline = System.nanoTime() + budget;
            CallResult probe = callOk(client, urls, METHOD);
            String target = probe.url() == null ? urls.get(0) : probe.url().toString();
            if (warmup > 0) {
                run(client, urls, warmup, deadline);
            }
            Phase phase = run(client, urls, calls, deadline);
            if (phase.made() == 0) {
                throw new CliFailure(ExitCodes.TIMEOUT, "--max-seconds (" + Texts.secondsText(maxSeconds)
                        + ") was over before any call was measured: allow more time or fewer --warmup calls");
            }
            JsonObject report = report(target, phase);
            if (json) {
                out().println(JsonText.pretty(report));
            } else {
                print(target, phase);
            }
            out().flush();
            if (phase.firstError() != null) {
                throw new CliFailure(phase.firstError().exitCode(), phase.errors() + " of " + phase.made()
                        + " calls failed; the first: " + phase.firstError().getMessage());
            }
            return ExitCodes.OK;
        } finally {
            close(client);
        }
    }

    private Phase run(GatehouseClient client, List<String> urls, int count, long deadline) {
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<CliFailure> firstError = new AtomicReference<>();
        int threads = Math.min(concurrency, count);
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-bench");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (true) {
                    int i = next.getAndIncrement();
                    if (i >= count || System.nanoTime() - deadline > 0) {
                        return;
                    }
                    long begin = System.nanoTime();
                    CliFailure failure;
                    try {
                        failure = Failures.ofResult(client.call(METHOD), METHOD, connection);
                    } catch (Exception e) {
                        failure = Failures.ofCall(e, urls, connection);
                    }
                    long took = System.nanoTime() - begin;
                    made.incrementAndGet();
                    if (failure == null) {
                        latencies[i] = took;
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure);
                    }
                }
            });
        }
        pool.shutdown();
        try {
            // The workers stop calling at the deadline; a call under way ends within its timeouts.
            long grace = Texts.seconds(connection.connectTimeoutSeconds() + connection.readTimeoutSeconds() + 5,
                    "timeout").toNanos();
            long wait = Math.max(0, deadline - System.nanoTime()) + grace;
            if (!pool.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new Phase(made.get(), errors.get(), ok, seconds, made.get() < count, firstError.get());
    }

    private void print(String target, Phase phase) {
        out().printf("%s on %s: %d calls, concurrency %d, %s%s%n", METHOD, target, phase.made(), concurrency,
                noPool ? "a new TLS connection per call" : "pooled connections",
                warmup > 0 ? " (after " + warmup + " warm-up calls)" : "");
        out().printf("  %-10s: %s%n", "calls/s", Texts.decimal(phase.made() / phase.seconds(), 1));
        long[] l = phase.latencies();
        if (l.length > 0) {
            out().printf("  %-10s: mean %s ms, p50 %s ms, p99 %s ms (min %s, max %s)%n", "latency",
                    ms(mean(l)), ms(percentile(l, 50)), ms(percentile(l, 99)), ms(l[0]), ms(l[l.length - 1]));
        }
        out().printf("  %-10s: %d%n", "errors", phase.errors());
        out().printf("  %-10s: %s s%n", "time", Texts.decimal(phase.seconds(), 2));
        if (phase.stoppedEarly()) {
            out().printf("  stopped by --max-seconds %s: %d of %d calls made%n", Texts.secondsText(maxSeconds),
                    phase.made(), calls);
        }
    }

    private JsonObject report(String target, Phase phase) {
        long[] l = phase.latencies();
        var latency = Json.createObjectBuilder();
        if (l.length > 0) {
            latency.add("mean", round(mean(l) / 1e6))
                    .add("p50", round(percentile(l, 50) / 1e6))
                    .add("p99", round(percentile(l, 99) / 1e6))
                    .add("min", round(l[0] / 1e6))
                    .add("max", round(l[l.length - 1] / 1e6));
        }
        return Json.createObjectBuilder()
                .add("url", target)
                .add("method", METHOD)
                .add("pooled", !noPool)
                .add("concurrency", concurrency)
                .add("warmup", warmup)
                .add("callsRequested", calls)
                .add("calls", phase.made())
                .add("errors", phase.errors())
                .add("seconds", round(phase.seconds()))
                .add("callsPerSecond", round(phase.made() / phase.seconds()))
                .add("latencyMs", latency)
                .add("stoppedEarly", phase.stoppedEarly())
                .build();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(long[] values) {
        double sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static String ms(double nanos) {
        return Texts.decimal(nanos / 1e6, 2);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
