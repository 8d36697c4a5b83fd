package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
