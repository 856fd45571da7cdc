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
        UploadBody body = new UploadBody(new ByteArrayInputStream(content), 100_000, 100_000);
        assertArrayEquals(content, body.readAllBytes());
        assertTrue(body.atEnd());
        assertFalse(body.overLimit());
        ChecksumDigester expected = new ChecksumDigester();
        expected.update(content, 0, content.length);
        assertEquals(expected.finish(), body.checksum());
    }

    @Test
    void theReadPastTheLimitFailsAndStaysFailed() {
        UploadBody body = new UploadBody(new ByteArrayInputStream(bytes(1001)), 1000, -1);
        assertThrows(UploadBody.TooLarge.class, body::readAllBytes);
        assertTrue(body.overLimit());
        assertThrows(UploadBody.TooLarge.class, body::read);
    }

    @Test
    void aBodyShorterThanAnnouncedWasCutShort() {
        UploadBody body = new UploadBody(new ByteArrayInputStream(bytes(500)), 10_000, 1000);
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
        UploadBody body = new UploadBody(broken, 1000, -1);
        assertThrows(IOException.class, body::read);
        assertEquals("reset", body.failure().getMessage());
    }
}
