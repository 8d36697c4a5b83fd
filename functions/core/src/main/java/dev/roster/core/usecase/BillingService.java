package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.config.StripePrices;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.BillingStatus;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.BillingGateway.BillingEvent;
import dev.roster.core.port.BillingGateway.Subscription;
import dev.roster.core.port.Change;
import dev.roster.core.port.Metrics;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps an org's plan, extra seats and billing status equal to its subscription. Stripe is the source of truth:
 * every subscription-related event makes Roster read the subscription as it is now and apply that absolute
 * state, so duplicates and any delivery order end where Stripe is. A state read earlier than the one applied
 * never replaces it. Seats dropping below those in use remove nobody: invitations wait until seats are free.
 */
// Only where a billing gateway is: the seat-purchase function (and the local API). Every other function's
// context starts without one, and Lambda contexts create their singletons eagerly.
@Requires(beans = BillingGateway.class)
@Singleton
public class BillingService {

    /** The event types that may change a subscription; every other type is acknowledged and ignored. */
    public static final Set<String> SUBSCRIPTION_EVENTS = Set.of(
            "checkout.session.completed",
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "invoice.paid", "invoice.payment_failed");

    static final String STRIPE_ACTOR = "system:stripe";
    private static final Logger LOG = LoggerFactory.getLogger(BillingService.class);

    /** What handling one event came to. */
    public enum Result {
        /** The org now carries the subscription's state. */
        APPLIED,
        /** The org already carried that state; the event is recorded, nothing else changed. */
        UNCHANGED,
        /** The event was handled before. */
        DUPLICATE,
        /** A state read later than this one is already applied. */
        SUPERSEDED,
        /** Nothing to do: another event type, no subscription, or no org of ours. */
        IGNORED
    }

    public record Outcome(Result result, String orgId, String detail) {
    }

    private final RosterStore store;
    private final RosterSettings settings;
    private final BillingGateway gateway;
    private final Metrics metrics;
    private final Clock clock;

    public BillingService(RosterStore store, RosterSettings settings, BillingGateway gateway, Metrics metrics,
                          Clock clock) {
        this.store = store;
        this.settings = settings;
        this.gateway = gateway;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Handles one Stripe webhook: verifies its signature (a refusal is counted as WebhooksRejected and thrown as
     * {@code INVALID_SIGNATURE}), then handles its event.
     */
    public Outcome handleWebhook(byte[] payload, String signatureHeader) {
        BillingEvent event;
        try {
            event = gateway.verifiedEvent(payload, signatureHeader);
        } catch (RosterException e) {
            if (e.code() == ErrorCode.INVALID_SIGNATURE) {
                metrics.count(Metrics.Metric.WEBHOOKS_REJECTED);
            }
            throw e;
        }
        return handle(event);
    }

    /**
     * Handles one Stripe event, however it was delivered; the caller has authenticated it. Counts it as
     * WebhooksApplied, WebhooksDuplicate or WebhooksIgnored (which includes UNCHANGED and SUPERSEDED).
     */
    public Outcome handle(BillingEvent event) {
        Outcome outcome = decide(event);
        metrics.count(switch (outcome.result()) {
            case APPLIED -> Metrics.Metric.WEBHOOKS_APPLIED;
            case DUPLICATE -> Metrics.Metric.WEBHOOKS_DUPLICATE;
            case UNCHANGED, SUPERSEDED, IGNORED -> Metrics.Metric.WEBHOOKS_IGNORED;
        });
        return outcome;
    }

    private Outcome decide(BillingEvent event) {
        if (!SUBSCRIPTION_EVENTS.contains(event.type())) {
            return ignored(event, null, "event type " + event.type() + " does not concern subscriptions");
        }
        if (event.subscriptionId() == null) {
            return ignored(event, event.orgIdHint(), "the event names no subscription");
        }
        Instant readAt = Times.toMillis(clock.instant());
        Optional<Subscription> found = gateway.subscription(event.subscriptionId());
        if (found.isEmpty()) {
            return ignored(event, event.orgIdHint(), "Stripe does not know subscription " + event.subscriptionId());
        }
        Subscription subscription = found.get();
        String orgId = subscription.orgId() != null ? subscription.orgId() : event.orgIdHint();
        if (orgId == null) {
            return ignored(event, null, "subscription " + subscription.id() + " carries no roster_org_id metadata");
        }
        Change.RecordStripeEvent record = new Change.RecordStripeEvent(event.id(), event.type(), orgId, readAt);
        return Retry.onStale(() -> {
            Optional<Org> org = store.load(Snapshot.Request.orgOnly(orgId)).org();
            if (org.isEmpty()) {
                return ignored(event, orgId, "no organization " + orgId);
            }
            Org before = org.get();
            if (before.billing().syncedAt() != null && before.billing().syncedAt().isAfter(readAt)) {
                return outcome(Result.SUPERSEDED, event, orgId, "a state read later is already applied");
            }
            if (BillingStatus.ended(BillingStatus.fromStripe(subscription.status()))
                    && before.billing().subscriptionId() != null && !before.billing().subscriptionId().equals(subscription.id())) {
                return ignored(event, orgId, "ended subscription " + subscription.id() + " is not the org's current one");
            }
            return apply(before, target(subscription, readAt), record, STRIPE_ACTOR, event.id(), event);
        });
    }

    /**
     * Applies a plan as an active subscription would, for trying Roster without Stripe (the local API's plan
     * route): the same decision and write as for a Stripe event.
     */
    public Org applyPlan(String orgId, String planName, int extraSeats, String actor, String requestId) {
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
        return Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Org before = store.load(Snapshot.Request.orgOnly(orgId)).org()
                    .orElseThrow(() -> new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id."));
            Billing billing = new Billing("ACTIVE", before.billing().customerId(), before.billing().subscriptionId(), now);
            Target target = new Target(plan, extraSeats, billing);
            apply(before, target, null, actor, requestId, null);
            return after(before, target);
        });
    }

