package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.AttachmentLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attachments' limits as front doors read them: the defaults, values that change them, and values refused. */
class AttachmentSettingsTest {
    @Test
    void anEmptyEnvironmentGivesTheDefaultLimits() {
        assertThat(AttachmentSettings.read(Map.of())).isEqualTo(AttachmentLimits.DEFAULT);
    }

    @Test
    void eachVariableSetsItsLimit() {
        AttachmentLimits limits = AttachmentSettings.read(Map.of("TASKS_ATTACHMENT_MAX_BYTES", "1024",
                "TASKS_ATTACHMENTS_PER_TASK", "3", "TASKS_ATTACHMENT_TYPES", " Image/PNG , text/plain,",
                "TASKS_ATTACHMENT_URL_SECONDS", "60"));

        assertThat(limits).isEqualTo(new AttachmentLimits(1024, 3, Set.of("image/png", "text/plain"),
                Duration.ofMinutes(1)));
    }

    @Test
    void anUnusableValueIsRefusedWithOneLineNamingItsVariable() {
        assertThatThrownBy(() -> AttachmentSettings.read(Map.of("TASKS_ATTACHMENT_MAX_BYTES", "25MB")))
                .hasMessage("TASKS_ATTACHMENT_MAX_BYTES must be a whole number from 1 to 5368709120, got: 25MB");
        assertThatThrownBy(() -> AttachmentSettings.read(Map.of("TASKS_ATTACHMENTS_PER_TASK", "0")))
                .hasMessage("TASKS_ATTACHMENTS_PER_TASK must be a whole number from 1 to 100, got: 0");
        assertThatThrownBy(() -> AttachmentSettings.read(Map.of("TASKS_ATTACHMENT_TYPES", "pdf")))
                .hasMessageStartingWith("TASKS_ATTACHMENT_TYPES must list media types");
        assertThatThrownBy(() -> AttachmentSettings.read(Map.of("TASKS_ATTACHMENT_URL_SECONDS", "604801")))
                .hasMessageStartingWith("TASKS_ATTACHMENT_URL_SECONDS must be a whole number from 1 to 604800");
    }

    /** Empty entries of the list of types, wherever they are, are ignored rather than refused. */
    @Test
    void emptyEntriesInTheListOfTypesAreIgnored() {
        assertThat(AttachmentSettings.read(Map.of("TASKS_ATTACHMENT_TYPES", ",image/png,, ,text/plain"))
                .contentTypes()).containsExactlyInAnyOrder("image/png", "text/plain");
    }

    @Test
    void aFrontDoorListsEveryVariableInOrder() {
        assertThat(AttachmentSettings.variables()).containsExactly("TASKS_ATTACHMENT_MAX_BYTES",
                "TASKS_ATTACHMENTS_PER_TASK", "TASKS_ATTACHMENT_TYPES", "TASKS_ATTACHMENT_URL_SECONDS");
    }
}
