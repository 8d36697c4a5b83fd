package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a subscription's absolute state (plan, extra seats, billing status) to an org. Absolute, not
 * incremental, so applying the same state twice or states in any order ends where the last one says. Seats
 * dropping below those in use remove nobody: invitations are blocked until seats are free again.
 */
@Singleton
public class BillingService {

    private static final Logger LOG = LoggerFactory.getLogger(BillingService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final Clock clock;

    public BillingService(RosterStore store, RosterSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public Org applySubscription(String orgId, String planName, int extraSeats, String billingStatus, String actor,
                                 String requestId) {
        Plan plan = settings.plan(planName).orElseThrow(() -> RosterException.invalid("plan",
                "unknown plan; known: " + String.join(", ", settings.planNames())));
        List<FieldError> errors = new ArrayList<>();
        if (extraSeats < 0) {
            errors.add(new FieldError("extraSeats", "must not be negative"));
        } else if (extraSeats > 0 && !plan.extraSeats()) {
            errors.add(new FieldError("extraSeats", "the " + plan.name() + " plan has no extra seats"));
        }
        if (!errors.isEmpty()) {
            throw RosterException.invalid(errors);
        }
        Instant now = Times.toMillis(clock.instant());
        Org before = store.load(Snapshot.Request.orgOnly(orgId))
                .org().orElseThrow(() -> new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id."));
        Integer limit = plan.seatLimit(extraSeats);
        Org after = new Org(before.id(), before.name(), plan.name(), extraSeats, limit, before.seatsUsed(),
                before.pendingInvitations(), billingStatus, before.ownerId(), before.workspaces(), before.createdAt());
        try {
            store.commit(List.of(
                    new Change.SetPlan(orgId, plan.name(), extraSeats, limit, billingStatus),
                    Audits.entry(orgId, now, actor, AuditAction.SEATS_CHANGED, "org:" + orgId, view(before), view(after), requestId)));
        } catch (ChangeRejected gone) {
            throw new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id.");
        }
        LOG.info("Org {}: plan {} with {} extra seats, billing {}", orgId, plan.name(), extraSeats, billingStatus);
        return after;
    }

    private static Map<String, Object> view(Org org) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("plan", org.plan());
        v.put("extraSeats", org.extraSeats());
        v.put("seatLimit", org.seatLimit());
        v.put("billingStatus", org.billingStatus());
        return v;
    }
}
