package io.taskapi.application;

import io.taskapi.domain.AttachmentLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The limits of attachments as every front door reads them from its environment, declared once. */
public final class AttachmentSettings {
    static final Setting<Long> MAX_BYTES = Setting.of("TASKS_ATTACHMENT_MAX_BYTES",
            Long.toString(AttachmentLimits.DEFAULT_MAX_BYTES), "the largest file that may be attached, in bytes",
            text -> positive(text, 5L * 1024 * 1024 * 1024));
    static final Setting<Long> PER_TASK = Setting.of("TASKS_ATTACHMENTS_PER_TASK",
            Integer.toString(AttachmentLimits.DEFAULT_MAX_PER_TASK), "the most attachments a task may have",
            text -> positive(text, 100));
    static final Setting<Set<String>> CONTENT_TYPES = new Setting<>("TASKS_ATTACHMENT_TYPES",
            String.join(",", new TreeSet<>(AttachmentLimits.DEFAULT_CONTENT_TYPES)),
            "images, PDF, plain text, CSV, the common office formats and zip",
            "the media types a file may have, comma-separated (type/subtype, no parameters)",
            AttachmentSettings::types);
    static final Setting<Long> URL_SECONDS = Setting.of("TASKS_ATTACHMENT_URL_SECONDS",
            Long.toString(AttachmentLimits.DEFAULT_URL_LIFETIME.toSeconds()),
            "how long an upload or download URL works, in seconds", text -> positive(text, 7 * 24 * 3600));

    /** Every variable of attachments' limits, in the order an operator would set them. */
    public static final List<Setting<?>> SETTINGS = List.of(MAX_BYTES, PER_TASK, CONTENT_TYPES, URL_SECONDS);

    private AttachmentSettings() {
    }

    /**
     * The limits {@code env} sets, each at its default where unset.
     *
     * @param env the environment's variables by name
     * @return the limits of attachments
     * @throws IllegalArgumentException with one line naming the variable whose value is unusable
     */
    public static AttachmentLimits read(Map<String, String> env) {
        return new AttachmentLimits(MAX_BYTES.read(env), Math.toIntExact(PER_TASK.read(env)),
                CONTENT_TYPES.read(env), Duration.ofSeconds(URL_SECONDS.read(env)));
    }

    /**
     * The names of the variables, for a front door's list of what it reads.
     *
     * @return the names, in the order of {@link #SETTINGS}
     */
    public static List<String> variables() {
        return SETTINGS.stream().map(Setting::variable).toList();
    }

    private static long positive(String text, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number from 1 to " + max + ", got: " + text);
        }
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("must be a whole number from 1 to " + max + ", got: " + text);
        }
        return value;
    }

    private static Set<String> types(String text) {
        Set<String> types = Arrays.stream(text.split(",")).map(String::strip).filter(type -> !type.isEmpty())
                .map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        try {
            return Set.copyOf(new AttachmentLimits(1, 1, types, AttachmentLimits.DEFAULT_URL_LIFETIME)
                    .contentTypes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must list media types such as image/png,application/pdf, got: " + text);
        }
    }
}
