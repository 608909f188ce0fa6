package io.taskapi.s3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code Content-Disposition} of a download: always {@code attachment}, so that no browser shows a stored file
 * inline (an uploaded HTML or SVG file would otherwise run in the origin that serves it), with the filename written
 * twice as RFC 6266 advises: a plain ASCII {@code filename} for old clients and the exact name as
 * {@code filename*=UTF-8''...} (RFC 8187, formerly RFC 5987) for every current one.
 */
final class ContentDisposition {
    private ContentDisposition() {
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...} for any filename; the value is ASCII only. */
    static String attachment(String filename) {
        Objects.requireNonNull(filename, "filename");
        if (filename.isEmpty()) {
            throw new IllegalArgumentException("a filename must not be empty");
        }
        return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + extValue(filename);
    }

    /**
     * The filename as a quoted-string of printable ASCII: every other character, and the quote and backslash (whose
     * escaping not every client undoes), becomes {@code _}. A client that reads {@code filename*} never uses it.
     */
    static String asciiFallback(String filename) {
        StringBuilder fallback = new StringBuilder(filename.length());
        filename.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                ? (char) c : '_'));
        return fallback.toString();
    }

    /** The filename's UTF-8 bytes, each byte that is not an RFC 8187 {@code attr-char} percent-encoded. */
    static String extValue(String filename) {
        StringBuilder encoded = new StringBuilder(filename.length() * 3);
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** {@code ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"}. */
    private static boolean isAttrChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
