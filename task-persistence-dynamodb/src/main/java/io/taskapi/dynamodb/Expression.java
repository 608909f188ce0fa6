package io.taskapi.dynamodb;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition or update expression with optional clauses, gathered with the placeholder names and values of its
 * request, so that a clause adds its text, its name and its value in one place.
 */
final class Expression {
    private final StringBuilder text;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Expression(String text) {
        this.text = new StringBuilder(text);
    }

    /** Adds {@code more} to the expression's text, as it is: a clause brings its own {@code " AND "} or comma. */
    Expression append(String more) {
        text.append(more);
        return this;
    }

    /** Lets {@code placeholder} ({@code #…}) stand for {@code attribute} anywhere in the request. */
    Expression name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    /** Lets {@code placeholder} ({@code :…}) stand for {@code value} anywhere in the request. */
    Expression value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    String text() {
        return text.toString();
    }

    Map<String, String> names() {
        return Map.copyOf(names);
    }

    /** The placeholder values; empty when none was given, which a request must then not send at all. */
    Map<String, AttributeValue> values() {
        return Map.copyOf(values);
    }
}
