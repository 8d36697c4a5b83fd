package dev.roster.core.domain;

import java.time.Instant;
import java.util.List;

/** A user's membership of an org. {@code version} guards every replace of the item. */
public record Member(String orgId, String orgName, String userId, EmailAddress email, String name, Role role,
                     List<String> permissions, List<String> workspaceIds, MemberStatus status, Instant joinedAt,
                     String invitedBy, Instant lastSeenAt, long version) {

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public Member withRole(Role newRole) {
        return new Member(orgId, orgName, userId, email, name, newRole, permissions, workspaceIds, status, joinedAt,
                invitedBy, lastSeenAt, version + 1);
    }

    public Member withAccess(Role newRole, List<String> newPermissions, List<String> newWorkspaceIds) {
        return new Member(orgId, orgName, userId, email, name, newRole, newPermissions, newWorkspaceIds, status,
                joinedAt, invitedBy, lastSeenAt, version + 1);
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(orgId, orgName, userId, email, name, role, permissions, workspaceIds, newStatus, joinedAt,
                invitedBy, lastSeenAt, version + 1);
    }
}
