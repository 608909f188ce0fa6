package io.taskapi.domain;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule of each field of a task, written once: new tasks, changes, stored tasks and listing criteria all check their
 * values here. Each check takes the value as given and returns it as stored, or reports why it cannot be.
 */
final class TaskRules {
    static final TextRule TEXT = new TextRule(500, false, "must not be empty");
    static final TextRule DESCRIPTION = new TextRule(4000, true, "must not be empty (send null to remove it)");
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 32;
    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;

    private TaskRules() {
    }

    /** The value of {@code field} as stored, or {@code null} after reporting why it cannot be. */
    @SuppressWarnings("unchecked")
    static Object check(TaskField field, Object value, Violations violations) {
        return switch (field) {
            case TEXT -> text((String) value, violations);
            case STATUS, PRIORITY -> value;
            case DESCRIPTION -> description((String) value, violations);
            case DUE_DATE -> dueDate((LocalDate) value, TaskField.DUE_DATE, violations);
            case TAGS -> tags((List<String>) value, violations);
            // Whether a list exists and who may be assigned depend on the store: the use cases check them.
            case LIST_ID, ASSIGNEE -> value;
        };
    }

    /** The text as stored, or {@code null} after reporting why it cannot be; {@code null} text is missing. */
    static String text(String text, Violations violations) {
        if (text == null) {
            violations.add(TaskField.TEXT, "is required");
            return null;
        }
        return TEXT.check(text, TaskField.TEXT, violations);
    }

    static String description(String description, Violations violations) {
        return description == null ? null : DESCRIPTION.check(description, TaskField.DESCRIPTION, violations);
    }

    static LocalDate dueDate(LocalDate date, Field field, Violations violations) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            violations.add(field, "must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
            return null;
        }
        return date;
    }

    /**
     * The tags as stored: each checked, duplicates dropped keeping the first, at most {@value #MAX_TAGS}; or
     * {@code null} after reporting each offending element and the count.
     */
    static List<String> tags(List<String> tags, Violations violations) {
        if (tags == null) {
            return List.of();
        }
        boolean valid = true;
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Optional<String> problem = tagProblem(tags.get(i));
            if (problem.isPresent()) {
                violations.add(TaskField.TAGS, i, problem.get());
                valid = false;
            } else {
                unique.add(tags.get(i));
            }
        }
        if (unique.size() > MAX_TAGS) {
            violations.add(TaskField.TAGS, "must have at most " + MAX_TAGS + " different tags");
            valid = false;
        }
        return valid ? List.copyOf(unique) : null;
    }

    /** Why {@code tag} cannot be a tag, or empty when it can. */
    static Optional<String> tagProblem(String tag) {
        if (tag == null) {
            return Optional.of("must not be null");
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        if (!tag.equals(lower) && isTagText(lower)) {
            // Said apart because silently lower-casing would make two tags the client told apart the same.
            return Optional.of("must be lowercase");
        }
        if (!isTagText(tag)) {
            return Optional.of("must be 1 to " + MAX_TAG_LENGTH + " characters, each one of a-z 0-9 - _ .");
        }
        return Optional.empty();
    }

    private static boolean isTagText(String tag) {
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the fields of a task as stored: every rule holds and every value is already in its stored form.
     *
     * @throws IllegalArgumentException naming each broken rule
     */
    static void requireStored(
            String text, String description, LocalDate dueDate, List<String> tags) {
        Violations violations = new Violations();
        boolean stored = text != null && text.equals(text(text, violations))
                && (description == null || description.equals(description(description, violations)))
                && (dueDate == null || dueDate.equals(dueDate(dueDate, TaskField.DUE_DATE, violations)))
                && tags.equals(tags(tags, violations));
        violations.requireNone("a task");
        if (!stored) {
            throw new IllegalArgumentException("a task's text and details must be in their stored form");
        }
    }
}
