package dev.roster.core.usecase;

import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Times;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.ConcurrentChange;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Records the end of access that ended by itself: each ACTIVE member whose {@code accessExpiresAt} has passed
 * becomes SUSPENDED, with its audit entry, in one transaction. Access ends at that instant whether or not this ran
 * (every request checks the time); the sweep makes the record and the event. It reads only the sparse index of
 * members whose access ends, so its cost follows the number due, not the size of the table.
 */
@Singleton
public class AccessExpiryService {

    private static final Logger LOG = LoggerFactory.getLogger(AccessExpiryService.class);
    static final int PAGE_SIZE = 100;
    public static final String ACTOR = "system:access-expiry";

    private final RosterStore store;
    private final Clock clock;

    public AccessExpiryService(RosterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param complete whether every due member was handled; false when the run stopped for lack of time */
    public record Summary(int suspended, boolean complete) {
    }

    /** @param timeLeft asked before each member; false stops the run cleanly */
    public Summary sweep(BooleanSupplier timeLeft, String requestId) {
        Instant now = Times.toMillis(clock.instant());
        int suspended = 0;
        String cursor = null;
        do {
            Page<Member> page = store.dueAccessExpiries(now, cursor, PAGE_SIZE);
            for (Member member : page.items()) {
                if (!timeLeft.getAsBoolean()) {
                    LOG.info("Access expiry: {} suspended, stopped for lack of time", suspended);
                    return new Summary(suspended, false);
                }
                suspended += suspend(member, now, requestId) ? 1 : 0;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        LOG.info("Access expiry: {} suspended", suspended);
        return new Summary(suspended, true);
    }

    /** True if this run suspended it; false if it had changed meanwhile (reactivated, given more time, removed). */
    private boolean suspend(Member member, Instant now, String requestId) {
        if (!member.isActive() || !member.accessEndedAt(now)) {
            return false;
        }
        Member suspended = member.withStatus(MemberStatus.SUSPENDED);
        try {
            store.commit(List.of(
                    new Change.PutMember(suspended, member.version()),
                    Audits.entry(member.orgId(), now, ACTOR, AuditAction.MEMBER_SUSPENDED, "member:" + member.userId(),
                            Audits.view(member), Audits.view(suspended), requestId)));
            return true;
        } catch (ChangeRejected | ConcurrentChange changedMeanwhile) {
            // Whatever changed it decided its fate; if its access has still ended, the next run sees it again.
            return false;
        }
    }
}
