package dev.roster.http;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.json.StrictJson;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field, collecting every problem with its field path, so one 400 answer
 * lists them all. Unknown fields are errors: a typo must not be silently ignored. The body must be one JSON value
 * and nothing else ({@link StrictJson}).
 */
public final class JsonInput {

    private static final Instant FIRST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Parses {@code body} as a JSON object with only {@code allowed} fields. */
    public static JsonInput object(byte[] body, Set<String> allowed) {
        if (body == null || body.length == 0) {
            throw RosterException.invalid("", "a JSON object body is required");
        }
        JsonNode node;
        try {
            node = StrictJson.read(body);
        } catch (IOException | RuntimeException e) {
            throw new RosterException(ErrorCode.MALFORMED_JSON,
                    "The request body is not one valid JSON value (nothing may follow it, no key may repeat).");
        }
        if (node == null || !node.isObject()) {
            throw RosterException.invalid("", "the body must be a JSON object");
        }
        JsonInput input = new JsonInput(node, "", new ArrayList<>());
        input.onlyFields(allowed);
        return input;
    }

    /** For routes that take no input: no body, or an empty JSON object. */
    public static void none(byte[] body) {
        if (body != null && body.length > 0) {
            object(body, Set.of()).done();
        }
    }

    private void onlyFields(Set<String> allowed) {
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!allowed.contains(entry.getKey())) {
                errors.add(new FieldError(prefix + entry.getKey(), "unknown field"));
            }
        }
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Whether the body names {@code field} at all, null included: for fields where null means "clear it". */
    public boolean present(String field) {
        return node.get(field) != null;
    }

    /**
     * An ISO-8601 UTC instant such as {@code 2026-12-31T17:00:00Z}, or null when absent or null. Stored times hold
     * four-digit years, so that they sort as strings in time order: other years are refused.
     */
    public Instant instant(String field) {
        String text = string(field, false, 40);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            instant = null;
        }
        if (instant == null || instant.isBefore(FIRST_TIME) || instant.isAfter(LAST_TIME)) {
            errors.add(new FieldError(prefix + field,
                    "must be an ISO-8601 UTC time from year 0001 to 9999 such as 2026-12-31T17:00:00Z"));
            return null;
        }
        return instant;
    }

    public String string(String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(prefix + field, "must be a string"));
            return null;
        }
        String text = value.getStringValue();
        if (text.length() > maxLength) {
            errors.add(new FieldError(prefix + field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return text;
    }

    public List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(new FieldError(prefix + field, "must be an array of strings"));
            return List.of();
        }
        if (value.size() > maxItems) {
            errors.add(new FieldError(prefix + field, "must have at most " + maxItems + " items"));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            if (!item.isString() || item.getStringValue().isEmpty() || item.getStringValue().length() > maxLength) {
                errors.add(new FieldError(prefix + field + "[" + i + "]", "must be a non-empty string of at most " + maxLength + " characters"));
            } else if (!result.contains(item.getStringValue())) {
                result.add(item.getStringValue());
            }
            i++;
        }
        return result;
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(prefix + field, "must be true or false"));
            return null;
        }
        return value.getBooleanValue();
    }

    public Integer integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())
                || value.getNumberValue().doubleValue() < min || value.getNumberValue().doubleValue() > max) {
            errors.add(new FieldError(prefix + field, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return value.getIntValue();
    }

    /** Reads each element of an array of objects with {@code reader}. */
    public <T> List<T> objects(String field, int minItems, int maxItems, Set<String> allowed, Function<JsonInput, T> reader) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            errors.add(new FieldError(prefix + field, "must be an array"));
            return List.of();
        }
        if (value.size() < minItems || value.size() > maxItems) {
            errors.add(new FieldError(prefix + field, "must have " + minItems + " to " + maxItems + " items"));
            return List.of();
        }
        List<T> result = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            String itemPrefix = prefix + field + "[" + i++ + "].";
            if (!item.isObject()) {
                errors.add(new FieldError(itemPrefix.substring(0, itemPrefix.length() - 1), "must be an object"));
                continue;
            }
            JsonInput nested = new JsonInput(item, itemPrefix, errors);
            nested.onlyFields(allowed);
            result.add(reader.apply(nested));
        }
        return result;
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    /** Throws the collected problems, if any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw RosterException.invalid(errors);
        }
    }
}
