package dev.roster.core.port;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Workspace;

import java.time.LocalDate;
import java.util.Set;

/**
 * One part of an atomic change. A use case decides what should happen from what it read and states each part
 * together with the state it expects; {@link RosterStore#commit} applies all parts or none. When the stored
 * state is no longer what a part expects, the commit fails with {@link ChangeRejected} naming that part.
 */
public sealed interface Change {

    /** The caller is still an ACTIVE member with one of {@code roles}: authority checked in the same transaction. */
    record RequireMember(String orgId, String userId, Set<Role> roles) implements Change {
    }

    record CreateOrg(Org org) implements Change {
    }

    /**
     * Moves an org's seat counters. With a {@code limitGuard} (the org as read), the org must still be on that
     * plan and seat limit, and the result must stay within the limit; without one, seats are only released or
     * moved and no limit applies.
     */
    record AdjustSeats(String orgId, int memberDelta, int pendingDelta, Org limitGuard) implements Change {
    }

    /** Marks a pending invitation SUPERSEDED by a newer one for the same email, whatever its version. */
    record SupersedeInvitation(String orgId, String invitationId, java.time.Instant at) implements Change {
    }

    /** Counts {@code count} invitation emails against the org's cap for {@code day} (UTC). */
    record CountInvites(String orgId, LocalDate day, int count, int cap) implements Change {
    }

    /** Writes {@code invitation}; {@code expectedVersion} null means it must not exist yet. */
    record PutInvitation(Invitation invitation, Long expectedVersion) implements Change {
    }

    /** Writes {@code member}; {@code expectedVersion} null means it must not exist yet. */
    record PutMember(Member member, Long expectedVersion) implements Change {
    }

    /** Writes {@code claim}; {@code expected} null means the email must be unclaimed in the org. */
    record PutEmailClaim(EmailClaim claim, EmailClaim expected) implements Change {
    }

    record DeleteEmailClaim(EmailClaim expected) implements Change {
    }

    record PutUser(UserProfile user) implements Change {
    }

    record PutAudit(AuditEntry entry) implements Change {
    }

    /** Removes a membership, provided it is still at {@code expected}'s version. */
    record DeleteMember(Member expected) implements Change {
    }

    /** Moves the org's owner, provided it is still {@code expectedOwnerId}. */
    record SetOwner(String orgId, String expectedOwnerId, String newOwnerId) implements Change {
    }

    /** The workspace still exists: a grant never names a workspace deleted meanwhile. */
    record RequireWorkspace(String orgId, String workspaceId) implements Change {
    }

    record PutWorkspace(Workspace workspace) implements Change {
    }

    /** Removes a workspace, which must exist. */
    record DeleteWorkspace(String orgId, String workspaceId) implements Change {
    }

    /** Moves the org's workspace count by {@code delta}; a positive delta must stay within {@code limit}. */
    record CountWorkspaces(String orgId, int delta, int limit) implements Change {
    }

    /**
     * Under the one-organization-per-user policy: records that {@code userId} belongs to {@code orgId}, which
     * must be their only org.
     */
    record ClaimSoleOrg(String userId, String orgId) implements Change {
    }

    /** Releases {@link ClaimSoleOrg} when the membership ends; nothing to release is fine. */
    record ReleaseSoleOrg(String userId, String orgId) implements Change {
    }

    /**
     * Applies a subscription's absolute state to the org, provided the org's billing was last synced at
     * {@code expectedSyncedAt} (null: never), so a decision is always made on the state it replaces.
     */
    record SetPlan(String orgId, String plan, int extraSeats, Integer seatLimit, Billing billing,
                   java.time.Instant expectedSyncedAt) implements Change {
    }

    /** Records a Stripe event as handled; it must not have been recorded before. */
    record RecordStripeEvent(String eventId, String type, String orgId, java.time.Instant at) implements Change {
    }
}
