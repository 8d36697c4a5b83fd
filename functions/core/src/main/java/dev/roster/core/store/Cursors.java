package dev.roster.core.store;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Opaque page cursors: a query's LastEvaluatedKey, encoded. A decoded cursor must belong to the partition being
 * queried, so a cursor from another org or list can never steer a query elsewhere.
 */
final class Cursors {

    private static final char SEPARATOR = '\u0000';
    private static final Set<String> KEY_ATTRIBUTES = Set.of(Keys.PK, Keys.SK, Keys.GSI1PK, Keys.GSI1SK,
            Keys.GSI2PK, Keys.GSI2SK, Keys.GSI3PK, Keys.GSI3SK);

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(lastEvaluatedKey).forEach((k, v) -> out.append(k).append(SEPARATOR).append(v.s()).append(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param partitionAttribute the attribute whose value pins the query's partition
     * @param partitionValue     the value it must have
     */
    static Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partitionValue) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(String.valueOf(SEPARATOR), -1);
            if (parts.length < 3 || parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new TreeMap<>();
            for (int i = 0; i + 1 < parts.length; i += 2) {
                if (!KEY_ATTRIBUTES.contains(parts[i])) {
                    throw invalid();
                }
                key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
            }
            AttributeValue partition = key.get(partitionAttribute);
            if (partition == null || !partitionValue.equals(partition.s())) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static RosterException invalid() {
        return new RosterException(ErrorCode.INVALID_CURSOR, "The cursor does not belong to this list; start again without it.");
    }
}
