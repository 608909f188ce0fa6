package io.taskapi.application;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * One environment variable an application reads, declared once: its name, its default, what it controls, and how its
 * text becomes a typed value. Configuration records read each of their settings through one of these, so a variable's
 * name, default and help text are written in one place, and a bad value is refused with one line that names it.
 *
 * @param variable     the environment variable
 * @param defaultValue the text that applies when the variable is unset or blank, or {@code null} when there is none
 *                     (the parser then gets {@code null})
 * @param defaultHelp  the default as the help text says it
 * @param meaning      what the setting controls, for the help text
 * @param parser       turns the text (trimmed) into the value; throws {@link IllegalArgumentException} with the rest
 *                     of a sentence that starts with the variable's name, such as {@code must be true or false}
 * @param <T>          the type of the value
 */
public record Setting<T>(
        String variable, String defaultValue, String defaultHelp, String meaning, Function<String, T> parser) {

    /**
     * Requires all but the default.
     *
     * @param variable     the environment variable
     * @param defaultValue the text that applies when the variable is unset or blank, or {@code null}
     * @param defaultHelp  the default as the help text says it
     * @param meaning      what the setting controls, for the help text
     * @param parser       turns the text into the value
     */
    public Setting {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(defaultHelp, "defaultHelp");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(parser, "parser");
    }

    /**
     * A setting whose help text shows the default as it is written.
     *
     * @param variable     the environment variable
     * @param defaultValue the text that applies when the variable is unset or blank, or {@code null}
     * @param meaning      what the setting controls, for the help text
     * @param parser       turns the text into the value
     * @param <T>          the type of the value
     * @return the setting
     */
    public static <T> Setting<T> of(String variable, String defaultValue, String meaning, Function<String, T> parser) {
        return new Setting<>(variable, defaultValue, defaultValue, meaning, parser);
    }

    /**
     * The value {@code env} gives this setting, or its default's.
     *
     * @param env the environment's variables by name
     * @return the parsed value
     * @throws IllegalArgumentException with one line that starts with the variable's name
     */
    public T read(Map<String, String> env) {
        String text = env.get(variable);
        text = text == null || text.isBlank() ? defaultValue : text.trim();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " " + e.getMessage(), e);
        }
    }

    /**
     * A parser whose failures say the value is unusable and why, plus a hint on how to make a usable one; the text is
     * never {@code null} for it (a setting that may be unset checks that first).
     *
     * @param parser the parser whose failures are reworded
     * @param hint   what follows the reason, such as how to make a usable value
     * @param <T>    the type of the value
     * @return the parser
     */
    public static <T> Function<String, T> unusable(Function<String, T> parser, String hint) {
        return text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is unusable: " + e.getMessage() + hint, e);
            }
        };
    }

    /**
     * A parser of one of two values, each by its name in any case; anything else is refused with both names.
     *
     * @param firstName  the first value's name, lower case
     * @param first      the first value
     * @param secondName the second value's name, lower case
     * @param second     the second value
     * @param <T>        the type of the values
     * @return the parser
     */
    public static <T> Function<String, T> choice(String firstName, T first, String secondName, T second) {
        Map<String, T> choices = new LinkedHashMap<>();
        choices.put(firstName, first);
        choices.put(secondName, second);
        return choice(choices);
    }

    /**
     * A parser of {@code true} or {@code false}, also written {@code 1}, {@code 0}, {@code yes} or {@code no}.
     *
     * @return the parser
     */
    public static Function<String, Boolean> flag() {
        Map<String, Boolean> names =
                Map.of("true", true, "1", true, "yes", true, "false", false, "0", false, "no", false);
        return text -> {
            Boolean value = text == null ? null : names.get(text.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("must be true or false, got: " + text);
            }
            return value;
        };
    }

    /** A parser of one of {@code choices}, named in any case; anything else is refused with the names allowed. */
    private static <T> Function<String, T> choice(Map<String, T> choices) {
        return text -> {
            T value = text == null ? null : choices.get(text.toLowerCase(Locale.ROOT));
            if (value == null) {
                StringJoiner names = new StringJoiner(" or ");
                choices.keySet().forEach(names::add);
                throw new IllegalArgumentException("must be " + names + ", got: " + text);
            }
            return value;
        };
    }
}
