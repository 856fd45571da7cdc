package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.files.Download;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Downloads and uploads that misbehave on purpose, for FilesTest. Its upload limit is small (gatehouse-test.cfg). */
@Handler("Test/Transfers")
@ApplicationScoped
public class TransfersHandler {

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    /**
     * {@code size} bytes of {@link #patterned}; the first download of each {@code key} fails after {@code failAt}
     * bytes, as a disk error would, and the later ones succeed.
     */
    @Export(auth = "authenticated")
    public Download flaky(String key, long size, long failAt) {
        boolean fail = failedOnce.add(key);
        return Download.of(offset -> new Patterned(offset, size, fail ? failAt : Long.MAX_VALUE), size);
    }

    /** Announces {@code size} bytes and ends after {@code half}: a source shorter than it said. */
    @Export(auth = "authenticated")
    public Download shortSource(long size, long half) {
        return Download.of(offset -> new Patterned(offset, half, Long.MAX_VALUE), size);
    }

    /** Reads the streamed body to its end and says how much it read. */
    @Export(auth = "authenticated")
    public Map<String, Long> count(InputStream body) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
            total += n;
        }
        return Map.of("read", total);
    }

    /** The byte at {@code position} of every patterned content: the tests compute the same. */
    static byte patterned(long position) {
        return (byte) (position * 31 + (position >>> 8) * 7);
    }

    /** Patterned bytes from {@code position} up to {@code end}, failing at {@code failAt}. */
    private static final class Patterned extends InputStream {
        private long position;
        private final long end;
        private final long failAt;

        Patterned(long position, long end, long failAt) {
            this.position = position;
            this.end = end;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAt) {
                throw new IOException("simulated disk failure at byte " + position);
            }
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(end, failAt) - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = patterned(position + i);
            }
            position += n;
            return n;
        }
    }
}
