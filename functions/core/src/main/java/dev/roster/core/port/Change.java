package dev.roster.core.port;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;

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

    /** Applies a subscription's absolute state to the org. */
    record SetPlan(String orgId, String plan, int extraSeats, Integer seatLimit, String billingStatus) implements Change {
    }
}
