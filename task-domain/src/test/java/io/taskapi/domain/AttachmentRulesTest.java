package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What may be attached: a file's name that names one file and no path, a media type of the form {@code type/subtype},
 * and a size of at least one byte and at most the limit; and what a stored attachment must keep.
 */
class AttachmentRulesTest {
    private static final AttachmentLimits LIMITS =
            new AttachmentLimits(1000, 5, Set.of("text/plain", "image/png"), Duration.ofMinutes(5));
    private static final String SEPARATOR = "must not contain a path separator (/ or \\)";

    @Test
    void aSizeIsFromOneByteToTheLimit() {
        assertThat(AttachmentRules.check("a.txt", "text/plain", 1L, LIMITS).size()).isEqualTo(1);
        assertThat(AttachmentRules.check("a.txt", "text/plain", 1000L, LIMITS).size()).isEqualTo(1000);
        for (long size : new long[] {0, -1, 1001}) {
            assertThat(ValidationErrors.of(() -> AttachmentRules.check("a.txt", "text/plain", size, LIMITS)))
                    .containsExactly(new FieldError(AttachmentField.SIZE, "must be from 1 to 1000 bytes"));
        }
    }

    /** A path separator anywhere, first character included, is refused: a name never reaches outside its folder. */
    @ParameterizedTest
    @ValueSource(strings = {"/a.txt", "\\a.txt", "a/b.txt", "a\\b.txt", "a.txt/", "../a.txt", "/"})
    void aFilenameWithAPathSeparatorIsRefused(String filename) {
        assertThat(ValidationErrors.of(() -> AttachmentRules.check(filename, "text/plain", 1L, LIMITS)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, SEPARATOR));
        assertThat(AttachmentRules.isStorable(filename, "text/plain", 1)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "..."})
    void aFilenameOfDotsAloneIsRefused(String filename) {
        assertThat(ValidationErrors.of(() -> AttachmentRules.check(filename, "text/plain", 1L, LIMITS)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, "must name a file, not . or .."));
        assertThat(AttachmentRules.isStorable(filename, "text/plain", 1)).isFalse();
    }

    /** The media type is matched in lower case against the allowed ones, whatever case it was sent in. */
    @Test
    void aContentTypeIsStoredInLowerCase() {
        assertThat(AttachmentRules.check(" a.txt ", " Text/PLAIN ", 3L, LIMITS))
                .isEqualTo(new NewAttachment("a.txt", "text/plain", 3));
    }

    @Test
    void whatAStoredAttachmentKeeps() {
        assertThat(AttachmentRules.isStorable("a.txt", "application/x-anything", 1)).isTrue();
        assertThat(AttachmentRules.isStorable("a.txt", "text/plain", 0)).as("no empty file").isFalse();
        assertThat(AttachmentRules.isStorable(" a.txt", "text/plain", 1)).as("only the stored form").isFalse();
        assertThat(AttachmentRules.isStorable("", "text/plain", 1)).isFalse();
        assertThat(AttachmentRules.isStorable(null, "text/plain", 1)).isFalse();
        assertThat(AttachmentRules.isStorable("a.txt", "text", 1)).isFalse();
        assertThat(AttachmentRules.isStorable("a.b", "text/plain", 1)).as("dots and more is a name").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "text/plain", "application/vnd.ms-excel", "image/svg+xml", "x_y/z-0.9", "A/B",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    void aMediaTypeIsTwoTokensAroundOneSlash(String type) {
        assertThat(AttachmentRules.isMediaType(type)).isTrue();
    }

    /** No empty token on either side, one slash only, and only letters, digits and . + - _ (ASCII). */
    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/b", "a/", "ab", "a/b/c", "a//b", "a/b c", "a/b;charset=utf-8", "a/é", "é/b",
        "a/b\u0000", "a/b*", "a/b,c", "a:b/c"})
    void nothingElseIsAMediaType(String type) {
        assertThat(AttachmentRules.isMediaType(type)).isFalse();
    }

    @Test
    void noTypeIsNoMediaType() {
        assertThat(AttachmentRules.isMediaType(null)).isFalse();
    }
}
