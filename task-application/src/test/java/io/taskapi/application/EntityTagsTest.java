package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading If-Match and If-None-Match: which members are entity tags, and which tags name a version. */
class EntityTagsTest {
    private static Optional<EntityTags.Condition> parse(String... lines) {
        HttpRequest request = HttpRequest.builder("GET", "/tasks").headers(Map.of("If-Match", Arrays.asList(lines)))
                .requestId("r").caller(Caller.owner(OwnerId.SHARED)).build();
        return EntityTags.parse(request, "If-Match");
    }

    private static List<String> tags(String... lines) {
        return parse(lines).orElseThrow().tags();
    }

    @Test
    void noHeaderIsNoCondition() {
        HttpRequest request = HttpRequest.builder("GET", "/tasks").requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build();
        assertThat(EntityTags.parse(request, "If-Match")).isEmpty();
    }

    @Test
    void aStarAloneMatchesAnyRepresentation() {
        assertThat(parse(" * ").orElseThrow()).isEqualTo(new EntityTags.Condition(true, List.of()));
        assertThat(parse("*, \"1\"").orElseThrow().any()).isFalse();
    }

    /** Each tag is read whole, weak prefix and quotes included, from where it starts to its closing quote. */
    @Test
    void readsEveryTagOfAListAsWritten() {
        assertThat(tags("\"1\",W/\"2\" ,\t\"x y\"")).containsExactly("\"1\"", "W/\"2\"", "\"x y\"");
        assertThat(tags("\"1\"", "W/\"2\"")).as("several header lines form one list").containsExactly("\"1\"", "W/\"2\"");
        assertThat(tags("\"a,b\", \"3\"")).as("a comma inside quotes is part of the tag")
                .containsExactly("\"a,b\"", "\"3\"");
    }

    /** The empty tag {@code ""} is a tag (RFC 9110 allows it), and reading goes on after it. */
    @Test
    void theEmptyTagIsReadAndTheListGoesOnAfterIt() {
        assertThat(tags("\"\"")).containsExactly("\"\"");
        assertThat(tags("\"\", \"7\"")).containsExactly("\"\"", "\"7\"");
    }

    /** Members that are not tags are skipped up to the next comma, and the tags after them still count. */
    @Test
    void skipsWhatIsNotATagAndReadsTheTagsAfterIt() {
        assertThat(tags("garbage, \"1\"")).containsExactly("\"1\"");
        assertThat(tags("1, 2, \"3\"")).containsExactly("\"3\"");
        assertThat(tags("\"unclosed, \"2\"")).containsExactly("\"unclosed, \"");
        assertThat(tags("W/x, \"4\"")).containsExactly("\"4\"");
    }

    /** A weak prefix with nothing after it, or an opening quote that never closes, is no tag and no failure. */
    @ParameterizedTest
    @ValueSource(strings = {"W/", "\"1\", W/", "\"", "\"1\", \"", "W/\"", ",", " , ,"})
    void aTruncatedMemberAtTheEndIsDropped(String header) {
        assertThat(tags(header)).allSatisfy(tag -> assertThat(tag).isEqualTo("\"1\""));
    }

    /** Only strong tags of a version number, 1 to 18 digits without a leading zero, name a version If-Match can select. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"1\"|1", "\"9\"|9", "\"10\"|10", "\"90\"|90", "\"123\"|123",
        "\"100000000000000000\"|100000000000000000", "\"999999999999999999\"|999999999999999999"})
    void aStrongTagOfAVersionNumberNamesThatVersion(String tag, long version) {
        assertThat(new EntityTags.Condition(false, List.of(tag)).strongVersions()).containsExactly(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"0\"", "\"01\"", "W/\"1\"", "\"1000000000000000000\"", "\"9223372036854775808\"",
        "\"-1\"", "\"1a\"", "\"/\"", "\":\"", "\"1/\"", "\"1:\"", "1", "\"1"})
    void noOtherTagNamesAVersion(String tag) {
        assertThat(new EntityTags.Condition(false, List.of(tag)).strongVersions()).isEmpty();
    }

    @Test
    void versionsKeepTheOrderOfTheirTags() {
        assertThat(new EntityTags.Condition(false, List.of("\"3\"", "W/\"4\"", "\"1\"")).strongVersions())
                .containsExactly(3L, 1L);
    }

    /** Weak comparison (If-None-Match): a weak and a strong tag of one version both match it, and no other version. */
    @Test
    void weakComparisonMatchesEitherFormOfTheVersionsTag() {
        EntityTags.Condition condition = new EntityTags.Condition(false, List.of("W/\"2\"", "\"5\""));

        assertThat(condition.matchesWeakly(2)).isTrue();
        assertThat(condition.matchesWeakly(5)).isTrue();
        assertThat(condition.matchesWeakly(3)).isFalse();
        assertThat(new EntityTags.Condition(true, List.of()).matchesWeakly(3)).isTrue();
    }
}
