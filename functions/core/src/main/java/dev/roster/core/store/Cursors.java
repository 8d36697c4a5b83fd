package dev.roster.core.store;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Opaque page cursors: a query's LastEvaluatedKey, encoded with the name of the list it pages through. A cursor is
 * taken back only by the list it came from, and only if its key could start a page of that very query: exactly
 * the key attributes of the index queried, each with a value the query's key condition admits. DynamoDB refuses a
 * start key outside those bounds with an error, so a foreign or forged cursor must be refused before the query.
 */
final class Cursors {

    /**
     * The longest cursor taken: the longest key we page by (a member's, with a 255-character user id) encodes to
     * about 450 characters, and the bound keeps every key attribute well under DynamoDB's key size limits.
     */
    static final int MAX_LENGTH = 1024;
    private static final char SEPARATOR = '\u0000';

    /**
     * The list a query pages through: its name, and for each key attribute of the index queried (the table's key
     * too, for a secondary index) what a start key's value must satisfy.
     */
    record Scope(String list, Map<String, Predicate<String>> keyAttributes) {
    }

    private Cursors() {
    }

    /** For a key attribute the query does not bound: the whole partition is listed. */
    static Predicate<String> any() {
        return value -> true;
    }

    static Predicate<String> equalTo(String expected) {
        return expected::equals;
    }

    static Predicate<String> startsWith(String prefix) {
        return value -> value.startsWith(prefix);
    }

    /** Within {@code [low, high]} in the order DynamoDB sorts strings: by their UTF-8 bytes. */
    static Predicate<String> between(String low, String high) {
        return value -> compareUtf8(value, low) >= 0 && compareUtf8(value, high) <= 0;
    }

    /** Below {@code bound} in DynamoDB's string order. */
    static Predicate<String> below(String bound) {
        return value -> compareUtf8(value, bound) < 0;
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(Map<String, AttributeValue> lastEvaluatedKey, Scope scope) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(scope.list()).append(SEPARATOR);
        new TreeMap<>(lastEvaluatedKey).forEach((k, v) -> out.append(k).append(SEPARATOR).append(v.s()).append(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the start key {@code cursor} encodes, or null for none; a cursor of another list is INVALID_CURSOR */
    static Map<String, AttributeValue> decode(String cursor, Scope scope) {
        if (cursor == null) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // list, then attribute and value pairs, each followed by a separator: an even count before the empty tail
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length % 2 != 0 || !parts[parts.length - 1].isEmpty() || !scope.list().equals(parts[0])) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new TreeMap<>();
        for (int i = 1; i + 1 < parts.length; i += 2) {
            Predicate<String> admitted = scope.keyAttributes().get(parts[i]);
            if (admitted == null || parts[i + 1].isEmpty() || !admitted.test(parts[i + 1])
                    || key.put(parts[i], AttributeValue.fromS(parts[i + 1])) != null) {
                throw invalid();
            }
        }
        if (!key.keySet().equals(scope.keyAttributes().keySet())) {
            throw invalid();
        }
        return key;
    }

    private static RosterException invalid() {
        return new RosterException(ErrorCode.INVALID_CURSOR, "The cursor does not belong to this list; start again without it.");
    }
}
