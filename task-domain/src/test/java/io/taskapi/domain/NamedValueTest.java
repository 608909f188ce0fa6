package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NamedValue}: every named enum's constants are written as their lower-case name and parsed back exactly. */
class NamedValueTest {
    static Stream<Arguments> everyConstant() {
        return namedTypes()
                .flatMap(type -> Arrays.stream(type.getEnumConstants()).map(constant -> Arguments.of(type, constant)));
    }

    static Stream<Class<?>> namedTypes() {
        return Stream.of(TaskStatus.class, TaskPriority.class);
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    <E extends Enum<E> & NamedValue> void theValueIsTheConstantsNameInLowerCase(Class<E> type, E constant) {
        assertThat(constant.value()).isEqualTo(constant.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    <E extends Enum<E> & NamedValue> void everyConstantRoundTripsThroughItsValue(Class<E> type, E constant) {
        assertThat(NamedValue.parse(type, constant.value())).containsSame(constant);
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    <E extends Enum<E> & NamedValue> void theValueIsTheSameTextEveryTime(Class<E> type, E constant) {
        assertThat(constant.value()).isSameAs(constant.value());
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    <E extends Enum<E> & NamedValue> void anyOtherCaseIsRefused(Class<E> type, E constant) {
        String value = constant.value();
        String capitalized = Character.toUpperCase(value.charAt(0)) + value.substring(1);

        assertThat(NamedValue.parse(type, value.toUpperCase(Locale.ROOT))).isEmpty();
        assertThat(NamedValue.parse(type, constant.name())).isEmpty();
        assertThat(NamedValue.parse(type, capitalized)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyConstant")
    <E extends Enum<E> & NamedValue> void surroundingSpacesAreRefused(Class<E> type, E constant) {
        String value = constant.value();

        assertThat(NamedValue.parse(type, " " + value)).isEmpty();
        assertThat(NamedValue.parse(type, value + " ")).isEmpty();
        assertThat(NamedValue.parse(type, "\t" + value + "\n")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("namedTypes")
    <E extends Enum<E> & NamedValue> void aNameOfAnotherTypeOrNoNameIsRefused(Class<E> type) {
        assertThat(NamedValue.parse(type, "")).isEmpty();
        assertThat(NamedValue.parse(type, null)).isEmpty();
        Class<?> other = type.equals(TaskStatus.class) ? TaskPriority.class : TaskStatus.class;
        for (Object foreign : other.getEnumConstants()) {
            assertThat(NamedValue.parse(type, ((NamedValue) foreign).value())).isEmpty();
        }
    }
}
