package dev.roster.core.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MimeMessageTest {

    private static String render(OutgoingEmail email) {
        return new String(MimeMessage.render(email, Instant.parse("2026-11-22T10:00:00Z")), StandardCharsets.US_ASCII);
    }

    @Test
    void aMessageHasHeadersAndAPlainTextAndAnHtmlAlternative() {
        String raw = render(new OutgoingEmail("no-reply@roster.test", "ivan@example.com", "Hello", "plain body", "<p>html</p>"));

        assertTrue(raw.startsWith("From: no-reply@roster.test\r\nTo: ivan@example.com\r\nSubject: Hello\r\n"), raw);
        assertTrue(raw.contains("Date: Sun, 22 Nov 2026 10:00:00 GMT\r\n"));
        assertTrue(raw.contains("Content-Type: multipart/alternative; boundary="));
        assertTrue(raw.contains("Content-Transfer-Encoding: 7bit\r\n\r\nplain body\r\n"), raw);
        assertTrue(raw.contains("Content-Transfer-Encoding: 7bit\r\n\r\n<p>html</p>\r\n"), raw);
        assertTrue(raw.indexOf("text/plain") < raw.indexOf("text/html"), "plain first, preferred last");
    }

    @Test
    void bodiesThatAreNotShortLinedAsciiAreBase64() {
        String raw = render(new OutgoingEmail("a@roster.test", "b@example.com", "Hi", "Zoë", "x".repeat(300)));
        assertTrue(raw.contains(Base64.getEncoder().encodeToString("Zoë".getBytes(StandardCharsets.UTF_8))), raw);
        assertTrue(raw.contains(Base64.getMimeEncoder().encodeToString("x".repeat(300).getBytes()).substring(0, 76)), raw);
    }

    @Test
    void noValueCanAddAHeader() {
        String raw = render(new OutgoingEmail(MimeMessage.address("Evil\r\nBcc: victim@example.com", "no-reply@roster.test"),
                "ivan@example.com", "Hi\r\nBcc: victim@example.com", "t", "h"));

        assertFalse(Arrays.stream(raw.split("\r\n")).anyMatch(line -> line.startsWith("Bcc:")), raw);
    }

    @Test
    void nonAsciiSubjectsAndNamesAreEncodedWords() {
        String subject = MimeMessage.encodeWord("Zoë invited you to join Café Ünïcode");
        assertTrue(subject.startsWith("=?UTF-8?B?"));
        assertEquals("Zoë invited you to join Café Ünïcode", new String(Base64.getDecoder().decode(
                subject.substring(10, subject.length() - 2)), StandardCharsets.UTF_8));
        assertEquals("\"Acme via Roster\" <no-reply@roster.test>", MimeMessage.address("Acme via Roster", "no-reply@roster.test"));
        assertTrue(MimeMessage.address("Acme \"Inc\"", "a@b.co").startsWith("=?UTF-8?B?"), "quotes cannot end the display name");
    }
}
