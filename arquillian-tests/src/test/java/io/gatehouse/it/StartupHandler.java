package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.messaging.Messages;
import io.gatehouse.api.Initialize;
import io.gatehouse.api.ServiceOptions;

import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service whose initialization fails while a "blocker" file exists (its option {@code BlockerFile}), with the
 * file's text as the reason, or without a message when the file is empty. Without the option, or the file, it
 * initializes at once (every deployment but StartupTest's).
 */
@Handler("Test/Startup")
@Messages(StartupHandler.Note.class)
public class StartupHandler {

    /** Sent to nobody: it makes the service take stable connections, which wait for its initialization too. */
    public record Note(String text) {
    }

    @Inject
    ServiceOptions options;

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean initialized;

    @Initialize
    public void checkBlocker() throws IOException {
        attempts.incrementAndGet();
        Optional<Path> blocker = options.get("BlockerFile").map(Path::of).filter(Files::exists);
        if (blocker.isPresent()) {
            String reason = Files.readString(blocker.get()).strip();
            throw new IllegalStateException(reason.isEmpty() ? null : reason);
        }
        initialized = true;
    }

    /** Whether this instance was initialized (the call sees the bean the initialization ran on), and how often. */
    @Export(auth = "all")
    public Map<String, Object> state() {
        return Map.of("initialized", initialized, "attempts", attempts.get());
    }

    /** How often the initialization ran; for administrators, so that a refused caller can be seen not to start one. */
    @Export(auth = "ServiceAdministrator")
    public int attempts() {
        return attempts.get();
    }
}
