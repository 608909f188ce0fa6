package io.taskapi.domain;

/**
 * The rule for a person's name as an identity provider gives it: kept for others to read, never checked against
 * anything. Control characters and unpaired surrogates are dropped, surrounding whitespace removed, and the name cut to 100 characters; a name
 * that leaves nothing is no name.
 */
final class PersonName {
    static final int MAX_LENGTH = 100;

    private PersonName() {
    }

    /** The name as stored, or {@code null} for none. */
    static String of(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        int codePoints = 0;
        String stripped = name.strip();
        for (int i = 0; i < stripped.length() && codePoints < MAX_LENGTH; ) {
            int codePoint = stripped.codePointAt(i);
            i += Character.charCount(codePoint);
            // An unpaired surrogate comes back as itself, a code point no text may hold.
            if (!Character.isISOControl(codePoint) && Character.getType(codePoint) != Character.SURROGATE) {
                kept.appendCodePoint(codePoint);
                codePoints++;
            }
        }
        String result = kept.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
