package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLayoutTest {
    private static final String KEY = "0195a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/0195a1b2-9f8e-7d6c-b5a4-938271605f4e";

    @Test
    void uploadsArePendingAndKeptFilesAvailableUnderThePrefix() {
        KeyLayout layout = new KeyLayout("attachments", "tasks/");

        assertThat(layout.pending(KEY)).isEqualTo("tasks/pending/" + KEY);
        assertThat(layout.available(KEY)).isEqualTo("tasks/available/" + KEY);
        assertThat(new KeyLayout("attachments", "").pending(KEY)).isEqualTo("pending/" + KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a/b", "a/b/", "a//b", "../b", "a/../b", "a/./b", ".", "a\\b", "a\nb", "a\u0000b"})
    void keysThatCouldLeaveTheFolderOrThatS3WouldRefuseAreRefused(String key) {
        KeyLayout layout = new KeyLayout("attachments", "");

        assertThatThrownBy(() -> layout.pending(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.available(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsAtMost1024BytesWithItsPrefix() {
        KeyLayout layout = new KeyLayout("attachments", "p/");

        assertThat(layout.pending("a".repeat(1024 - "p/pending/".length()))).hasSize(1024);
        assertThatThrownBy(() -> layout.pending("ä".repeat(600))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Attachments", "my_bucket", "-bucket", "bucket-", "a/b",
        "x1234567890123456789012345678901234567890123456789012345678901234"})
    void bucketNamesS3WouldRefuseAreRefused(String bucket) {
        assertThatThrownBy(() -> new KeyLayout(bucket, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks", "/tasks/", "tasks//", "a/../", "/"})
    void aPrefixIsAFolder(String prefix) {
        assertThatThrownBy(() -> new KeyLayout("attachments", prefix)).isInstanceOf(IllegalArgumentException.class);
    }
}
