package io.taskapi.domain;

import java.util.Locale;

/** Each named enum's written names, by ordinal. */
final class Names {
    static final ClassValue<String[]> BY_TYPE = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    };

    private Names() {
    }
}
