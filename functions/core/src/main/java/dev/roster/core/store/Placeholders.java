package dev.roster.core.store;

import dev.roster.core.domain.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The placeholders of one request's expressions. Expressions never spell an attribute: they write {@code #role}
 * and bind it here to {@link Attributes#ROLE} or a {@link Keys} name, so the names live in one place.
 */
final class Placeholders {

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Placeholders name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    Placeholders value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    Placeholders s(String placeholder, String value) {
        return value(placeholder, AttributeValue.fromS(value));
    }

    Placeholders n(String placeholder, long value) {
        return value(placeholder, AttributeValue.fromN(Long.toString(value)));
    }

    Placeholders time(String placeholder, Instant value) {
        return s(placeholder, Times.format(value));
    }

    /** Null when there are none: DynamoDB refuses an empty map. */
    Map<String, String> names() {
        return names.isEmpty() ? null : Map.copyOf(names);
    }

    /** Null when there are none: DynamoDB refuses an empty map. */
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }
}
