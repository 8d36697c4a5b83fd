package dev.roster.core.domain;

/**
 * What became of the invitation email: handed to the mail service (SENT) or not (FAILED), and later what the
 * recipient's mail server or the recipient said about it (BOUNCED, COMPLAINED). After those two the address is not
 * emailed again until the inviter invites it anew.
 */
public enum EmailStatus {
    SENT, FAILED, BOUNCED, COMPLAINED;

    public boolean undeliverable() {
        return this == BOUNCED || this == COMPLAINED;
    }
}
