package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {

    @Test
    void subsOfRealIssuersArePossibleUserIds() {
        for (String sub : new String[]{UUID.randomUUID().toString(), "user-8f3a1c2b9d4e5f60", "auth0|5f7c8ec7c33c6c004bbafe82",
                "google-oauth2|104224235234523452345", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", "x".repeat(255)}) {
            assertTrue(Caller.isPossibleUserId(sub), sub);
        }
    }

    @Test
    void whatNoOpenIdSubCanBeIsNotAUserId() {
        for (String sub : new String[]{null, "", "x".repeat(256), "a b", "tab\there", "nul\u0000", "émile", "line\nbreak"}) {
            assertFalse(Caller.isPossibleUserId(sub), String.valueOf(sub));
        }
    }
}
