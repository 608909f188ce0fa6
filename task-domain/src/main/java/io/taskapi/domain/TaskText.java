package io.taskapi.domain;

import java.util.Optional;

/** The rules for a task's text: present, not blank, at most 500 characters, printable, valid Unicode. */
final class TaskText {
    static final int MAX_LENGTH = 500;

    private TaskText() {
    }

    /** Why {@code text} cannot be a task's text, or empty when it can. Expects text already stripped. */
    static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("must not be empty");
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
            } else if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters");
            }
            codePoints++;
        }
        // Counted in code points, so an emoji is one character as a person sees it.
        if (codePoints > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The form in which text is stored: surrounding whitespace removed. */
    static String normalize(String text) {
        return text.strip();
    }
}
