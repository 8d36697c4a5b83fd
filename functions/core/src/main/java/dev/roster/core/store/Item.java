package dev.roster.core.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.roster.core.domain.Times;

/** A small typed view over a DynamoDB item, for writing and reading attributes without reflection. */
final class Item {

    private final Map<String, AttributeValue> values;

    private Item(Map<String, AttributeValue> values) {
        this.values = values;
    }

    static Item create() {
        return new Item(new HashMap<>());
    }

    static Item of(Map<String, AttributeValue> values) {
        return new Item(values);
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    Item s(String name, String value) {
        if (value != null) {
            values.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    Item n(String name, Number value) {
        if (value != null) {
            values.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    Item time(String name, Instant value) {
        return s(name, Times.format(value));
    }

    Item strings(String name, List<String> value) {
        values.put(name, AttributeValue.fromL(value.stream().map(AttributeValue::fromS).toList()));
        return this;
    }

    Item map(String name, Map<String, AttributeValue> value) {
        values.put(name, AttributeValue.fromM(value));
        return this;
    }

    String s(String name) {
        AttributeValue v = values.get(name);
        return v == null ? null : v.s();
    }

    Integer intOrNull(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? null : Integer.valueOf(v.n());
    }

    int intOr(String name, int fallback) {
        Integer v = intOrNull(name);
        return v == null ? fallback : v;
    }

    long longOr(String name, long fallback) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    Instant time(String name) {
        return Times.parse(s(name));
    }

    List<String> strings(String name) {
        AttributeValue v = values.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    Map<String, AttributeValue> map(String name) {
        AttributeValue v = values.get(name);
        return v == null || !v.hasM() ? Map.of() : v.m();
    }
}
