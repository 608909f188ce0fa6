package io.taskapi.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for a task's optional details: its description, due date and tags. */
final class TaskDetails {
    static final int MAX_DESCRIPTION_LENGTH = 4000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 32;

    static final String DESCRIPTION = "description";
    static final String DUE_DATE = "due_date";
    static final String TAGS = "tags";

    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TAG = Pattern.compile("[a-z0-9._-]{1," + MAX_TAG_LENGTH + "}");
    static final String TAG_RULE = "must be 1 to " + MAX_TAG_LENGTH + " characters, each one of a-z 0-9 - _ .";

    private TaskDetails() {
    }

    /** Why {@code description} (already stripped) cannot be a description, or empty when it can. */
    static Optional<String> descriptionProblem(String description) {
        if (description.isEmpty()) {
            return Optional.of("must not be empty (send null to remove it)");
        }
        int codePoints = 0;
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= description.length() || !Character.isLowSurrogate(description.charAt(i + 1))) {
                    return Optional.of("must be valid Unicode (no unpaired surrogates)");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode (no unpaired surrogates)");
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                // Line breaks and tabs shape a longer text; other control characters only hide or garble it.
                return Optional.of("must not contain control characters other than line breaks and tabs");
            }
            codePoints++;
        }
        if (codePoints > MAX_DESCRIPTION_LENGTH) {
            return Optional.of("must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The form in which a description is stored: surrounding whitespace removed. */
    static String normalizeDescription(String description) {
        return description.strip();
    }

    /**
     * The date {@code text} names, strictly {@code YYYY-MM-DD} with a year from 1000 to 9999 and a day that exists.
     *
     * @return the date, or {@code null} after adding an error on {@code due_date} to {@code errors}
     */
    static LocalDate dueDate(String text, List<FieldError> errors) {
        var parts = DATE.matcher(text);
        if (parts.matches() && parts.group(1).charAt(0) != '0') {
            try {
                return LocalDate.of(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                        Integer.parseInt(parts.group(3)));
            } catch (DateTimeException e) {
                errors.add(new FieldError(DUE_DATE, "must be a date that exists, such as 2026-02-28"));
                return null;
            }
        }
        errors.add(new FieldError(DUE_DATE, "must be a date as YYYY-MM-DD (years 1000 to 9999)"));
        return null;
    }

    /** Whether a stored due date keeps the rules. */
    static boolean isValidDueDate(LocalDate date) {
        return date.getYear() >= 1000 && date.getYear() <= 9999;
    }

    /**
     * The tags as stored: each checked, duplicates removed keeping the first, at most {@value #MAX_TAGS}.
     *
     * @return the tags, or {@code null} after adding errors (on {@code tags[i]} or {@code tags}) to {@code errors}
     */
    static List<String> tags(List<String> raw, List<FieldError> errors) {
        int before = errors.size();
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String tag = raw.get(i);
            if (tag == null) {
                errors.add(new FieldError(TAGS + "[" + i + "]", "must be a string"));
            } else if (!tag.equals(tag.toLowerCase(java.util.Locale.ROOT)) && TAG.matcher(
                    tag.toLowerCase(java.util.Locale.ROOT)).matches()) {
                // Said apart because silently lower-casing would make two tags the client told apart the same.
                errors.add(new FieldError(TAGS + "[" + i + "]", "must be lowercase"));
            } else if (!TAG.matcher(tag).matches()) {
                errors.add(new FieldError(TAGS + "[" + i + "]", TAG_RULE));
            } else {
                unique.add(tag);
            }
        }
        if (unique.size() > MAX_TAGS) {
            errors.add(new FieldError(TAGS, "must have at most " + MAX_TAGS + " different tags"));
        }
        return errors.size() == before ? List.copyOf(unique) : null;
    }

    /** Whether stored tags keep the rules: valid, distinct, few enough. */
    static boolean areValidTags(List<String> tags) {
        List<FieldError> errors = new ArrayList<>();
        List<String> checked = tags(tags, errors);
        return checked != null && checked.equals(tags);
    }
}
