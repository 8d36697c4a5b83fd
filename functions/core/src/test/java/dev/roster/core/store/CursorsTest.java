package dev.roster.core.store;

import dev.roster.core.error.RosterException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorsTest {

    private static final Map<String, AttributeValue> KEY = Map.of(
            "PK", AttributeValue.fromS("ORG#1"), "SK", AttributeValue.fromS("MEMBER#user #1"));

    @Test
    void aCursorRoundTripsItsKey() {
        assertEquals(KEY, Cursors.decode(Cursors.encode(KEY), "PK", "ORG#1"));
    }

    @Test
    void aCursorFromAnotherPartitionOrGarbageIsInvalidCursor() {
        String cursor = Cursors.encode(KEY);
        assertEquals("INVALID_CURSOR", assertThrows(RosterException.class, () -> Cursors.decode(cursor, "PK", "ORG#2")).code().name());
        for (String garbage : new String[]{"%%", "abc", Base64.getUrlEncoder().encodeToString("PK\u0000ORG#1".getBytes()),
                Base64.getUrlEncoder().encodeToString("EVIL\u0000x\u0000PK\u0000ORG#1\u0000".getBytes())}) {
            assertThrows(RosterException.class, () -> Cursors.decode(garbage, "PK", "ORG#1"), garbage);
        }
    }
}
