package dev.roster.core.usecase;

import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The authority rules: an unknown org and an org the caller is not in look the same (404); a suspended member, or
 * one whose access has ended ({@code accessExpiresAt} passed, swept or not), may do nothing; otherwise the role
 * decides (403).
 */
final class Access {

    private Access() {
    }

    static Member requireMember(Optional<Org> org, Optional<Member> membership, Instant now) {
        return requireMember(org.isPresent() ? membership : Optional.empty(), now);
    }

    /** For reads that need only the caller's membership: a membership exists only within an existing org. */
    static Member requireMember(Optional<Member> membership, Instant now) {
        Member member = membership.orElseThrow(NotFound::org);
        if (!member.isActiveAt(now)) {
            throw suspended(member, now);
        }
        return member;
    }

    static Member requireMember(Snapshot snapshot, Instant now) {
        return requireMember(snapshot.org(), snapshot.caller(), now);
    }

    static Member requireRole(Snapshot snapshot, Set<Role> roles, Instant now) {
        Member member = requireMember(snapshot, now);
        if (!roles.contains(member.role())) {
            throw new RosterException(ErrorCode.FORBIDDEN, "Your role " + member.role() + " may not do this.");
        }
        return member;
    }

    /**
     * An active member (as of {@code now}) whose role implies every tool permission, or who holds {@code permission}.
     */
    static Member requirePermission(Snapshot snapshot, String permission, Instant now) {
        Member member = requireMember(snapshot, now);
        if (!member.role().impliesAllPermissions() && !member.permissions().contains(permission)) {
            throw new RosterException(ErrorCode.FORBIDDEN,
                    "This needs the owner, an admin or the " + permission + " permission.");
        }
        return member;
    }

    /** The caller's authority as of {@code now}, re-checked inside the transaction. */
    static Change.RequireMember stillHolds(String orgId, Caller caller, Set<Role> roles, Instant now) {
        return new Change.RequireMember(orgId, caller.userId(), roles, now);
    }

    /** The error for a caller whose membership changed between the read and the write ({@code stillHolds} failed). */
    static RosterException lost(ChangeRejected rejected) {
        if (!(rejected.current() instanceof Member member)) {
            return NotFound.org();
        }
        Instant at = ((Change.RequireMember) rejected.change()).at();
        if (!member.isActiveAt(at)) {
            return suspended(member, at);
        }
        return new RosterException(ErrorCode.FORBIDDEN, "Your role " + member.role() + " may not do this.");
    }

    private static RosterException suspended(Member member, Instant now) {
        return new RosterException(ErrorCode.MEMBER_SUSPENDED, member.isActive() && member.accessEndedAt(now)
                ? "Your access to this organization ended at " + Times.format(member.accessExpiresAt()) + "."
                : "Your membership of this organization is suspended.");
    }

    /**
     * Commits a change made in a caller's name: a failed check of the caller's own membership is their error;
     * any other expectation that no longer holds means the state moved since the read, so the attempt decides
     * again on what is there now.
     */
    static void commitAsCaller(RosterStore store, List<Change> changes) {
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            if (rejected.change() instanceof Change.RequireMember) {
                throw lost(rejected);
            }
            throw new Retry.Stale();
        }
    }
}
