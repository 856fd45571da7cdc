package io.gatehouse.it;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.Result;
import io.gatehouse.api.ServiceException;

import jakarta.json.JsonObject;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test service exercising argument binding, results and failures. */
@Handler("Test/Types")
public class TypesHandler {

    public record Point(int x, int y, String label) {
    }

    @Export(auth = "all")
    public int increment(int value) {
        return value + 1;
    }

    @Export(auth = "all")
    public long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    @Export(auth = "all")
    public Map<String, Integer> lengths(Map<String, String> words) {
        Map<String, Integer> out = new TreeMap<>();
        words.forEach((k, v) -> out.put(k, v.length()));
        return out;
    }

    @Export(auth = "all")
    public byte[] reverse(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[data.length - 1 - i];
        }
        return out;
    }

    @Export(auth = "all")
    public LocalDate nextDay(LocalDate day) {
        return day.plusDays(1);
    }

    @Export(auth = "all")
    public LocalDateTime nextHour(LocalDateTime time) {
        return time.plusHours(1);
    }

    @Export(auth = "all")
    public Point mirror(Point point) {
        return new Point(point.y(), point.x(), point.label());
    }

    @Export(auth = "all")
    public int[] doubled(int[] values) {
        int[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= 2;
        }
        return out;
    }

    @Export(auth = "all")
    public List<String> keys(JsonObject object) {
        List<String> keys = new ArrayList<>(object.keySet());
        Collections.sort(keys);
        return keys;
    }

    @Export(auth = "all")
    public boolean negate(Boolean value) {
        return !value;
    }

    @Export(auth = "all", doc = "The parts, with the separator between them.")
    public String join(String separator, List<String> parts) {
        return String.join(separator, parts);
    }

    @Export(auth = "all")
    public Map<Integer, String> numbered(List<String> items) {
        Map<Integer, String> out = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            out.put(i, items.get(i));
        }
        return out;
    }

    /**
     * The text {@code times} times over.
     *
     * @param text  what to repeat
     * @param times how many times
     * @return the repeated text
     */
    @Export(auth = "all")
    public String repeat(String text, int times) {
        return text.repeat(times);
    }

    private final Map<String, java.util.concurrent.atomic.AtomicInteger> invocations =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts its invocations under {@code id}, then takes {@code millis}: a call whose reply a client gives up on. */
    @Export(auth = "all")
    public int counted(String id, int millis) throws InterruptedException {
        int count = invocations.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        Thread.sleep(millis);
        return count;
    }

    /** How many times {@code counted} ran under {@code id}. */
    @Export(auth = "all")
    public int countOf(String id) {
        java.util.concurrent.atomic.AtomicInteger count = invocations.get(id);
        return count == null ? 0 : count.get();
    }

    @Export(auth = "all")
    public String crash() {
        throw new IllegalStateException("secret detail: database password is hunter2");
    }

    @Export(auth = "all")
    public String refuse() {
        throw new ServiceException(Errors.ENOENT, "no such thing");
    }

    @Export(auth = "all")
    public Result<String> declined() {
        return Result.error("declined politely");
    }

    @Export(auth = "all")
    public Result<Integer> answered() {
        return Result.ok(42);
    }

    @Export(auth = "all")
    public Object unencodable() {
        return new Object() {
            public String getBroken() {
                throw new IllegalStateException("cannot be read");
            }
        };
    }
}
