package dev.roster.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of change Roster records. The wire name is the audit entry's {@code action} and the EventBridge
 * detail-type of the event it becomes; docs/events.md describes each one.
 */
public enum AuditAction {
    ORG_CREATED("org.created"),
    ORG_OWNERSHIP_TRANSFERRED("org.ownership_transferred"),
    SEATS_CHANGED("seats.changed"),
    BILLING_STATUS_CHANGED("billing.status_changed"),
    INVITATION_CREATED("invitation.created"),
    INVITATION_RESENT("invitation.resent"),
    INVITATION_REVOKED("invitation.revoked"),
    INVITATION_ACCEPTED("invitation.accepted"),
    INVITATION_DECLINED("invitation.declined"),
    INVITATION_EXPIRED("invitation.expired"),
    INVITATION_BOUNCED("invitation.bounced"),
    MEMBER_ADDED("member.added"),
    MEMBER_ROLE_CHANGED("member.role_changed"),
    MEMBER_ACCESS_CHANGED("member.access_changed"),
    MEMBER_SUSPENDED("member.suspended"),
    MEMBER_REACTIVATED("member.reactivated"),
    MEMBER_REMOVED("member.removed"),
    MEMBER_LEFT("member.left"),
    WORKSPACE_CREATED("workspace.created"),
    WORKSPACE_DELETED("workspace.deleted");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuditAction> ofWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
