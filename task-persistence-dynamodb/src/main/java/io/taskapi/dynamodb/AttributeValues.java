package io.taskapi.dynamodb;

import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute values items are written with (strings and integral numbers), and their checked reading back. */
final class AttributeValues {
    private AttributeValues() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * Reads the attributes of one kind of stored item, refusing a missing or mistyped one as malformed. Each mapper
     * has its own, since only the mapper knows how to name its items without their content.
     */
    static final class Reader {
        private final String kind;
        private final Function<Map<String, AttributeValue>, String> describe;

        /**
         * A reader whose refusals say "{@code kind} lacks a valid …: " and then {@code describe} of the item. The
         * message ends up in the request log, so {@code describe} must name no user id and no user content.
         */
        Reader(String kind, Function<Map<String, AttributeValue>, String> describe) {
            this.kind = kind;
            this.describe = describe;
        }

        String string(Map<String, AttributeValue> item, String name) {
            String value = optionalString(item, name);
            if (value == null) {
                throw malformed(item, "string attribute " + name);
            }
            return value;
        }

        /** The string attribute {@code name}, or {@code null} when the item has none. */
        String optionalString(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            if (value == null) {
                return null;
            }
            if (value.s() == null) {
                throw malformed(item, "string attribute " + name);
            }
            return value.s();
        }

        long number(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            if (value == null || value.n() == null) {
                throw malformed(item, "number attribute " + name);
            }
            try {
                return Long.parseLong(value.n());
            } catch (NumberFormatException e) {
                throw malformed(item, "integral number attribute " + name);
            }
        }

        IllegalStateException malformed(Map<String, AttributeValue> item, String what) {
            return new IllegalStateException(kind + " lacks a valid " + what + ": " + describe.apply(item));
        }
    }
}
