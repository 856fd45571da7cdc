package io.gatehouse.runtime.streaming;

import java.util.Optional;

/**
 * The one range of an HTTP {@code Range: bytes=...} header a download honours (RFC 9110 §14.2): {@code N-},
 * {@code N-M} or the suffix {@code -S}. Anything else (several ranges, another unit, a malformed value) is ignored
 * and the whole content sent, as the RFC allows.
 *
 * @param start the first byte sent
 * @param end   the last byte sent, inclusive, or -1 for "to the end" when the length is unknown
 */
record ByteRange(long start, long end) {

    /** The range asked for, resolved against the content's length ({@code -1} when unknown); empty: send it all. */
    static Optional<ByteRange> parse(String header, long length) throws Unsatisfiable {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String firstDigits = spec.substring(0, dash).trim();
        String lastDigits = spec.substring(dash + 1).trim();
        Long first = number(firstDigits);
        Long last = number(lastDigits);
        if (first == null && !firstDigits.isEmpty() || last == null && !lastDigits.isEmpty()
                || first == null && last == null || first == null && length < 0) {
            return Optional.empty();
        }
        if (first == null) { // the last S bytes
            if (last == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(length - last, 0), length - 1));
        }
        if (last != null && last < first) {
            return Optional.empty();
        }
        if (length >= 0 && first >= length) {
            throw new Unsatisfiable();
        }
        long end = length < 0 ? (last == null ? -1 : last) : Math.min(last == null ? length - 1 : last, length - 1);
        return Optional.of(new ByteRange(first, end));
    }

    /** The number of bytes sent, or -1 when the range runs to an unknown end. */
    long length() {
        return end < 0 ? -1 : end - start + 1;
    }

    private static Long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits);
    }

    /** A range that starts past the content's end: answered 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
