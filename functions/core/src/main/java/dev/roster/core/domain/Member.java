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
}
