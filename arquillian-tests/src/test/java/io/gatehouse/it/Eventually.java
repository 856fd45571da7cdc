package io.gatehouse.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What administration tests share: editing the server's configuration file, and waiting for a change to apply. */
final class Eventually {

    /** The server's configuration file, which the tests edit (and restore). */
    static final Path CONFIG = Path.of(System.getProperty("gatehouse.config"));

    private Eventually() {
    }

    /** Waits up to 15 s for the condition, polling; returns how long it took. */
    static Duration waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant start = Instant.now();
        while (!condition.getAsBoolean()) {
            assertTrue(Duration.between(start, Instant.now()).toSeconds() < 15, "not seen within 15 s");
            Thread.sleep(200);
        }
        return Duration.between(start, Instant.now());
    }

    /** Writes the file and moves its modification time on, so the change is seen whatever the clock's grain. */
    static void rewriteConfig(String content) throws Exception {
        FileTime before = Files.getLastModifiedTime(CONFIG);
        Files.writeString(CONFIG, content);
        Instant next = before.toInstant().plusSeconds(1);
        if (Files.getLastModifiedTime(CONFIG).toInstant().isBefore(next)) {
            Files.setLastModifiedTime(CONFIG, FileTime.from(next));
        }
    }
}
