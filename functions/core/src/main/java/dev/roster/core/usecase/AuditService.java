package dev.roster.core.usecase;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Role;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The audit log of an org, for its owners and admins. */
@Singleton
public class AuditService {

    private final RosterStore store;
    private final Presence presence;
    private final Clock clock;

    public AuditService(RosterStore store, Presence presence, Clock clock) {
        this.store = store;
        this.presence = presence;
        this.clock = clock;
    }

    public Page<AuditEntry> list(Caller caller, String orgId, AuditQuery query, String cursor, int limit) {
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw RosterException.invalid("from", "must not be after to");
        }
        var member = Access.requireMember(store.member(orgId, caller.userId()), clock.instant());
        presence.seen(member);
        if (!Role.MANAGERS.contains(member.role())) {
            throw new RosterException(ErrorCode.FORBIDDEN, "Only owners and admins may read the audit log.");
        }
        return store.audit(orgId, query.actor(), query.action(), query.from(), query.to(), cursor, limit);
    }
}
