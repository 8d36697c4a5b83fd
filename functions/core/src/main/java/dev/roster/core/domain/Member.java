package dev.roster.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A user's membership of an org. {@code version} guards every replace of the item.
 *
 * @param accessExpiresAt when the membership stops granting anything by itself (null: never); from then on the
 *                        member counts as SUSPENDED, and the expiry sweep records the suspension
 */
public record Member(String orgId, String orgName, String userId, EmailAddress email, String name, Role role,
                     List<String> permissions, List<String> workspaceIds, MemberStatus status, Instant joinedAt,
                     String invitedBy, String invitedByName, Instant lastSeenAt, Instant accessExpiresAt,
                     long version) {

    /** The founder of {@code org}, its OWNER, using it as of {@code now}. */
    public static Member owner(Org org, UserProfile user, Instant now) {
        return create(org.id(), org.name(), user, AccessGrant.owner(), now, null, null, now);
    }

    /** The invitee of {@code invitation}, signed in as {@code user}, joining with what it grants. */
    public static Member accepted(Invitation invitation, UserProfile user, Instant now) {
        return create(invitation.orgId(), invitation.orgName(), user, invitation.access(), now, invitation.invitedBy(),
                invitation.invitedByName(), now);
    }

    /** Someone who already has an account, added by {@code invitedBy} without an invitation; not seen here yet. */
    public static Member added(Org org, UserProfile account, AccessGrant access, String invitedBy, String invitedByName,
                               Instant now) {
        return create(org.id(), org.name(), account, access, now, invitedBy, invitedByName, null);
    }

    private static Member create(String orgId, String orgName, UserProfile user, AccessGrant access, Instant joinedAt,
                                 String invitedBy, String invitedByName, Instant lastSeenAt) {
        return new Member(orgId, orgName, user.userId(), user.email(), user.name(), access.role(), access.permissions(),
                access.workspaceIds(), MemberStatus.ACTIVE, joinedAt, invitedBy, invitedByName, lastSeenAt, null, 1);
    }

    public AccessGrant access() {
        return new AccessGrant(role, permissions, workspaceIds);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    /** ACTIVE and its access not yet ended by {@code accessExpiresAt}: what every request of the member needs. */
    public boolean isActiveAt(Instant now) {
        return isActive() && !accessEndedAt(now);
    }

    /** Whether {@code accessExpiresAt} has passed at {@code now}, whatever the stored status says. */
    public boolean accessEndedAt(Instant now) {
        return accessExpiresAt != null && !now.isBefore(accessExpiresAt);
    }

    public Member withRole(Role newRole) {
        return new Member(orgId, orgName, userId, email, name, newRole, permissions, workspaceIds, status, joinedAt,
                invitedBy, invitedByName, lastSeenAt, accessExpiresAt, version + 1);
    }

    public Member withAccess(AccessGrant access) {
        return withAccess(access, accessExpiresAt);
    }

    /** @param newAccessExpiresAt when access is to end by itself, or null for never */
    public Member withAccess(AccessGrant access, Instant newAccessExpiresAt) {
        return new Member(orgId, orgName, userId, email, name, access.role(), access.permissions(), access.workspaceIds(),
                status, joinedAt, invitedBy, invitedByName, lastSeenAt, newAccessExpiresAt, version + 1);
    }

    public Member withWorkspaces(List<String> newWorkspaceIds) {
        return withAccess(new AccessGrant(role, permissions, newWorkspaceIds));
    }

    /** A reactivation clears {@code accessExpiresAt}; a suspension keeps it, as the reason it may record. */
    public Member withStatus(MemberStatus newStatus) {
        return new Member(orgId, orgName, userId, email, name, role, permissions, workspaceIds, newStatus, joinedAt,
                invitedBy, invitedByName, lastSeenAt, newStatus == MemberStatus.ACTIVE ? null : accessExpiresAt,
                version + 1);
    }
}
