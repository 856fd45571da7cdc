package io.gatehouse.runtime.streaming;

import io.gatehouse.api.wire.ChecksumDigester;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadBodyTest {

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 13);
        }
        return bytes;
    }

    @Test
    void aBodyWithinItsLimitIsReadWholeAndHashed() throws IOException {
        byte[] content = bytes(100_000);
        UploadBody body = new UploadBody(new ByteArrayInputStream(content), 100_000, 100_000, UploadBody.Pace.ANY);
        assertArrayEquals(content, body.readAllBytes());
        assertTrue(body.atEnd());
        assertFalse(body.overLimit());
        ChecksumDigester expected = new ChecksumDigester();
        expected.update(content, 0, content.length);
        assertEquals(expected.finish(), body.checksum());
    }

    @Test
    void theReadPastTheLimitFailsAndStaysFailed() {
        UploadBody body = new UploadBody(new ByteArrayInputStream(bytes(1001)), 1000, -1, UploadBody.Pace.ANY);
        assertThrows(UploadBody.TooLarge.class, body::readAllBytes);
        assertTrue(body.overLimit());
        assertThrows(UploadBody.TooLarge.class, body::read);
    }

    @Test
    void aBodyShorterThanAnnouncedWasCutShort() {
        UploadBody body = new UploadBody(new ByteArrayInputStream(bytes(500)), 10_000, 1000, UploadBody.Pace.ANY);
        assertThrows(EOFException.class, body::readAllBytes);
        assertInstanceOf(EOFException.class, body.failure());
        assertFalse(body.atEnd());
    }

    @Test
    void aFailingConnectionIsRemembered() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }
        };
        UploadBody body = new UploadBody(broken, 1000, -1, UploadBody.Pace.ANY);
        assertThrows(IOException.class, body::read);
        assertEquals("reset", body.failure().getMessage());
    }

    @Test
    void aBodyTrickledInIsCutOffOnceTheGraceHasPassed() throws IOException {
        long[] now = {1};
        long second = 1_000_000_000L;
        UploadBody.Pace pace = new UploadBody.Pace(1000, 30 * second, () -> now[0]);
        UploadBody body = new UploadBody(new ByteArrayInputStream(bytes(100_000)), 1_000_000, -1, pace);
        byte[] buffer = new byte[100];
        body.read(buffer, 0, 100); // the clock starts at the first read
        now[0] = 29 * second;
        body.read(buffer, 0, 100); // 200 bytes in 29 s: slow, but within the grace
        now[0] = 31 * second;
        IOException slow = assertThrows(IOException.class, () -> body.read(buffer, 0, 100));
        assertTrue(slow.getMessage().contains("slower than 1000 bytes/s"), slow.getMessage());
        assertTrue(body.tooSlow());

        now[0] = 1;
        UploadBody fast = new UploadBody(new ByteArrayInputStream(bytes(100_000)), 1_000_000, -1, pace);
        fast.read(new byte[50_000], 0, 50_000);
        now[0] = 40 * second;
        assertEquals(50_000, fast.read(new byte[50_000], 0, 50_000), "100 kB in 40 s: fast enough");
        assertFalse(fast.tooSlow());
    }

    @Test
    void aRefusedBodyIsDrainedWithinItsBounds() throws IOException {
        ByteArrayInputStream rest = new ByteArrayInputStream(bytes(100_000));
        new UploadBody(rest, 10, -1, UploadBody.Pace.ANY).drain(30_000, 1_000_000_000L);
        assertEquals(70_000, rest.available(), "no more than the bound");
        new UploadBody(rest, 10, -1, UploadBody.Pace.ANY).drain(1_000_000, 1_000_000_000L);
        assertEquals(0, rest.available(), "to the end when it is within the bound");
    }
}
