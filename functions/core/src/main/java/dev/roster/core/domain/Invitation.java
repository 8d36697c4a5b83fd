package dev.roster.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An invitation. Only the SHA-256 of its token is kept; {@code version} guards every replace of the item.
 *
 * @param invitedByName the inviter's display name at the time, for the preview page
 * @param inviterEmail  where to tell the inviter that the invitation was accepted or expired
 * @param lastSentAt    when the current token was emailed; the resend cooldown counts from here
 * @param decidedBy     the user who accepted or declined
 */
public record Invitation(String orgId, String orgName, String id, EmailAddress email, Role role,
                         List<String> workspaceIds, List<String> permissions, InvitationStatus status,
                         String invitedBy, String invitedByName, EmailAddress inviterEmail, Instant createdAt, Instant expiresAt,
                         Instant lastSentAt, String tokenHash, EmailStatus emailStatus, String decidedBy,
                         Instant decidedAt, long version) {

    /** Who sent an invitation, as the preview page and the notices about it name them. */
    public record Inviter(String userId, String name, EmailAddress email) {
    }

    /**
     * A new PENDING invitation, emailed as it is stored (a failed send records FAILED afterwards).
     *
     * @param tokenHash the SHA-256 of the token in the link; the token itself is never stored
     */
    public static Invitation issue(Org org, String id, EmailAddress email, AccessGrant access, Inviter inviter,
                                   Instant sentAt, Duration validity, String tokenHash) {
        return new Invitation(org.id(), org.name(), id, email, access.role(), access.workspaceIds(), access.permissions(),
                InvitationStatus.PENDING, inviter.userId(), inviter.name(), inviter.email(), sentAt,
                sentAt.plus(validity), sentAt, tokenHash, EmailStatus.SENT, null, null, 1);
    }

    public AccessGrant access() {
        return new AccessGrant(role, permissions, workspaceIds);
    }

    public boolean isExpiredAt(Instant now) {
        return status == InvitationStatus.EXPIRED || (status == InvitationStatus.PENDING && !now.isBefore(expiresAt));
    }

    public Invitation withStatus(InvitationStatus newStatus, String decider, Instant at) {
        return new Invitation(orgId, orgName, id, email, role, workspaceIds, permissions, newStatus, invitedBy,
                invitedByName, inviterEmail, createdAt, expiresAt, lastSentAt, tokenHash, emailStatus, decider, at, version + 1);
    }

    /**
     * The same invitation sent again: PENDING with a new token and a new expiry, emailed as it is stored. An expired
     * invitation becomes pending again; the old token stops resolving either way.
     */
    public Invitation reissued(String newTokenHash, Instant sentAt, Instant newExpiry) {
        return new Invitation(orgId, orgName, id, email, role, workspaceIds, permissions, InvitationStatus.PENDING,
                invitedBy, invitedByName, inviterEmail, createdAt, newExpiry, sentAt, newTokenHash, EmailStatus.SENT,
                null, null, version + 1);
    }

    public Invitation withEmailStatus(EmailStatus newEmailStatus) {
        return new Invitation(orgId, orgName, id, email, role, workspaceIds, permissions, status, invitedBy,
                invitedByName, inviterEmail, createdAt, expiresAt, lastSentAt, tokenHash, newEmailStatus, decidedBy, decidedAt,
                version + 1);
    }

    public Invitation withWorkspaces(List<String> newWorkspaceIds) {
        return new Invitation(orgId, orgName, id, email, role, newWorkspaceIds, permissions, status, invitedBy,
                invitedByName, inviterEmail, createdAt, expiresAt, lastSentAt, tokenHash, emailStatus, decidedBy, decidedAt,
                version + 1);
    }
}
