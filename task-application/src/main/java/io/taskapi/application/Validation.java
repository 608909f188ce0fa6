package io.taskapi.application;

import io.taskapi.domain.Field;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.NamedValue;
import io.taskapi.domain.ValidationException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parsing of the wire forms the domain does not know (enumerated names, dates as text), with errors reported on the
 * domain's fields, so that they are listed together with the domain's own in one field order.
 */
final class Validation {
    private Validation() {
    }

    /**
     * What {@code build} builds, once every error is known: those found in parsing and those the domain finds.
     *
     * @throws ValidationException listing both kinds in field order, if there are any
     */
    static <T> T combined(List<FieldError> found, Supplier<T> build) {
        List<FieldError> errors = new ArrayList<>(found);
        T built = null;
        try {
            built = build.get();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return built;
    }

    /** The constant written {@code text}, or empty after reporting on {@code field} the names allowed. */
    static <E extends Enum<E> & NamedValue> Optional<E> named(
            Field field, String text, Function<String, Optional<E>> parse, E[] constants, List<FieldError> errors) {
        return parsed(field, parse.apply(text), Stream.of(constants).map(NamedValue::value), errors);
    }

    /** {@code value}, or empty after reporting on {@code field} that only the {@code allowed} names are. */
    static <T> Optional<T> parsed(Field field, Optional<T> value, Stream<String> allowed, List<FieldError> errors) {
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "must be one of: " + allowed.collect(Collectors.joining(", "))));
        }
        return value;
    }

    /**
     * The date {@code text} names, strictly {@code YYYY-MM-DD} with a year from 1000 to 9999 and a day that exists;
     * or empty after reporting on {@code field} why it does not.
     */
    static Optional<LocalDate> date(Field field, String text, List<FieldError> errors) {
        if (isDateShape(text)) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                        Integer.parseInt(text.substring(5, 7)), Integer.parseInt(text.substring(8, 10))));
            } catch (DateTimeException e) {
                errors.add(new FieldError(field, "must be a date that exists, such as 2026-02-28"));
                return Optional.empty();
            }
        }
        errors.add(new FieldError(field, "must be a date as YYYY-MM-DD (years 1000 to 9999)"));
        return Optional.empty();
    }

    /** Ten characters {@code DDDD-DD-DD} of ASCII digits, the year not starting with 0. */
    private static boolean isDateShape(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
