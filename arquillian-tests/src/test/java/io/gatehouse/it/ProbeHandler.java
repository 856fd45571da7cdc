package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;

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
     * The heap's peak since the last call: the sum of the heap pools' peaks (each pool's own peak, so an upper
     * bound of the whole heap's), then the peaks are reset.
     */
    @Export(auth = "all")
    public long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        return peak;
    }
}
