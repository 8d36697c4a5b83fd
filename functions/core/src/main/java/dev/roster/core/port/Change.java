package dev.roster.core.port;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Purchase;
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

    /**
     * Does what a store does with each kind of change, one method per kind. A new kind adds its method here, and
     * then nothing compiles until every visitor knows how to apply it.
     */
    interface Visitor<R> {
        R requireMember(RequireMember change);
        R createOrg(CreateOrg change);
        R adjustSeats(AdjustSeats change);
        R supersedeInvitation(SupersedeInvitation change);
        R countInvites(CountInvites change);
        R putInvitation(PutInvitation change);
        R putMember(PutMember change);
        R putEmailClaim(PutEmailClaim change);
        R deleteEmailClaim(DeleteEmailClaim change);
        R putUser(PutUser change);
        R putAudit(PutAudit change);
        R deleteMember(DeleteMember change);
        R setOwner(SetOwner change);
        R requireWorkspace(RequireWorkspace change);
        R putWorkspace(PutWorkspace change);
        R deleteWorkspace(DeleteWorkspace change);
        R countWorkspaces(CountWorkspaces change);
        R claimSoleOrg(ClaimSoleOrg change);
        R releaseSoleOrg(ReleaseSoleOrg change);
        R setPlan(SetPlan change);
        R recordStripeEvent(RecordStripeEvent change);
        R recordPurchase(RecordPurchase change);
        R recordRefund(RecordRefund change);
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * The caller is still an ACTIVE member with one of {@code roles}, whose access has not ended by {@code at}:
     * authority checked in the same transaction.
     */
    record RequireMember(String orgId, String userId, Set<Role> roles, java.time.Instant at) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.requireMember(this);
        }
    }

    record CreateOrg(Org org) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createOrg(this);
        }
    }

    /**
     * Moves an org's seat counters. With a {@code limitGuard} (the org as read), the org must still be on that
     * plan and seat limit, and the result must stay within the limit; without one, seats are only released or
     * moved and no limit applies.
     */
    record AdjustSeats(String orgId, int memberDelta, int pendingDelta, Org limitGuard) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adjustSeats(this);
        }
    }

    /** Marks a pending invitation SUPERSEDED by a newer one for the same email, whatever its version. */
    record SupersedeInvitation(String orgId, String invitationId, java.time.Instant at) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.supersedeInvitation(this);
        }
    }

    /** Counts {@code count} invitation emails against the org's cap for {@code day} (UTC). */
    record CountInvites(String orgId, LocalDate day, int count, int cap) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.countInvites(this);
        }
    }

    /** Writes {@code invitation}; {@code expectedVersion} null means it must not exist yet. */
    record PutInvitation(Invitation invitation, Long expectedVersion) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putInvitation(this);
        }
    }

    /** Writes {@code member}; {@code expectedVersion} null means it must not exist yet. */
    record PutMember(Member member, Long expectedVersion) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putMember(this);
        }
    }

    /** Writes {@code claim}; {@code expected} null means the email must be unclaimed in the org. */
    record PutEmailClaim(EmailClaim claim, EmailClaim expected) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putEmailClaim(this);
        }
    }

    record DeleteEmailClaim(EmailClaim expected) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteEmailClaim(this);
        }
    }

    record PutUser(UserProfile user) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putUser(this);
        }
    }

    record PutAudit(AuditEntry entry) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putAudit(this);
        }
    }

    /** Removes a membership, provided it is still at {@code expected}'s version. */
    record DeleteMember(Member expected) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteMember(this);
        }
    }

    /** Moves the org's owner, provided it is still {@code expectedOwnerId}. */
    record SetOwner(String orgId, String expectedOwnerId, String newOwnerId) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setOwner(this);
        }
    }

    /** The workspace still exists: a grant never names a workspace deleted meanwhile. */
    record RequireWorkspace(String orgId, String workspaceId) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.requireWorkspace(this);
        }
    }

    record PutWorkspace(Workspace workspace) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putWorkspace(this);
        }
    }

    /** Removes a workspace, which must exist. */
    record DeleteWorkspace(String orgId, String workspaceId) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteWorkspace(this);
        }
    }

    /** Moves the org's workspace count by {@code delta}; a positive delta must stay within {@code limit}. */
    record CountWorkspaces(String orgId, int delta, int limit) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.countWorkspaces(this);
        }
    }

    /**
     * Under the one-organization-per-user policy: records that {@code userId} belongs to {@code orgId}, which
     * must be their only org.
     */
    record ClaimSoleOrg(String userId, String orgId) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.claimSoleOrg(this);
        }
    }

    /** Releases {@link ClaimSoleOrg} when the membership ends; nothing to release is fine. */
    record ReleaseSoleOrg(String userId, String orgId) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.releaseSoleOrg(this);
        }
    }

    /**
     * Applies the org's billing (its subscription's absolute state, the plan it bought once) and the plan, extra
     * seats and seat limit they give it, provided its billing is still as {@code seen}: last synced with the
     * subscription at the same time, holding the same one-time payment. A decision is always made on the state it
     * replaces.
     */
    record SetPlan(String orgId, String plan, int extraSeats, Integer seatLimit, Billing billing, Billing seen)
            implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setPlan(this);
        }
    }

    /** Records a plan bought once; each payment is recorded once, and never once it is refunded. */
    record RecordPurchase(Purchase purchase) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordPurchase(this);
        }
    }

    /**
     * Records a payment as fully refunded, for good, whatever was recorded of it before (a purchase paid, or nothing
     * yet when the refund is read before its payment), so that {@link RecordPurchase} never records it again.
     */
    record RecordRefund(String orgId, String paymentId, java.time.Instant at) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordRefund(this);
        }
    }

    /** Records a Stripe event as handled; it must not have been recorded before. */
    record RecordStripeEvent(String eventId, String type, String orgId, java.time.Instant at) implements Change {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordStripeEvent(this);
        }
    }
}
