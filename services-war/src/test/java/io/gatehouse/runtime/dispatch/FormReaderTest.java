package io.gatehouse.runtime.dispatch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormReaderTest {

    private final FormReader reader = new FormReader(1024);

    /**
     * Reads the body both ways the dispatcher does (streamed, and in place from the body as the filter read it) and
     * checks that they agree, in the fields or in the refusal.
     */
    private CallRequest read(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        CallRequest streamed;
        try {
            streamed = reader.read(stream(bytes), null);
        } catch (CallFailure refused) {
            CallFailure inPlace = assertThrows(CallFailure.class, () -> readInPlace(bytes));
            assertEquals(refused.status(), inPlace.status());
            assertEquals(refused.getMessage(), inPlace.getMessage());
            throw refused;
        }
        assertEquals(streamed, readInPlace(bytes));
        return streamed;
    }

    private CallRequest readInPlace(byte[] bytes) {
        byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 7); // the filter's buffer is larger than the body
        padded[bytes.length] = '&';
        InboundRequest.set(null, padded, bytes.length, 1024);
        try {
            return reader.read(InboundRequest.current(), null);
        } finally {
            InboundRequest.clear();
        }
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private CallFailure failure(String body) {
        return assertThrows(CallFailure.class, () -> read(body));
    }

    @Test
    void decodesPercentEscapesPlusAndUtf8() {
        CallRequest call = read("method=echo&args=%5B%22caf%C3%A9+au+lait%22%5D");
        assertEquals("echo", call.method());
        assertEquals("[\"café au lait\"]", call.args());
        assertEquals(Optional.empty(), call.extraCredentials());
        assertFalse(call.rawContent());
    }

    @Test
    void absentArgsAreAnEmptyArrayAndTheLastRepeatedFieldWins() {
        CallRequest call = read("method=a&method=b&&clientVO=x&extraCredentials=%22hosts%22&rawContent=True");
        assertEquals("b", call.method());
        assertEquals("[]", call.args());
        assertEquals(Optional.of("\"hosts\""), call.extraCredentials());
        assertTrue(call.rawContent());
        assertFalse(read("method=a&rawContent=").rawContent());
        assertFalse(read("method=a&rawContent=false").rawContent());
    }

    @Test
    void malformedEscapesAreKeptAsText() {
        assertEquals("100%", read("method=m&args=100%").args());
        assertEquals("%zz", read("method=m&args=%zz").args());
        assertEquals("a=b", read("method=m&args=a=b").args());
    }

    @Test
    void noMethodIs400() {
        for (String body : new String[] {"", "args=[]", "method=", "method=%20", "methodx=echo"}) {
            CallFailure failure = failure(body);
            assertEquals(400, failure.status(), body);
            assertTrue(failure.getMessage().contains("method"), failure.getMessage());
        }
    }

    @Test
    void badUtf8Is400() {
        CallFailure failure = failure("method=echo&args=%FF%FE");
        assertEquals(400, failure.status());
        assertTrue(failure.getMessage().contains("UTF-8"));
        assertEquals(400, failure("method=%C3").status());
    }

    @Test
    void gzipBodiesAreInflatedAndBrokenGzipIs400() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write("method=ping".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("ping", reader.read(stream(zipped.toByteArray()), "gzip").method());
        assertEquals("ping", reader.read(stream("method=ping".getBytes()), "identity").method());
        CallFailure broken = assertThrows(CallFailure.class, () -> reader.read(stream("method=ping".getBytes()), "gzip"));
        assertEquals(400, broken.status());
        byte[] truncated = java.util.Arrays.copyOf(zipped.toByteArray(), zipped.size() - 6);
        assertEquals(400, assertThrows(CallFailure.class, () -> reader.read(stream(truncated), "GZIP")).status());
        assertEquals(415, assertThrows(CallFailure.class, () -> reader.read(stream(new byte[0]), "br")).status());
    }

    @Test
    void bodiesOverTheLimitAre413EvenWhenCompressed() throws IOException {
        assertEquals(413, failure("method=echo&args=" + "x".repeat(1100)).status());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(("method=echo&args=" + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(zipped.size() < 1024);
        assertEquals(413, assertThrows(CallFailure.class,
                () -> reader.read(stream(zipped.toByteArray()), "gzip")).status());
    }

    @Test
    void anEscapeCutShortLeavesTheNextSeparatorInPlace() {
        CallRequest call = read("args=100%&method=echo&rawContent=%4");
        assertEquals("100%", call.args());
        assertEquals("echo", call.method());
        assertTrue(call.rawContent());
        assertEquals("%4=x", read("method=m&args=%4=x").args());
        assertEquals("a b+", read("method=m&args=a+b%2B").args());
        assertEquals("m", read("%6Dethod=m").method());
    }

    @Test
    void escapesSplitAcrossReadsAreDecodedWhole() {
        byte[] body = ("method=echo&args=" + "%C3%A9".repeat(300)).getBytes(StandardCharsets.US_ASCII);
        InputStream oneByteAtATime = new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < body.length ? body[position++] : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= body.length) {
                    return -1;
                }
                buffer[offset] = body[position++];
                return 1;
            }
        };
        assertEquals("\u00e9".repeat(300), new FormReader(4096).read(oneByteAtATime, null).args());
    }

    @Test
    void fieldsTheProtocolDoesNotUseAreReadPastAndNotKept() {
        CallRequest call = read("clientVO=" + "v".repeat(500) + "&method=ping&clientSetup=x&args=[]");
        assertEquals("ping", call.method());
        assertEquals("[]", call.args());
    }

    @Test
    void theLimitCountsDecodedBytesAndSaysWhereItWasCounted() {
        CallFailure failure = failure("method=echo&args=" + "x".repeat(1100));
        assertEquals(413, failure.status());
        assertTrue(failure.getMessage().contains("limit of 1024 bytes"), failure.getMessage());
        assertEquals(1000, read("method=echo&args=" + "x".repeat(1000)).args().length());
    }
}
