package dev.roster.core.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Every email Roster sends, each as plain text and HTML. Values that come from users (names, org names,
 * addresses) are escaped in the HTML part; links are built by the caller from the configured base URL.
 */
public final class RosterEmails {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One invitation that expired, as the inviter is told about it. */
    public record Expired(String email, String role, Instant expiredAt) {
    }

    private RosterEmails() {
    }

    public static OutgoingEmail invitation(String from, String to, String orgName, String inviterName, String role,
                                           String inviteUrl, Instant expiresAt, boolean resent) {
        String subject = (resent ? "Reminder: " : "") + inviterName + " invited you to join " + orgName + " on Roster";
        String roleName = roleName(role);
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
        String html = page(
                "<p>Hello,</p>\n"
                + "<p><strong>" + escape(inviterName) + "</strong> invited you to join <strong>" + escape(orgName)
                + "</strong> as " + article(roleName) + " " + escape(roleName) + ".</p>\n"
                + button(inviteUrl, "Accept the invitation")
                + "<p>Or paste this link into your browser:<br>" + escape(inviteUrl) + "</p>\n"
                + "<p style=\"color:#666\">The link works until " + escape(WHEN.format(expiresAt)) + ", once, and only for "
                + escape(to) + ".\nIf you did not expect this invitation, you can ignore this email.</p>\n");
        return new OutgoingEmail(from, to, subject, text, html);
    }

    /** To the inviter: someone they invited has joined. */
    public static OutgoingEmail accepted(String from, String to, String orgName, String memberName, String memberEmail,
                                         String role, String membersUrl) {
        String who = memberName == null || memberName.isBlank() ? memberEmail : memberName + " (" + memberEmail + ")";
        String subject = who + " joined " + orgName;
        String text = String.join("\n",
                "Hello,",
                "",
                who + " accepted your invitation and joined " + orgName + " as " + article(roleName(role)) + " "
                        + roleName(role) + ".",
                "",
                "See the members of " + orgName + ":",
                membersUrl,
                "");
        String html = page("<p>Hello,</p>\n<p><strong>" + escape(who) + "</strong> accepted your invitation and joined <strong>"
                + escape(orgName) + "</strong> as " + article(roleName(role)) + " " + escape(roleName(role)) + ".</p>\n"
                + button(membersUrl, "See the members"));
        return new OutgoingEmail(from, to, subject, text, html);
    }

    /** To the inviter, once per sweep: which of their invitations to one org expired unanswered. */
    public static OutgoingEmail expired(String from, String to, String orgName, List<Expired> invitations,
                                        String invitationsUrl) {
        String subject = invitations.size() == 1
                ? "Your invitation of " + invitations.get(0).email() + " to " + orgName + " expired"
                : invitations.size() + " of your invitations to " + orgName + " expired";
        StringBuilder text = new StringBuilder("Hello,\n\nThese invitations to " + orgName + " expired before anyone accepted them:\n\n");
        StringBuilder items = new StringBuilder("<ul>\n");
        for (Expired e : invitations) {
            text.append("- ").append(e.email()).append(" (").append(roleName(e.role())).append("), expired ")
                    .append(WHEN.format(e.expiredAt())).append('\n');
            items.append("<li>").append(escape(e.email())).append(" (").append(escape(roleName(e.role())))
                    .append("), expired ").append(escape(WHEN.format(e.expiredAt()))).append("</li>\n");
        }
        text.append("\nTheir seats are free again. To invite them again:\n").append(invitationsUrl).append('\n');
        String html = page("<p>Hello,</p>\n<p>These invitations to <strong>" + escape(orgName)
                + "</strong> expired before anyone accepted them:</p>\n" + items + "</ul>\n"
                + "<p>Their seats are free again.</p>\n" + button(invitationsUrl, "Invite them again"));
        return new OutgoingEmail(from, to, subject, text.toString(), html);
    }

    /** To a member whose role someone else changed. */
    public static OutgoingEmail roleChanged(String from, String to, String orgName, String changedBy, String oldRole,
                                            String newRole, String orgUrl) {
        String subject = "Your role in " + orgName + " is now " + roleName(newRole);
        String text = String.join("\n",
                "Hello,",
                "",
                changedBy + " changed your role in " + orgName + " from " + roleName(oldRole) + " to "
                        + roleName(newRole) + ".",
                "",
                "Open " + orgName + ":",
                orgUrl,
                "");
        String html = page("<p>Hello,</p>\n<p><strong>" + escape(changedBy) + "</strong> changed your role in <strong>"
                + escape(orgName) + "</strong> from " + escape(roleName(oldRole)) + " to <strong>"
                + escape(roleName(newRole)) + "</strong>.</p>\n" + button(orgUrl, "Open " + orgName));
        return new OutgoingEmail(from, to, subject, text, html);
    }

    /** To a member someone else removed from an org; the link opens the app, where their other orgs are. */
    public static OutgoingEmail removed(String from, String to, String orgName, String removedBy, String appUrl) {
        String subject = "You were removed from " + orgName;
        String text = String.join("\n",
                "Hello,",
                "",
                removedBy + " removed you from " + orgName + ". You no longer have access to it.",
                "If you think this is a mistake, ask " + removedBy + " or another admin of " + orgName + ".",
                "",
                "Your other organizations:",
                appUrl,
                "");
        String html = page("<p>Hello,</p>\n<p><strong>" + escape(removedBy) + "</strong> removed you from <strong>"
                + escape(orgName) + "</strong>. You no longer have access to it.</p>\n"
                + "<p style=\"color:#666\">If you think this is a mistake, ask " + escape(removedBy)
                + " or another admin of " + escape(orgName) + ".</p>\n" + button(appUrl, "Your other organizations"));
        return new OutgoingEmail(from, to, subject, text, html);
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif;line-height:1.5\">\n" + body + "</body></html>\n";
    }

    private static String button(String url, String label) {
        return "<p><a href=\"" + escape(url) + "\" style=\"display:inline-block;padding:10px 18px;background:#2457d6;\n"
                + "color:#fff;text-decoration:none;border-radius:4px\">" + escape(label) + "</a></p>\n";
    }

    private static String roleName(String role) {
        return role.charAt(0) + role.substring(1).toLowerCase(Locale.ROOT);
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
