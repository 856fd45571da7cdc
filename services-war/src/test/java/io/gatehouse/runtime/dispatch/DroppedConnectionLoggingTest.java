package io.gatehouse.runtime.dispatch;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DroppedConnectionLoggingTest {

    @Test
    void aClientGoneAwayIsRecognisedThroughWrappers() {
        assertTrue(DroppedConnectionLogging.isDroppedConnection(
                new UncheckedIOException(new IOException("Connection is closed"))));
        assertTrue(DroppedConnectionLogging.isDroppedConnection(new RuntimeException(new EOFException())));
        assertTrue(DroppedConnectionLogging.isDroppedConnection(new IOException("Broken pipe")));
        assertTrue(DroppedConnectionLogging.isDroppedConnection(new IOException("Connection reset by peer")));
    }

    @Test
    void realErrorsStayErrors() {
        assertFalse(DroppedConnectionLogging.isDroppedConnection(null));
        assertFalse(DroppedConnectionLogging.isDroppedConnection(new IllegalStateException("mapper failed")));
        assertFalse(DroppedConnectionLogging.isDroppedConnection(new IOException("disk full")));
        assertFalse(DroppedConnectionLogging.isDroppedConnection(new IOException((String) null)));
    }
}
