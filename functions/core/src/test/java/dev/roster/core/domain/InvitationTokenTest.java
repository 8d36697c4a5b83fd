package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvitationTokenTest {

    @Test
    void tokensAre32RandomBytesInBase64UrlWithoutPadding() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String raw = InvitationToken.generate().raw();
            assertEquals(43, raw.length());
            assertTrue(raw.matches("[A-Za-z0-9_-]{43}"), raw);
            assertEquals(32, Base64.getUrlDecoder().decode(raw).length);
            assertTrue(seen.add(raw));
        }
    }

    @Test
    void theStoredFormIsTheSha256HexOfTheToken() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", InvitationToken.hash("abc"));
        InvitationToken token = InvitationToken.generate();
        assertNotEquals(token.raw(), token.hash());
        assertFalse(token.toString().contains(token.raw()), "a token never reaches a log through toString");
    }

    @Test
    void onlyWellFormedTokensAreLookedUp() {
        assertTrue(InvitationToken.isWellFormed(InvitationToken.generate().raw()));
        assertFalse(InvitationToken.isWellFormed(null));
        assertFalse(InvitationToken.isWellFormed("short"));
        assertFalse(InvitationToken.isWellFormed("=".repeat(43)));
        assertFalse(InvitationToken.isWellFormed("a".repeat(44)));
    }
}
