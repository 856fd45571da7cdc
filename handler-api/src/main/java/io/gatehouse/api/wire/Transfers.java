package io.gatehouse.api.wire;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wire contract of file transfers (README, "Files"), shared by the server and the client.
 *
 * <pre>
 * download  POST /S/C  form: method=streamToClient&amp;args=[...]&amp;rawContent=True   [Range: bytes=N-]
 *           → 200 (206 with Content-Range) application/octet-stream, Content-Length when known,
 *             Gatehouse-Transfer: ID; the body is the file. An error before the first byte is a non-200 S_ERROR;
 *             one after it cuts the body short (the client sees fewer bytes than announced, or no last chunk).
 *           then method=transferChecksum&amp;args=["ID"] → S_OK {"size":N,"adler32":HEX8,"sha256":HEX64}, of the
 *             whole content from its first byte, including bytes a Range skipped
 * upload    POST /S/C?method=streamFromClient&amp;args=[...]  Content-Type: application/octet-stream; the body is
 *             the file, read by the method's InputStream parameter; args are the method's other arguments
 *           → the method's S_OK/S_ERROR, with Gatehouse-Transfer: ID and
 *             Gatehouse-Checksum: size=N, adler32=HEX8, sha256=HEX64 of the bytes the method read
 * </pre>
 */
public final class Transfers {

    /** The method DIRAC's {@code TornadoClient.receiveFile} calls. */
    public static final String DOWNLOAD_METHOD = "streamToClient";
    /** The conventional name of a streamed upload method (DISET's). */
    public static final String UPLOAD_METHOD = "streamFromClient";
    /** The built-in method every service answers with a finished transfer's checksum. */
    public static final String CHECKSUM_METHOD = "transferChecksum";
    /** Response header: the transfer's id, the argument of {@link #CHECKSUM_METHOD}. */
    public static final String TRANSFER_HEADER = "Gatehouse-Transfer";
    /** Response header of an upload: the {@link Checksum} of what the method read. */
    public static final String CHECKSUM_HEADER = "Gatehouse-Checksum";
    /** The query parameters of a streamed upload: the method's name, and its other arguments as a JSON array. */
    public static final String METHOD_PARAMETER = "method";
    public static final String ARGS_PARAMETER = "args";
    public static final String EXTRA_CREDENTIALS_PARAMETER = "extraCredentials";

    private Transfers() {
    }

    /**
     * What was transferred: its length and its checksums, adler32 (as the grid's storage elements record it, 8
     * lower-case hex digits) and SHA-256 (64 lower-case hex digits).
     */
    public record Checksum(long size, String adler32, String sha256) {

        /** As {@link #CHECKSUM_HEADER} carries it. */
        public String toHeader() {
            return "size=" + size + ", adler32=" + adler32 + ", sha256=" + sha256;
        }

        /** As {@link #CHECKSUM_METHOD} returns it. */
        public Map<String, Object> toValue() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("size", size);
            value.put("adler32", adler32);
            value.put("sha256", sha256);
            return value;
        }

        /** Reads {@link #toHeader()}'s form; empty when anything is missing or malformed. */
        public static Optional<Checksum> fromHeader(String header) {
            if (header == null) {
                return Optional.empty();
            }
            Map<String, String> items = new HashMap<>();
            for (String item : header.split(",")) {
                int eq = item.indexOf('=');
                if (eq > 0) {
                    items.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
                }
            }
            return of(items.get("size"), items.get("adler32"), items.get("sha256"));
        }

        /** Reads {@link #toValue()}'s form; empty when anything is missing or malformed. */
        public static Optional<Checksum> fromValue(Map<?, ?> value) {
            if (value == null) {
                return Optional.empty();
            }
            Object size = value.get("size");
            return of(size == null ? null : String.valueOf(size), asString(value.get("adler32")),
                    asString(value.get("sha256")));
        }

        private static String asString(Object value) {
            return value instanceof String text ? text : null;
        }

        private static Optional<Checksum> of(String size, String adler32, String sha256) {
            if (size == null || adler32 == null || sha256 == null || !adler32.matches("[0-9a-f]{8}")
                    || !sha256.matches("[0-9a-f]{64}")) {
                return Optional.empty();
            }
            try {
                long length = Long.parseLong(size);
                return length < 0 ? Optional.empty() : Optional.of(new Checksum(length, adler32, sha256));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
