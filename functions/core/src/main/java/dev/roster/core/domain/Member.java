package dev.roster.core.domain;

import java.time.Instant;
import java.util.List;

/** A user's membership of an org. {@code version} guards every replace of the item. */
public record Member(String orgId, String orgName, String userId, EmailAddress email, String name, Role role,
                     List<String> permissions, List<String> workspaceIds, MemberStatus status, Instant joinedAt,
                     String invitedBy, String invitedByName, Instant lastSeenAt, long version) {

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
                access.workspaceIds(), MemberStatus.ACTIVE, joinedAt, invitedBy, invitedByName, lastSeenAt, 1);
    }

    public AccessGrant access() {
        return new AccessGrant(role, permissions, workspaceIds);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public Member withRole(Role newRole) {
        return new Member(orgId, orgName, userId, email, name, newRole, permissions, workspaceIds, status, joinedAt,
                invitedBy, invitedByName, lastSeenAt, version + 1);
    }

    public Member withAccess(AccessGrant access) {
        return new Member(orgId, orgName, userId, email, name, access.role(), access.permissions(), access.workspaceIds(),
                status, joinedAt, invitedBy, invitedByName, lastSeenAt, version + 1);
    }

    public Member withWorkspaces(List<String> newWorkspaceIds) {
        return withAccess(new AccessGrant(role, permissions, newWorkspaceIds));
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(orgId, orgName, userId, email, name, role, permissions, workspaceIds, newStatus, joinedAt,
                invitedBy, invitedByName, lastSeenAt, version + 1);
    }
}
