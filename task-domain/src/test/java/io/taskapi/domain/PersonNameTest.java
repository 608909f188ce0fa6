package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.Optional;

/**
 * A person's name as others see it: whatever an identity provider sent, it is kept readable (no control characters,
 * no unpaired surrogates, no surrounding whitespace) and at most 100 characters (code points) long.
 */
class PersonNameTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Ada|Ada", "  Ada Lovelace \t|Ada Lovelace", "Zoë 😀|Zoë 😀"})
    void aReadableNameIsKeptWithoutSurroundingWhitespace(String given, String kept) {
        assertThat(PersonName.of(given)).isEqualTo(kept);
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreDropped() {
        assertThat(PersonName.of("A\u0000d\u0007a\u007f")).isEqualTo("Ada");
        assertThat(PersonName.of("\uD800x\uDC00y")).isEqualTo("xy");
        assertThat(PersonName.of("\u0001 Ada \u0002")).as("stripped again once controls are gone").isEqualTo("Ada");
    }

    /** A name that leaves nothing readable is no name. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\u0000", "\u0000\u0001\u001f", "\uD800", " \t\n "})
    void aNameThatLeavesNothingIsNoName(String given) {
        assertThat(PersonName.of(given)).isNull();
    }

    /** At most 100 code points: a character outside the BMP counts once, and dropped characters do not count. */
    @Test
    void aNameIsCutTo100CodePoints() {
        assertThat(PersonName.of("a".repeat(100))).isEqualTo("a".repeat(100));
        assertThat(PersonName.of("b".repeat(101))).isEqualTo("b".repeat(100));
        assertThat(PersonName.of("😀".repeat(101))).isEqualTo("😀".repeat(100));
        assertThat(PersonName.of("\u0001".repeat(50) + "c".repeat(120))).isEqualTo("c".repeat(100));
        assertThat(PersonName.of("d".repeat(99) + "😀x")).isEqualTo("d".repeat(99) + "😀");
    }

    @Test
    void anActorsAndAMembersNamesAreKeptThisWay() {
        assertThat(new Actor(new UserId("u"), new OwnerId("user:u"),
                Optional.of(" Ada\u0000 ")).name()).contains("Ada");
        assertThat(new Member(new UserId("u"), ListRole.VIEWER, Optional.of("\u0000"), 0).name())
                .as("a name of nothing but control characters is no name").isEmpty();
    }
}
