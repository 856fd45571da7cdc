package io.gatehouse.api.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;

/**
 * Adler32 and SHA-256 of a stream of bytes, fed as the bytes pass, in one pass: both ends of a transfer compute
 * its {@link Transfers.Checksum} this way. Not thread-safe.
 */
public final class ChecksumDigester {

    private final Adler32 adler32 = new Adler32();
    private final MessageDigest sha256;
    private long size;

    public ChecksumDigester() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
    public void update(byte[] bytes, int offset, int length) {
        adler32.update(bytes, offset, length);
        sha256.update(bytes, offset, length);
        size += length;
    }

    /** The bytes added so far. */
    public long size() {
        return size;
    }

    /** The checksum of everything added; the digester is spent afterwards. */
    public Transfers.Checksum finish() {
        return new Transfers.Checksum(size, String.format("%08x", adler32.getValue()),
                HexFormat.of().formatHex(sha256.digest()));
    }
}
