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

    private static final Set<String> FIELDS = Set.of("method", "args", "extraCredentials", "rawContent");

    private final long maxBodyBytes;

    FormReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The fields of a urlencoded body; {@code contentEncoding} may be null, {@code gzip} or {@code identity}. */
    CallRequest read(InputStream body, String contentEncoding) {
        try {
            return toCall(urlEncodedFields(decoded(body, contentEncoding)));
        } catch (ZipException | EOFException e) {
            throw CallFailure.badRequest("the body is not valid gzip: " + e.getMessage());
        } catch (BodyTooLarge e) {
            throw e.failure();
        } catch (IOException e) {
            throw RequestBodyFilter.unreadable(e);
        }
    }

    /** The fields of a multipart body. */
    CallRequest read(List<EntityPart> parts) {
        Map<String, String> fields = new HashMap<>();
        Counter counter = new Counter(maxBodyBytes);
        try {
            for (EntityPart part : parts) {
                try (InputStream in = part.getContent()) {
                    byte[] content = readCounted(in, counter);
                    if (FIELDS.contains(part.getName())) {
                        fields.put(part.getName(), strictUtf8(content));
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

    private InputStream decoded(InputStream body, String encoding) throws IOException {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            throw new CallFailure(415, 0, "unsupported Content-Encoding " + Texts.cut(encoding) + ": send gzip or"
                    + " an uncompressed body");
        }
        return new GZIPInputStream(body, 8192);
    }

    /**
     * Decodes the form as it arrives: names and values are percent-decoded byte by byte into one buffer per field,
     * counted against the limit in decoded bytes, and turned into strict UTF-8 strings when the field ends.
     */
    private Map<String, String> urlEncodedFields(InputStream in) throws IOException {
        Map<String, String> fields = new HashMap<>();
        Counter counter = new Counter(maxBodyBytes);
        ByteArrayOutputStream name = new ByteArrayOutputStream(32);
        ByteArrayOutputStream value = new ByteArrayOutputStream(256);
        boolean inValue = false;
        boolean keep = true;
        byte[] buffer = new byte[8192];
        int pending = 0; // bytes of an unfinished %XX escape carried into the next chunk
        byte[] escape = new byte[3];
        for (int n; (n = in.read(buffer)) != -1; ) {
            counter.add(n);
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (pending > 0) {
                    if (Character.digit(b, 16) >= 0) {
                        escape[pending++] = b;
                        if (pending == 3) {
                            pending = 0;
                            writeEscape(escape, 3, inValue ? value : name, keep || !inValue);
                        }
                        continue;
                    }
                    // Not an escape after all: the '%' (and a digit) stay as written, and b is read as usual.
                    writeEscape(escape, pending, inValue ? value : name, keep || !inValue);
                    pending = 0;
                }
                if (b == '&') {
                    endField(fields, name, value, inValue && keep);
                    inValue = false;
                    keep = true;
                } else if (b == '=' && !inValue) {
                    inValue = true;
                    keep = FIELDS.contains(strictUtf8(name.toByteArray()));
                } else if (b == '%') {
                    escape[0] = b;
                    pending = 1;
                } else if (inValue && !keep) {
                    continue; // a field the protocol does not use: read past it
                } else {
                    (inValue ? value : name).write(b == '+' ? ' ' : b);
                }
            }
        }
        if (pending > 0) {
            writeEscape(escape, pending, inValue ? value : name, keep || !inValue);
        }
        endField(fields, name, value, !inValue || keep);
        return fields;
    }

    /** A complete {@code %XX} becomes its byte; anything else ({@code %}, {@code %4}, {@code %G1}) stays as written. */
    private static void writeEscape(byte[] escape, int length, ByteArrayOutputStream out, boolean keep) {
        if (!keep) {
            return;
        }
        if (length == 3 && Character.digit(escape[1], 16) >= 0 && Character.digit(escape[2], 16) >= 0) {
            out.write(Character.digit(escape[1], 16) * 16 + Character.digit(escape[2], 16));
        } else {
            for (int i = 0; i < length; i++) {
                out.write(escape[i] == '+' ? ' ' : escape[i]);
            }
        }
    }

    private static void endField(Map<String, String> fields, ByteArrayOutputStream name, ByteArrayOutputStream value,
                                 boolean keep) {
        if (keep && name.size() > 0) {
            String fieldName = strictUtf8(name.toByteArray());
            if (FIELDS.contains(fieldName)) {
                fields.put(fieldName, strictUtf8(value.toByteArray())); // repeated: the last value wins, as in Tornado
            }
        }
        name.reset();
        value.reset();
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
        private long count;

        Counter(long limit) {
            this.limit = limit;
        }

        void add(int n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge(limit, "after decompression");
            }
        }
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CallFailure.badRequest("the form is not valid UTF-8");
        }
    }
}
