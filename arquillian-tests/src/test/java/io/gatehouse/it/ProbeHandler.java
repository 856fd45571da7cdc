package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the tests need to see inside the server: its heap, after a collection, and its peak. */
@Handler("Test/Probe")
public class ProbeHandler {

    /** Heap in use after a full collection, and the heap limit, in bytes. */
    @Export(auth = "all")
    public Map<String, Long> heap() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return Map.of("used", heap.getUsed(), "max", heap.getMax());
    }

    /**
     * The most heap in use since the last call, sampled every 10 ms by a daemon thread that this call starts again
     * when {@code again} (else it stops): the server's peak heap between two calls, garbage included (at most the
     * heap limit).
     */
    @Export(auth = "all")
    public long peakHeap(boolean again) {
        HeapSampler previous = SAMPLER.getAndSet(again ? new HeapSampler() : null);
        return previous == null ? 0 : previous.stop();
    }

    private static final AtomicReference<HeapSampler> SAMPLER = new AtomicReference<>();

    /** Samples the used heap until stopped; the largest sample. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "gatehouse-test-heap-sampler");
        private volatile boolean running = true;

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() {
            running = false;
            thread.interrupt();
            return peak.get();
        }
    }
}