    /** The state a subscription gives its org. */
    private record Target(Plan plan, int extraSeats, Billing billing) {
    }

    private Target target(Subscription subscription, Instant readAt) {
        String status = BillingStatus.fromStripe(subscription.status());
        Billing billing = new Billing(status, subscription.customerId(), subscription.id(), readAt);
        if (BillingStatus.ended(status)) {
            return new Target(settings.defaultPlan(), 0, billing);
        }
        StripePrices prices = settings.stripePrices();
        List<Plan> plans = subscription.items().stream()
                .flatMap(item -> prices.planOf(item.priceId()).flatMap(settings::plan).stream())
                .distinct().toList();
        if (plans.size() != 1) {
            List<String> priceIds = subscription.items().stream().map(BillingGateway.Item::priceId).toList();
            LOG.error("Subscription {} has prices {}: {} of them name a plan in ROSTER_STRIPE_PRICES, one must",
                    subscription.id(), priceIds, plans.size());
            throw new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "Subscription " + subscription.id()
                    + " has prices " + priceIds + "; exactly one of them must stand for a plan in ROSTER_STRIPE_PRICES.");
        }
        Plan plan = plans.get(0);
        long extra = subscription.items().stream().filter(item -> prices.isExtraSeat(item.priceId()))
                .mapToLong(BillingGateway.Item::quantity).sum();
        if (extra > 0 && !plan.extraSeats()) {
            LOG.warn("Subscription {} buys {} extra seats, but plan {} has none; they are not counted",
                    subscription.id(), extra, plan.name());
            extra = 0;
        }
        return new Target(plan, (int) Math.min(extra, Integer.MAX_VALUE), billing);
    }

    private Outcome apply(Org before, Target target, Change.RecordStripeEvent record, String actor, String requestId,
                          BillingEvent event) {
        Org after = after(before, target);
        Integer limit = after.seatLimit();
        boolean seatsChanged = !before.plan().equals(after.plan()) || before.extraSeats() != after.extraSeats()
                || !Objects.equals(before.seatLimit(), limit);
        boolean statusChanged = !before.billing().status().equals(after.billing().status());
        List<Change> changes = new ArrayList<>();
        if (record != null) {
            changes.add(record);
        }
        changes.add(new Change.SetPlan(before.id(), target.plan().name(), target.extraSeats(), limit, target.billing(),
                before.billing().syncedAt()));
        if (seatsChanged || statusChanged) {
            changes.add(Audits.entry(before.id(), target.billing().syncedAt(), actor,
                    seatsChanged ? AuditAction.SEATS_CHANGED : AuditAction.BILLING_STATUS_CHANGED, "org:" + before.id(),
                    view(before), view(after), requestId));
        }
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            if (rejected.change() instanceof Change.RecordStripeEvent) {
                return outcome(Result.DUPLICATE, event, before.id(), "handled before");
            }
            if (rejected.current() == null) {
                throw new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id.");
            }
            throw new Retry.Stale();
        }
        if (seatsChanged || statusChanged) {
            LOG.info("Org {}: plan {} with {} extra seats (limit {}), billing {}", before.id(), target.plan().name(),
                    target.extraSeats(), limit == null ? "unlimited" : limit, target.billing().status());
            if (limit != null && before.seatsUsed() > limit) {
                LOG.info("Org {} uses {} seats of {}: invitations wait until seats are free", before.id(),
                        before.seatsUsed(), limit);
            }
        }
        return outcome(seatsChanged || statusChanged ? Result.APPLIED : Result.UNCHANGED, event, before.id(), null);
    }

    private static Org after(Org before, Target target) {
        return new Org(before.id(), before.name(), target.plan().name(), target.extraSeats(),
                target.plan().seatLimit(target.extraSeats()), before.seatsUsed(), before.pendingInvitations(),
                target.billing(), before.ownerId(), before.workspaces(), before.createdAt());
    }

    private static Outcome ignored(BillingEvent event, String orgId, String why) {
        return outcome(Result.IGNORED, event, orgId, why);
    }

    private static Outcome outcome(Result result, BillingEvent event, String orgId, String detail) {
        if (event != null) {
            LOG.info("Stripe event {} ({}) for org {}: {}{}", event.id(), event.type(), orgId, result,
                    detail == null ? "" : " (" + detail + ")");
        }
        return new Outcome(result, orgId, detail);
    }

    private static Map<String, Object> view(Org org) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("plan", org.plan());
        v.put("extraSeats", org.extraSeats());
        v.put("seatLimit", org.seatLimit());
        v.put("billingStatus", org.billing().status());
        return v;
    }
}
