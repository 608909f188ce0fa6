package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings read from the environment: defaults, the parsers every front door shares, and one-line refusals. */
class SettingTest {
    private static final Setting<Integer> PORT = Setting.of("PORT", "8080", "the port to listen on", Integer::valueOf);

    @Test
    void anUnsetOrBlankVariableTakesTheDefaultAndASetOneIsTrimmed() {
        assertThat(PORT.read(Map.of())).isEqualTo(8080);
        assertThat(PORT.read(Map.of("PORT", "  "))).isEqualTo(8080);
        assertThat(PORT.read(Map.of("PORT", " 9000 "))).isEqualTo(9000);
        assertThat(PORT.defaultHelp()).as("the help shows the default as written").isEqualTo("8080");
    }

    @Test
    void aRefusedValueIsOneLineStartingWithTheVariablesName() {
        Setting<Integer> port = Setting.of("PORT", "8080", "the port",
                Setting.unusable(text -> {
                    throw new IllegalArgumentException("not a number");
                }, "; use digits"));

        assertThatThrownBy(() -> port.read(Map.of("PORT", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PORT is unusable: not a number; use digits");
    }

    @Test
    void anUnusableWrapperPassesAGoodValueThrough() {
        assertThat(Setting.unusable(Integer::valueOf, "; hint").apply("42")).isEqualTo(42);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "Yes, true", "false, false", "False, false",
        "0, false", "no, false", "NO, false"})
    void aFlagIsTrueOrFalseInAnyOfItsSpellings(String text, boolean value) {
        assertThat(Setting.flag().apply(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "on", "off", "2", "truthy", "y"})
    void anythingElseIsNotAFlag(String text) {
        assertThatThrownBy(() -> Setting.flag().apply(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be true or false, got: " + text);
    }

    @Test
    void aMissingFlagIsRefusedNotTakenAsFalse() {
        assertThatThrownBy(() -> Setting.flag().apply(null)).hasMessage("must be true or false, got: null");
    }

    @Test
    void aChoiceIsEitherNameInAnyCaseAndAnythingElseIsRefusedWithBothNames() {
        Function<String, Integer> choice = Setting.choice("one", 1, "two", 2);

        assertThat(choice.apply("one")).isEqualTo(1);
        assertThat(choice.apply("TWO")).isEqualTo(2);
        assertThatThrownBy(() -> choice.apply("three")).hasMessage("must be one or two, got: three");
        assertThatThrownBy(() -> choice.apply(null)).hasMessage("must be one or two, got: null");
    }

    @Test
    void theAuthenticationModeIsNoneOrJwt() {
        assertThat(AuthMode.parser().apply("none")).isEqualTo(AuthMode.NONE);
        assertThat(AuthMode.parser().apply("JWT")).isEqualTo(AuthMode.JWT);
        assertThatThrownBy(() -> AuthMode.parser().apply("cognito")).hasMessage("must be none or jwt, got: cognito");
    }
}
