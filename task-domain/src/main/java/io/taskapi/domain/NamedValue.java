package io.taskapi.domain;

import java.util.Optional;

/**
 * An enum whose constants are written and stored by name: the constant's name in lower case, such as
 * {@code in_progress}. The names are made once per enum, so writing one allocates nothing.
 */
public interface NamedValue {
    /**
     * The name as it is written and stored.
     *
     * @return the constant's name in lower case
     */
    default String value() {
        Enum<?> constant = (Enum<?>) this;
        return Names.BY_TYPE.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    /**
     * The constant of {@code type} with exactly this name, or empty: matching is case-sensitive.
     *
     * @param <E>  the enum
     * @param type the enum's class
     * @param name the name, as {@link #value()} writes it
     * @return the constant, or empty when none has this name
     */
    static <E extends Enum<E> & NamedValue> Optional<E> parse(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
