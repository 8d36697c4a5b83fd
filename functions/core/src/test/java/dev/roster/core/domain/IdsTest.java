package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void idsSortByCreationTimeAndAreUnique() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        String earlier = Ids.newId(t);
        String later = Ids.newId(t.plusMillis(1));
        assertEquals(26, earlier.length());
        assertTrue(earlier.compareTo(later) < 0);
        assertNotEquals(Ids.newId(t), Ids.newId(t));
    }

    @Test
    void everyGeneratedIdIsPossibleAndSoIsAnotherFormatWithinTheMargin() {
        assertTrue(Ids.isPossible(Ids.newId(Instant.now())));
        assertTrue(Ids.isPossible("0b7e7c52-6a4e-4a8f-9a51-2f0c3e8d7b10"), "a UUID");
        assertTrue(Ids.isPossible("x".repeat(Ids.MAX_LENGTH)));
    }

    @Test
    void idsThatCannotBeOursAreNotPossible() {
        for (String id : new String[]{null, "", "x".repeat(Ids.MAX_LENGTH + 1), "A".repeat(2000), "01J/../x", "a b",
                "%zz", "ORG#1", "ws\u0000", "é", "01J\n"}) {
            assertFalse(Ids.isPossible(id), String.valueOf(id));
        }
    }
}
