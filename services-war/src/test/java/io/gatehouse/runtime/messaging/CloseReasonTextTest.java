package io.gatehouse.runtime.messaging;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A WebSocket close reason holds at most 123 bytes of UTF-8: longer reasons are cut at a whole character. */
class CloseReasonTextTest {

    @Test
    void shortReasonsStayAndLongOnesAreCutAtACharacter() {
        assertEquals("", LiveConnection.closeReasonText(null));
        assertEquals("going away", LiveConnection.closeReasonText("going away"));
        assertEquals("a".repeat(123), LiveConnection.closeReasonText("a".repeat(500)));
        String accents = LiveConnection.closeReasonText("é".repeat(100)); // 2 bytes each
        assertEquals("é".repeat(61), accents);
        String emoji = LiveConnection.closeReasonText("x" + "\uD83D\uDE00".repeat(40)); // 4 bytes each
        assertEquals("x" + "\uD83D\uDE00".repeat(30), emoji);
        assertTrue(emoji.getBytes(StandardCharsets.UTF_8).length <= 123);
    }
}
