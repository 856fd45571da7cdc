package io.gatehouse.runtime.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path file;
    private final Logger logger = Logger.getLogger(ConfigFile.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        file = dir.resolve("dirac.cfg");
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    /** Writes {@code text} and sets the modification time explicitly, so no test depends on clock granularity. */
    private void write(String text, int secondsAfterT0) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(secondsAfterT0)));
    }

    @Test
    void readsTheFileAtStart() throws IOException {
        write(SampleConfig.DIRAC_WRITTEN, 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        assertEquals(Optional.of("dirac_user"), config.get().option("/Registry/DefaultGroup"));
        assertEquals(file, config.path());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void rereadsTheFileAfterItIsRewritten() throws IOException {
        write("a = 1\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        assertEquals(Optional.of("1"), config.get().option("/a"));
        write("a = 2\n", 10);
        assertEquals(Optional.of("2"), config.get().option("/a"));
    }

    @Test
    void noticesAChangeOfModificationTimeAlone() throws IOException {
        write("a = 1\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        write("a = 3\n", 0);
        assertEquals(Optional.of("1"), config.get().option("/a"), "same size and time: not looked at");
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(5)));
        assertEquals(Optional.of("3"), config.get().option("/a"));
    }

    @Test
    void noticesAChangeOfSizeAlone() throws IOException {
        write("a = 1\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        write("a = 100\n", 0);
        assertEquals(Optional.of("100"), config.get().option("/a"));
    }

    @Test
    void checksAtMostOncePerInterval() throws IOException {
        write("a = 1\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ofHours(1));
        write("a = 2\n", 10);
        assertEquals(Optional.of("1"), config.get().option("/a"));
    }

    @Test
    void unchangedFileGivesTheSameTreeObject() throws IOException {
        write(SampleConfig.DIRAC_WRITTEN, 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        assertSame(config.get(), config.get());
    }

    @Test
    void badEditKeepsTheLastGoodTreeAndWarnsOnce() throws IOException {
        write("a = 1\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        ConfigTree good = config.get();

        write("a = 2\nS {\n", 10);
        assertSame(good, config.get());
        assertSame(good, config.get());
        assertSame(good, config.get());
        assertEquals(1, warnings.size(), () -> warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("line 2"), warnings.get(0).getMessage());

        write("a = 2\nS {\nT\n", 20);
        assertSame(good, config.get());
        assertEquals(2, warnings.size(), "a new bad version is reported again");

        write("a = 4\n", 30);
        assertEquals(Optional.of("4"), config.get().option("/a"));
        assertEquals(2, warnings.size());
    }

    @Test
    void badFileAtStartGivesAnEmptyTree() throws IOException {
        write("}\n", 0);
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        assertEquals(ConfigTree.EMPTY, config.get());
        assertEquals(1, warnings.size());
    }

    @Test
    void missingFileIsAnEmptyTreeWithOneWarning() throws IOException {
        ConfigFile config = new ConfigFile(file, Duration.ZERO);
        assertEquals(ConfigTree.EMPTY, config.get());
        assertEquals(ConfigTree.EMPTY, config.get());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("does not exist"));

        write("a = 1\n", 0);
        assertEquals(Optional.of("1"), config.get().option("/a"));

        Files.delete(file);
        assertEquals(ConfigTree.EMPTY, config.get());
        assertEquals(2, warnings.size());
    }

    @Test
    void saysWhyTheFileIsNotInUseUntilAValidVersionIsRead() throws IOException {
        ConfigFile missing = new ConfigFile(file, Duration.ZERO);
        assertFalse(missing.validVersionRead());
        assertEquals(Optional.of("the file does not exist"), missing.problem());

        write("a = 1\nThis line is { not DIRAC's format\n", 0);
        missing.get();
        assertFalse(missing.validVersionRead(), "a broken file at start is no configuration");
        assertTrue(missing.problem().orElseThrow().startsWith("the file is not valid: "), missing.problem().toString());

        write("a = 1\n", 10);
        missing.get();
        assertTrue(missing.validVersionRead());
        assertEquals(Optional.empty(), missing.problem());

        write("a = 2\nS {\n", 20);
        missing.get();
        assertTrue(missing.validVersionRead(), "the last good version stays in use");
        assertTrue(missing.problem().isPresent());
        assertEquals(Optional.of("1"), missing.get().option("/a"));
    }
}
