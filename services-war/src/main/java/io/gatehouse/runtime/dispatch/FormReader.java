package io.gatehouse.runtime.dispatch;

import jakarta.ws.rs.core.EntityPart;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the call's form (PROTOCOL.md §3) from the request body: {@code application/x-www-form-urlencoded},
 * optionally gzip-compressed, or {@code multipart/form-data} as JAX-RS parts. The urlencoded body is decoded
 * here, as it streams in, not by a generic form reader, because the protocol needs what such a reader hides: bad
 * UTF-8 is a 400 (not replacement characters), a repeated field keeps its last value, and the size is capped after
 * decompression, so a small gzip body cannot expand into memory. Only the fields of the protocol are kept; others
 * ({@code clientVO}, {@code clientSetup}) are read past.
 */
final class FormReader {

    /** Where a body's size was found over its limit, for the refusal's text. */
    private static final String READ = "counted while reading";
    private static final String DECOMPRESSED = "after decompression";

    private static final Set<String> FIELDS = Set.of("method", "args", "extraCredentials", "rawContent");

    private final long maxBodyBytes;

    FormReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The fields of a urlencoded body; {@code contentEncoding} may be null, {@code gzip} or {@code identity}. */
    CallRequest read(InputStream body, String contentEncoding) {
        try {
            return toCall(urlEncodedFields(decoded(body, contentEncoding),
                    isIdentity(contentEncoding) ? READ : DECOMPRESSED));
        } catch (ZipException | EOFException e) {
            throw CallFailure.badRequest("the body is not valid gzip: " + e.getMessage());
        } catch (BodyTooLarge e) {
            throw e.failure();
        } catch (IOException e) {
            throw RequestBodyFilter.unreadable(e);
        }
    }

    /** The fields of a urlencoded body already read whole; an uncompressed one is decoded where it lies. */
    CallRequest read(InboundRequest inbound, String contentEncoding) {
        if (isIdentity(contentEncoding)) {
            if (inbound.bodyLength() > maxBodyBytes) {
                throw new BodyTooLarge(maxBodyBytes, READ).failure();
            }
            FieldDecoder decoder = new FieldDecoder();
            decoder.feed(inbound.bodyBytes(), inbound.bodyLength());
            return toCall(decoder.finish());
        }
        return read(inbound.body(), contentEncoding);
    }

    /** The fields of a multipart body. */
    CallRequest read(List<EntityPart> parts) {
        Map<String, String> fields = new HashMap<>();
        Counter counter = new Counter(maxBodyBytes, READ);
        try {
            for (EntityPart part : parts) {
                try (InputStream in = part.getContent()) {
                    byte[] content = readCounted(in, counter);
                    if (FIELDS.contains(part.getName())) {
                        fields.put(part.getName(), strictUtf8(content, content.length));
                    }
                }
            }
        } catch (BodyTooLarge e) {
            throw e.failure();
        } catch (IOException e) {
            throw RequestBodyFilter.unreadable(e);
        }
        return toCall(fields);
    }

    private static CallRequest toCall(Map<String, String> fields) {
        String method = fields.get("method");
        if (method == null || method.isBlank()) {
            throw CallFailure.badRequest("no method: send the method name in the form field 'method'");
        }
        String args = fields.get("args");
        String raw = fields.get("rawContent");
        return new CallRequest(method, args == null ? "[]" : args,
                Optional.ofNullable(fields.get("extraCredentials")).filter(s -> !s.isEmpty()),
                raw != null && !raw.isEmpty() && !raw.equalsIgnoreCase("false"));
    }

    private static boolean isIdentity(String encoding) {
        return encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity");
    }

