package io.gatehouse.runtime.streaming;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteRangeTest {

    private static Optional<ByteRange> parse(String header, long length) throws ByteRange.Unsatisfiable {
        return ByteRange.parse(header, length);
    }

    @Test
    void theThreeFormsOfOneRange() throws Exception {
        assertEquals(Optional.of(new ByteRange(100, 999)), parse("bytes=100-", 1000));
        assertEquals(Optional.of(new ByteRange(100, 199)), parse("bytes=100-199", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), parse("bytes=-100", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), parse("bytes=-5000", 1000));
        assertEquals(Optional.of(new ByteRange(100, 999)), parse("bytes=100-5000", 1000), "the end is clipped");
        assertEquals(Optional.of(new ByteRange(100, 999)), parse("BYTES = 100-".replace(" = ", "="), 1000));
        assertEquals(100, new ByteRange(100, 199).length());
    }

    @Test
    void anUnknownLengthTakesAnOpenEnd() throws Exception {
        assertEquals(Optional.of(new ByteRange(100, -1)), parse("bytes=100-", -1));
        assertEquals(-1, new ByteRange(100, -1).length());
        assertEquals(Optional.empty(), parse("bytes=-100", -1), "a suffix needs the length");
    }

    @Test
    void whatIsNotOneByteRangeIsIgnored() throws Exception {
        for (String ignored : new String[] {null, "", "items=0-1", "bytes=0-1,5-6", "bytes=abc-", "bytes=5-1",
                "bytes=-", "bytes=1", "bytes=-x", "bytes=99999999999999999999-"}) {
            assertEquals(Optional.empty(), parse(ignored, 1000), ignored);
        }
    }

    @Test
    void aStartPastTheEndIsUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=1000-", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=-0", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=0-", 0));
    }
}
