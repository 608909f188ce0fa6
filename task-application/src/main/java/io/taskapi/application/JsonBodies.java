package io.taskapi.application;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What makes a request body acceptable as JSON before it is parsed: its size, its media type, its encoding and its
 * nesting. Every refusal is a whole-request error with its own status.
 */
final class JsonBodies {
    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    /** The deepest nesting a body may have; a task body needs two levels (the object and its tags). */
    static final int MAX_DEPTH = 32;

    private JsonBodies() {
    }

    /**
     * The body of a request that must be a JSON document of {@code mediaType}, as text.
     *
     * @throws BadRequestException 413 when too large, 415 for another media type, 400 when empty, not UTF-8 or nested
     *                             too deeply
     */
    static String text(HttpRequest request, String mediaType) {
        if (request.bodyTooLarge()) {
            throw new BadRequestException(413,
                    "Request body is too large (at most " + HttpRequest.MAX_BODY_BYTES + " bytes)");
        }
        if (!isJson(request.header("Content-Type").orElse(""), mediaType)) {
            throw new BadRequestException(415, "Content-Type must be " + mediaType);
        }
        if (request.body().length == 0) {
            throw new BadRequestException(400, "Request body must be a JSON object");
        }
        requireShallow(request.body());
        return utf8(request.body());
    }

    /** {@code mediaType}, a JSON type, optionally with a UTF-8 charset; JSON text is UTF-8 by definition (RFC 8259). */
    static boolean isJson(String contentType, String mediaType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(mediaType)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")
                    && (parameter.length < 2 || !isUtf8Name(parameter[1].trim().replace("\"", "")))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8Name(String charset) {
        return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }

    /** Refuses a body nested deeper than {@link #MAX_DEPTH} before any parsing. */
    private static void requireShallow(byte[] body) {
        if (depth(body) > MAX_DEPTH) {
            throw new BadRequestException(400, "Request body is nested too deeply (at most " + MAX_DEPTH + " levels)");
        }
    }

    /**
     * The deepest nesting of brackets in {@code body}, strings skipped: one pass over the bytes, so no parser state
     * grows with an attacker's nesting.
     */
    static int depth(byte[] body) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(400, "Request body is not valid UTF-8");
        }
    }
}
