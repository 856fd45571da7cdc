package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;

/** What the tests need to see inside the server: its heap, after a collection. */
@Handler("Test/Probe")
public class ProbeHandler {

    /** Heap in use after a full collection, and the heap limit, in bytes. */
    @Export(auth = "all")
    public Map<String, Long> heap() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return Map.of("used", heap.getUsed(), "max", heap.getMax());
    }
}
