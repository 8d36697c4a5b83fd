package dev.roster.core.mail;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RosterEmailsTest {

    private static final String URL = "https://app.roster.test/invitations/abc";

    @Test
    void everyUserValueIsEscapedInTheHtmlPart() {
        OutgoingEmail email = RosterEmails.invitation("f@roster.test", "ivan@example.com",
                "<script>alert(1)</script> & Co", "Eve \"<img src=x onerror=alert(2)>\"", "ADMIN", URL,
                Instant.parse("2026-11-29T10:00:00Z"), false);

        assertFalse(email.html().contains("<script>"), email.html());
        assertFalse(email.html().contains("<img"), email.html());
        assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
        assertTrue(email.text().contains("<script>alert(1)</script> & Co"), "plain text is not HTML");
    }

    @Test
    void theEmailCarriesTheLinkTheRoleAndTheExpiry() {
        OutgoingEmail email = RosterEmails.invitation("f@roster.test", "ivan@example.com", "Acme", "Olivia", "ADMIN", URL,
                Instant.parse("2026-11-29T10:00:00Z"), false);

        assertEquals("Olivia invited you to join Acme on Roster", email.subject());
        assertTrue(email.text().contains(URL));
        assertTrue(email.html().contains("href=\"" + URL + "\""));
        assertTrue(email.text().contains("as an Admin"));
        assertTrue(email.text().contains("29 November 2026, 10:00 UTC"));
        assertTrue(RosterEmails.invitation("f@roster.test", "ivan@example.com", "Acme", "Olivia", "MEMBER", URL,
                Instant.parse("2026-11-29T10:00:00Z"), true).subject().startsWith("Reminder: "));
    }

    @Test
    void roleChangeAndRemovalEmailsEscapeNamesAndSayWhatHappened() {
        String hostile = "<b>Mallory</b>";
        OutgoingEmail changed = RosterEmails.roleChanged("f@roster.test", "ivan@example.com", "Acme & Co", hostile,
                "VIEWER", "ADMIN", "https://app.roster.test/orgs/o1");
        OutgoingEmail removed = RosterEmails.removed("f@roster.test", "ivan@example.com", "Acme & Co", hostile,
                "https://app.roster.test/");

        assertEquals("Your role in Acme & Co is now Admin", changed.subject());
        assertTrue(changed.text().contains("<b>Mallory</b> changed your role in Acme & Co from Viewer to Admin."), changed.text());
        assertTrue(changed.html().contains("&lt;b&gt;Mallory&lt;/b&gt;") && !changed.html().contains("<b>"), changed.html());
        assertTrue(changed.html().contains("Acme &amp; Co"), changed.html());
        assertEquals("You were removed from Acme & Co", removed.subject());
        assertTrue(removed.html().contains("<strong>&lt;b&gt;Mallory&lt;/b&gt;</strong> removed you"), removed.html());
        assertFalse(removed.html().contains("<b>"), removed.html());
    }
}
