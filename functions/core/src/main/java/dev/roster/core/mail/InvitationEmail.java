package dev.roster.core.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The invitation email, in plain text and HTML. Every user-supplied value is escaped in the HTML part. */
public final class InvitationEmail {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private InvitationEmail() {
    }

    public static OutgoingEmail compose(String from, String to, String orgName, String inviterName, String role,
                                        String inviteUrl, Instant expiresAt, boolean resent) {
        String subject = (resent ? "Reminder: " : "") + inviterName + " invited you to join " + orgName + " on Roster";
        String roleName = role.charAt(0) + role.substring(1).toLowerCase(Locale.ROOT);
        String text = String.join("\n",
                "Hello,",
                "",
                inviterName + " invited you to join " + orgName + " as " + article(roleName) + " " + roleName + ".",
                "",
                "Accept the invitation:",
                inviteUrl,
                "",
                "The link works until " + WHEN.format(expiresAt) + ", once, and only for " + to + ".",
                "If you did not expect this invitation, you can ignore this email.",
                "");
        String html = "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif;line-height:1.5\">\n"
                + "<p>Hello,</p>\n"
                + "<p><strong>" + escape(inviterName) + "</strong> invited you to join <strong>" + escape(orgName)
                + "</strong> as " + article(roleName) + " " + escape(roleName) + ".</p>\n"
                + "<p><a href=\"" + escape(inviteUrl) + "\" style=\"display:inline-block;padding:10px 18px;"
                + "background:#2457d6;\ncolor:#fff;text-decoration:none;border-radius:4px\">Accept the invitation</a></p>\n"
                + "<p>Or paste this link into your browser:<br>" + escape(inviteUrl) + "</p>\n"
                + "<p style=\"color:#666\">The link works until " + escape(WHEN.format(expiresAt)) + ", once, and only for "
                + escape(to) + ".\nIf you did not expect this invitation, you can ignore this email.</p>\n"
                + "</body></html>\n";
        return new OutgoingEmail(from, to, subject, text, html);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
