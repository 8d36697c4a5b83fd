package dev.roster.core.mail;

import java.util.Map;

/**
 * An email as Roster composes it; {@link MimeMessage} renders it as the RFC 5322 message that is sent.
 *
 * @param tags what the mail service hands back with each event about the message (a bounce, a complaint); never
 *             part of the message itself
 */
public record OutgoingEmail(String from, String to, String subject, String text, String html, Map<String, String> tags) {

    public OutgoingEmail {
        tags = Map.copyOf(tags);
    }

    public OutgoingEmail(String from, String to, String subject, String text, String html) {
        this(from, to, subject, text, html, Map.of());
    }

    public OutgoingEmail withTags(Map<String, String> newTags) {
        return new OutgoingEmail(from, to, subject, text, html, newTags);
    }
}
