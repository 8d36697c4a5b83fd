package dev.roster.core.mail;

/** An email as Roster composes it; {@link MimeMessage} renders it as the RFC 5322 message that is sent. */
public record OutgoingEmail(String from, String to, String subject, String text, String html) {
}
