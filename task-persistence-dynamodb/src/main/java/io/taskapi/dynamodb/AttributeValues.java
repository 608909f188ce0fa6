package io.taskapi.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute values items are written with: strings and integral numbers. */
final class AttributeValues {
    private AttributeValues() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
