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
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the call's form (PROTOCOL.md §3) from the request body: {@code application/x-www-form-urlencoded},
 * optionally gzip-compressed, or {@code multipart/form-data} as JAX-RS parts. The urlencoded body is decoded
 * here, not by a generic form reader, because the protocol needs what such a reader hides: bad UTF-8 is a 400
 * (not replacement characters), a repeated field keeps its last value, and the size is capped before the body
 * is held in memory.
 */
final class FormReader {

    private final long maxBodyBytes;

    FormReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The fields of a urlencoded body; {@code contentEncoding} may be null, {@code gzip} or {@code identity}. */
    CallRequest read(InputStream body, String contentEncoding) {
        return toCall(urlEncodedFields(readBody(body, contentEncoding)));
    }

    /** The fields of a multipart body. */
    CallRequest read(List<EntityPart> parts) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (EntityPart part : parts) {
                try (InputStream in = part.getContent()) {
                    fields.put(part.getName(), strictUtf8(readCapped(in)));
                }
            }
        } catch (IOException e) {
            throw CallFailure.badRequest("the multipart body could not be read: " + e.getMessage());
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

    private static Map<String, String> urlEncodedFields(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start);
                int nameEnd = Math.min(equals, end);
                String name = percentDecode(body, start, nameEnd);
                String value = nameEnd < end ? percentDecode(body, nameEnd + 1, end) : "";
                fields.put(name, value); // a repeated field: the last value wins, as in Tornado
            }
            start = end + 1;
        }
        return fields;
    }

    private byte[] readBody(InputStream body, String encoding) {
        try {
            InputStream in = body;
            if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
                if (!encoding.equalsIgnoreCase("gzip")) {
                    throw new CallFailure(415, 0, "unsupported Content-Encoding '" + encoding + "': send gzip or"
                            + " an uncompressed body");
                }
                in = new GZIPInputStream(body);
            }
            return readCapped(in);
        } catch (ZipException | EOFException e) {
            throw CallFailure.badRequest("the body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw CallFailure.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + (long) n > maxBodyBytes) {
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private CallFailure tooLarge() {
        return new CallFailure(413, 0, "the request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    /** Decodes {@code %XX} and {@code +} into bytes, then the bytes as strict UTF-8. */
    private static String percentDecode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && hex(body, i + 1, to) >= 0 && hex(body, i + 2, to) >= 0) {
                bytes.write(hex(body, i + 1, to) * 16 + hex(body, i + 2, to));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private static int hex(byte[] body, int index, int limit) {
        return index < limit ? Character.digit(body[index], 16) : -1;
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
