package io.taskapi.domain;

/** The rules of a list's fields, written once: new lists, renames and stored lists all check them here. */
final class ListRules {
    static final TextRule NAME = new TextRule(100, false, "must not be empty");

    private ListRules() {
    }

    /** The name as stored, or {@code null} after reporting why it cannot be; a {@code null} name is missing. */
    static String name(String name, Violations violations) {
        if (name == null) {
            violations.add(ListField.NAME, "is required");
            return null;
        }
        return NAME.check(name, ListField.NAME, violations);
    }

    /**
     * A list's name in its stored form: surrounding whitespace removed, 1 to 100 characters, no control characters.
     *
     * @throws ValidationException on {@link ListField#NAME} when the name breaks the rule
     */
    static String requireName(String name) {
        Violations violations = new Violations();
        String stored = name(name, violations);
        violations.throwIfAny();
        return stored;
    }
}
