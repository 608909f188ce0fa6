package io.taskapi.domain;

import java.util.Locale;
import java.util.TreeSet;

/** The rules of an attachment's fields, written once: new attachments and stored ones both check them here. */
final class AttachmentRules {
    static final TextRule FILENAME = new TextRule(255, false, "must not be empty");

    private AttachmentRules() {
    }

    /**
     * The attachment a request describes, in its stored form: the filename without surrounding whitespace, the content
     * type in lower case.
     *
     * @throws ValidationException with every field that breaks its rule, in field order
     */
    static NewAttachment check(String filename, String contentType, Long size, AttachmentLimits limits) {
        Violations violations = new Violations();
        String name = null;
        if (filename == null) {
            violations.add(AttachmentField.FILENAME, "is required");
        } else {
            name = FILENAME.check(filename, AttachmentField.FILENAME, violations);
            if (name != null && (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0)) {
                violations.add(AttachmentField.FILENAME, "must not contain a path separator (/ or \\)");
                name = null;
            } else if (name != null && name.chars().allMatch(c -> c == '.')) {
                violations.add(AttachmentField.FILENAME, "must name a file, not . or ..");
                name = null;
            }
        }
        String type = contentType == null ? null : contentType.strip().toLowerCase(Locale.ROOT);
        if (type == null) {
            violations.add(AttachmentField.CONTENT_TYPE, "is required");
        } else if (!limits.contentTypes().contains(type)) {
            violations.add(AttachmentField.CONTENT_TYPE,
                    "must be one of: " + String.join(", ", new TreeSet<>(limits.contentTypes())));
        }
        if (size == null) {
            violations.add(AttachmentField.SIZE, "is required");
        } else if (size < 1 || size > limits.maxBytes()) {
            violations.add(AttachmentField.SIZE, "must be from 1 to " + limits.maxBytes() + " bytes");
        }
        violations.throwIfAny();
        return new NewAttachment(name, type, size);
    }

    /** Whether an attachment may be stored with these fields, whatever today's allowed types. */
    static boolean isStorable(String filename, String contentType, long size) {
        return filename != null && filename.equals(TextRule.normalize(filename)) && FILENAME.problem(filename).isEmpty()
                && filename.indexOf('/') < 0 && filename.indexOf('\\') < 0
                && !filename.chars().allMatch(c -> c == '.')
                && isMediaType(contentType) && size >= 1;
    }

    /** {@code type/subtype}: two non-empty tokens of letters, digits and {@code .+-_}, nothing else. */
    static boolean isMediaType(String value) {
        if (value == null) {
            return false;
        }
        int slash = value.indexOf('/');
        return slash > 0 && slash == value.lastIndexOf('/') && slash < value.length() - 1
                && value.chars().allMatch(c -> c == '/' || Character.isLetterOrDigit(c) && c < 128
                        || c == '.' || c == '+' || c == '-' || c == '_');
    }
}
