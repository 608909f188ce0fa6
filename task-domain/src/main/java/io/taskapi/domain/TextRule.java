package io.taskapi.domain;

import java.util.Optional;

/**
 * The rule for a free text field: not empty once surrounding whitespace is removed, valid Unicode, at most so many
 * characters (counted in code points, so an emoji is one character as a person sees it), and no control characters
 * except, where the text may span lines, line breaks and tabs.
 *
 * @param maxLength    the most code points allowed
 * @param multiline    whether line breaks are allowed
 * @param tabs         whether tabs are allowed
 * @param emptyMessage what an empty text is told
 */
record TextRule(int maxLength, boolean multiline, boolean tabs, String emptyMessage) {

    /** A rule that allows line breaks and tabs together, or neither. */
    TextRule(int maxLength, boolean multiline, String emptyMessage) {
        this(maxLength, multiline, multiline, emptyMessage);
    }

    /** The form in which text is stored: surrounding whitespace removed. */
    static String normalize(String text) {
        return text.strip();
    }

    /** Why {@code text}, already normalized, breaks this rule; empty when it keeps it. */
    Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of(emptyMessage);
        }
        int codePoints = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Optional.of("must be valid Unicode (no unpaired surrogates)");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode (no unpaired surrogates)");
            } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r') || tabs && c == '\t')) {
                // Line breaks (and, where allowed, tabs) shape a longer text; other control characters only hide or
                // garble it.
                return Optional.of(!multiline ? "must not contain control characters"
                        : tabs ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters other than line breaks");
            }
            codePoints++;
        }
        if (codePoints > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        return Optional.empty();
    }

    /**
     * The text as stored, or {@code null} after reporting on {@code field} why it cannot be.
     *
     * @param text the text as given, not yet normalized
     */
    String check(String text, Field field, Violations violations) {
        String normalized = normalize(text);
        Optional<String> problem = problem(normalized);
        if (problem.isPresent()) {
            violations.add(field, problem.get());
            return null;
        }
        return normalized;
    }
}
