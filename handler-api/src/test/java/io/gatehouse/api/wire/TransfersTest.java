package io.gatehouse.api.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransfersTest {

    /** "abc": adler32 as zlib computes it, SHA-256 from FIPS 180-2's example. */
    private static final Transfers.Checksum ABC = new Transfers.Checksum(3, "024d0127",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @Test
    void theDigesterComputesBothInOnePassWhateverTheChunks() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        ChecksumDigester whole = new ChecksumDigester();
        whole.update(abc, 0, 3);
        assertEquals(ABC, whole.finish());
        ChecksumDigester pieces = new ChecksumDigester();
        pieces.update(abc, 0, 1);
        pieces.update(abc, 1, 2);
        assertEquals(3, pieces.size());
        assertEquals(ABC, pieces.finish());
        assertEquals(new Transfers.Checksum(0, "00000001",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), new ChecksumDigester().finish());
    }

    @Test
    void theHeaderAndTheValueRoundTrip() {
        assertEquals("size=3, adler32=024d0127, sha256=" + ABC.sha256(), ABC.toHeader());
        assertEquals(Optional.of(ABC), Transfers.Checksum.fromHeader(ABC.toHeader()));
        assertEquals(Optional.of(ABC), Transfers.Checksum.fromValue(ABC.toValue()));
        assertEquals(Optional.of(ABC), Transfers.Checksum.fromValue(Map.of("size", 3L, "adler32", "024d0127",
                "sha256", ABC.sha256())));
    }

    @Test
    void malformedChecksumsAreNone() {
        for (String header : new String[] {null, "", "size=3", "size=-1, adler32=024d0127, sha256=" + ABC.sha256(),
                "size=x, adler32=024d0127, sha256=" + ABC.sha256(), "size=3, adler32=24d0127, sha256=" + ABC.sha256(),
                "size=3, adler32=024D0127, sha256=" + ABC.sha256(), "size=3, adler32=024d0127, sha256=abc"}) {
            assertEquals(Optional.empty(), Transfers.Checksum.fromHeader(header), header);
        }
        assertEquals(Optional.empty(), Transfers.Checksum.fromValue(null));
        assertEquals(Optional.empty(), Transfers.Checksum.fromValue(Map.of("size", 3, "adler32", 5,
                "sha256", ABC.sha256())));
    }
}
