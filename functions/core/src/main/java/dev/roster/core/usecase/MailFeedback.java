package dev.roster.core.usecase;

import dev.roster.core.domain.EmailStatus;

import java.util.Map;

/**
 * What the mail service reported about a message it sent: the recipient's server refused it for good (a bounce) or
 * the recipient marked it as spam (a complaint).
 *
 * @param tags   the tags the message was sent with ({@link dev.roster.core.mail.MailTags})
 * @param detail the bounce type or complaint feedback type, as the mail service names it; may be null
 */
public record MailFeedback(Kind kind, String messageId, Map<String, String> tags, String detail) {

    public MailFeedback {
        tags = Map.copyOf(tags);
    }

    public enum Kind {
        BOUNCE(EmailStatus.BOUNCED), COMPLAINT(EmailStatus.COMPLAINED);

        private final EmailStatus emailStatus;

        Kind(EmailStatus emailStatus) {
            this.emailStatus = emailStatus;
        }

        public EmailStatus emailStatus() {
            return emailStatus;
        }
    }
}