    private InputStream decoded(InputStream body, String encoding) throws IOException {
        if (isIdentity(encoding)) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            throw new CallFailure(415, 0, "unsupported Content-Encoding " + Texts.cut(encoding) + ": send gzip or"
                    + " an uncompressed body");
        }
        return new GZIPInputStream(body, 8192);
    }

    /** Decodes the form as it arrives, counting the decoded bytes against the limit. */
    private Map<String, String> urlEncodedFields(InputStream in, String where) throws IOException {
        Counter counter = new Counter(maxBodyBytes, where);
        FieldDecoder decoder = new FieldDecoder();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            counter.add(n);
            decoder.feed(buffer, n);
        }
        return decoder.finish();
    }

    /**
     * A urlencoded form decoded chunk by chunk: names and values are percent-decoded byte by byte into one buffer
     * per field and turned into strict UTF-8 strings when the field ends. Fields the protocol does not use are
     * read past without being kept.
     */
    private static final class FieldDecoder {
        private final Map<String, String> fields = new HashMap<>(8);
        private final Bytes name = new Bytes(16);
        private final Bytes value = new Bytes(64);
        private final byte[] escape = new byte[3];
        private int pending; // bytes of an unfinished %XX escape carried into the next chunk
        private boolean inValue;
        private boolean keep = true;

        void feed(byte[] chunk, int n) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (pending > 0) {
                    if (Character.digit(b, 16) >= 0) {
                        escape[pending++] = b;
                        if (pending == 3) {
                            pending = 0;
                            writeEscape(3);
                        }
                        continue;
                    }
                    // Not an escape after all: the '%' (and a digit) stay as written, and b is read as usual.
                    writeEscape(pending);
                    pending = 0;
                }
                if (b == '&') {
                    endField(inValue && keep);
                    inValue = false;
                    keep = true;
                } else if (b == '=' && !inValue) {
                    inValue = true;
                    keep = FIELDS.contains(name.utf8());
                } else if (b == '%') {
                    escape[0] = b;
                    pending = 1;
                } else if (inValue && !keep) {
                    continue; // a field the protocol does not use: read past it
                } else {
                    (inValue ? value : name).add(b == '+' ? (byte) ' ' : b);
                }
            }
        }

        Map<String, String> finish() {
            if (pending > 0) {
                writeEscape(pending);
            }
            endField(!inValue || keep);
            return fields;
        }

        /** A complete {@code %XX} becomes its byte; anything else ({@code %}, {@code %4}, {@code %G1}) stays as written. */
        private void writeEscape(int length) {
            if (inValue && !keep) {
                return;
            }
            Bytes out = inValue ? value : name;
            if (length == 3 && Character.digit(escape[1], 16) >= 0 && Character.digit(escape[2], 16) >= 0) {
                out.add((byte) (Character.digit(escape[1], 16) * 16 + Character.digit(escape[2], 16)));
            } else {
                for (int i = 0; i < length; i++) {
                    out.add(escape[i] == '+' ? (byte) ' ' : escape[i]);
                }
            }
        }

        private void endField(boolean keepField) {
            if (keepField && name.size() > 0) {
                String fieldName = name.utf8();
                if (FIELDS.contains(fieldName)) {
                    fields.put(fieldName, value.utf8()); // repeated: the last value wins, as in Tornado
                }
            }
            name.reset();
            value.reset();
        }
    }

    /** A growing byte buffer for one thread (a {@code ByteArrayOutputStream} locks at every byte). */
    private static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void add(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        String utf8() {
            return strictUtf8(bytes, size);
        }
    }

    private static byte[] readCounted(InputStream in, Counter counter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            counter.add(n);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Decoded bytes read so far, against the limit. */
    private static final class Counter {
        private final long limit;
        private final String where;
        private long count;

        Counter(long limit, String where) {
            this.limit = limit;
            this.where = where;
        }

        void add(int n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge(limit, where);
            }
        }
    }

    /** The bytes as UTF-8; a 400 when they are not valid UTF-8 (no replacement characters). */
    private static String strictUtf8(byte[] bytes, int length) {
        if (isAscii(bytes, length)) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw CallFailure.badRequest("the form is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
