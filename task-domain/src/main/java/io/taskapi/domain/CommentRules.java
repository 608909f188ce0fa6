package io.taskapi.domain;

/** The rule of a comment's text, written once: new comments and stored ones both check it here. */
final class CommentRules {
    /** Line breaks shape a comment; tabs and other control characters only hide or garble it. */
    static final TextRule TEXT = new TextRule(2_000, true, false, "must not be empty");

    private CommentRules() {
    }

    /**
     * A comment's text in its stored form.
     *
     * @throws ValidationException on {@link CommentField#TEXT} when the text is missing or breaks the rule
     */
    static String requireText(String text) {
        Violations violations = new Violations();
        if (text == null) {
            violations.add(CommentField.TEXT, "is required");
        }
        String stored = text == null ? null : TEXT.check(text, CommentField.TEXT, violations);
        violations.throwIfAny();
        return stored;
    }
}
