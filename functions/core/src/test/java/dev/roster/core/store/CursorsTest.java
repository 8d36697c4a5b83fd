package dev.roster.core.store;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorsTest {

    private static final Cursors.Scope MEMBERS = new Cursors.Scope("members",
            Map.of("PK", Cursors.equalTo("ORG#1"), "SK", Cursors.startsWith("MEMBER#")));
    private static final Cursors.Scope WORKSPACES = new Cursors.Scope("workspaces",
            Map.of("PK", Cursors.equalTo("ORG#1"), "SK", Cursors.startsWith("WORKSPACE#")));
    private static final Cursors.Scope PENDING = new Cursors.Scope("invitations-by-status", Map.of(
            "PK", Cursors.equalTo("ORG#1"), "SK", Cursors.startsWith("INVITATION#"),
            "GSI2PK", Cursors.equalTo("ORG#1#INVITATIONS#PENDING"), "GSI2SK", Cursors.any()));
    private static final Map<String, AttributeValue> MEMBER_KEY = Map.of(
            "PK", AttributeValue.fromS("ORG#1"), "SK", AttributeValue.fromS("MEMBER#user #1"));

    private static void assertInvalid(String cursor, Cursors.Scope scope) {
        RosterException e = assertThrows(RosterException.class, () -> Cursors.decode(cursor, scope), cursor);
        assertEquals(ErrorCode.INVALID_CURSOR, e.code());
    }

    private static String forged(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorRoundTripsItsKeyInTheListItCameFrom() {
        assertEquals(MEMBER_KEY, Cursors.decode(Cursors.encode(MEMBER_KEY, MEMBERS), MEMBERS));
        assertEquals(null, Cursors.decode(null, MEMBERS));
    }

    @Test
    void aCursorFromAnotherListOfTheSameOrgIsInvalidCursor() {
        assertInvalid(Cursors.encode(MEMBER_KEY, MEMBERS), WORKSPACES);
        assertInvalid(Cursors.encode(MEMBER_KEY, MEMBERS), PENDING);
        Map<String, AttributeValue> pendingKey = Map.of("PK", AttributeValue.fromS("ORG#1"),
                "SK", AttributeValue.fromS("INVITATION#01J"), "GSI2PK", AttributeValue.fromS("ORG#1#INVITATIONS#PENDING"),
                "GSI2SK", AttributeValue.fromS("2026-11-22T10:00:00.000Z#01J"));
        assertInvalid(Cursors.encode(pendingKey, PENDING), MEMBERS);
    }

    @Test
    void aCursorFromAnotherOrgIsInvalidCursor() {
        Cursors.Scope otherOrg = new Cursors.Scope("members",
                Map.of("PK", Cursors.equalTo("ORG#2"), "SK", Cursors.startsWith("MEMBER#")));
        assertInvalid(Cursors.encode(MEMBER_KEY, MEMBERS), otherOrg);
    }

    @Test
    void aKeyOutsideTheQuerysBoundsIsInvalidCursorEvenUnderTheRightListName() {
        assertInvalid(forged("members\u0000PK\u0000ORG#1\u0000SK\u0000WORKSPACE#x\u0000"), MEMBERS);
        assertInvalid(forged("members\u0000PK\u0000ORG#1\u0000SK\u0000\u0000"), MEMBERS);
        assertInvalid(forged("members\u0000PK\u0000ORG#1\u0000"), MEMBERS);
        assertInvalid(forged("members\u0000PK\u0000ORG#1\u0000SK\u0000MEMBER#a\u0000GSI1PK\u0000x\u0000"), MEMBERS);
        assertInvalid(forged("members\u0000PK\u0000ORG#1\u0000SK\u0000MEMBER#a\u0000SK\u0000MEMBER#b\u0000"), MEMBERS);
        Cursors.Scope audit = new Cursors.Scope("audit", Map.of("PK", Cursors.equalTo("ORG#1"),
                "SK", Cursors.between("AUDIT#2026-11-01", "AUDIT#2026-11-30#~")));
        assertEquals("AUDIT#2026-11-22T10:00:00.000Z#01J", Cursors.decode(
                forged("audit\u0000PK\u0000ORG#1\u0000SK\u0000AUDIT#2026-11-22T10:00:00.000Z#01J\u0000"), audit).get("SK").s());
        assertInvalid(forged("audit\u0000PK\u0000ORG#1\u0000SK\u0000AUDIT#2026-12-01T00:00:00.000Z#01J\u0000"), audit);
    }

    @Test
    void anOverlongCursorIsInvalidCursorBeforeItIsDecoded() {
        String longKey = Cursors.encode(Map.of("PK", AttributeValue.fromS("ORG#1"),
                "SK", AttributeValue.fromS("MEMBER#" + "x".repeat(2000))), MEMBERS);
        assertTrue(longKey.length() > Cursors.MAX_LENGTH);
        assertInvalid(longKey, MEMBERS);
        String longestMember = Cursors.encode(Map.of("PK", AttributeValue.fromS("ORG#01JDX5V4Q3ZP2S7Y9K0M1N2B3C"),
                "SK", AttributeValue.fromS("MEMBER#" + "x".repeat(255))), new Cursors.Scope("members",
                Map.of("PK", Cursors.equalTo("ORG#01JDX5V4Q3ZP2S7Y9K0M1N2B3C"), "SK", Cursors.startsWith("MEMBER#"))));
        assertTrue(longestMember.length() < Cursors.MAX_LENGTH / 2, "margin over a member with a 255-character id");
    }

    @Test
    void garbageIsInvalidCursor() {
        for (String garbage : new String[]{"%%", "abc", "x.y", forged("PK\u0000ORG#1"), forged("members"),
                forged("EVIL\u0000x\u0000PK\u0000ORG#1\u0000"), ""}) {
            assertInvalid(garbage, MEMBERS);
        }
    }
}
