package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.config.StripePrices;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.BillingStatus;
import dev.roster.core.domain.OneTimePlan;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.PlanHolding;
import dev.roster.core.domain.PlanSource;
import dev.roster.core.domain.Purchase;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.BillingGateway.BillingEvent;
import dev.roster.core.port.BillingGateway.Payment;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps an org's plan, extra seats and billing equal to what Stripe holds: its subscription, and the plan it bought
 * once. Stripe is the source of truth: every billing event makes Roster read the subscription or the payment as it is
 * now and apply that absolute state, so duplicates and any delivery order end where Stripe is. A subscription state
 * read earlier than the one applied never replaces it, and a refunded payment never buys its plan again. Seats
 * dropping below those in use remove nobody: invitations wait until seats are free.
 * <p>
 * It is longer than our other use cases (about 450 lines) because the three kinds of Stripe event (subscription,
 * one-time payment, refund) share one ordering rule and one write, {@code apply…}; split apart, each would repeat
 * the read-again-if-stale loop and the event-id record. The next kind of event should be the point to split it.
 */
// Only where a billing gateway is: the seat-purchase function (and the local API). Every other function's
// context starts without one, and Lambda contexts create their singletons eagerly.
@Requires(beans = BillingGateway.class)
@Singleton
public class BillingService {

    /** The event types that may change a subscription: the subscription is read back from Stripe. */
    public static final Set<String> SUBSCRIPTION_EVENTS = Set.of(
            "checkout.session.completed",
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "invoice.paid", "invoice.payment_failed");
    /** The event types that may complete a one-time payment (a delayed payment method completes later). */
    public static final Set<String> PAYMENT_EVENTS = Set.of(
            "checkout.session.completed", "checkout.session.async_payment_succeeded");
    /** The event types that may refund a one-time payment: the charge is read back from Stripe. */
    public static final Set<String> REFUND_EVENTS = Set.of("charge.refunded", "refund.created", "refund.updated");

    static final String STRIPE_ACTOR = "system:stripe";
    private static final Logger LOG = LoggerFactory.getLogger(BillingService.class);

    /** What handling one event came to. */
    public enum Result {
        /** The org now carries the subscription's or the payment's state. */
        APPLIED,
        /** The org already carried that state; the event is recorded, nothing else changed. */
        UNCHANGED,
        /** The event was handled before. */
        DUPLICATE,
        /** A state read later than this one is already applied. */
        SUPERSEDED,
        /** Nothing to do: another event type, nothing it names, no org of ours, or a refunded payment. */
        IGNORED
    }

    public record Outcome(Result result, String orgId, String detail) {
    }

    /** What applying a state came to, and the org as it is afterwards. */
    private record Applied(Result result, Org org, String detail) {
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
        if (event.subscriptionId() != null && SUBSCRIPTION_EVENTS.contains(event.type())) {
            return subscriptionEvent(event);
        }
        if (event.checkoutSessionId() != null && PAYMENT_EVENTS.contains(event.type())) {
            return paymentEvent(event);
        }
        if (event.chargeId() != null && REFUND_EVENTS.contains(event.type())) {
            return refundEvent(event);
        }
        if (SUBSCRIPTION_EVENTS.contains(event.type()) || PAYMENT_EVENTS.contains(event.type())
                || REFUND_EVENTS.contains(event.type())) {
            return ignored(event, event.orgIdHint(), "the event names no subscription, payment or charge");
        }
        return ignored(event, null, "event type " + event.type() + " does not concern billing");
    }

    /**
     * Applies the subscription Stripe answered a change with, as the webhook that follows would: {@code read} is the
     * org as the request read it, and is read again only if it changed meanwhile.
     *
     * @return the org as it is afterwards
     */
    public Org applyChangedSubscription(Org read, Subscription subscription, Instant readAt, String actor,
                                        String requestId) {
        AtomicBoolean first = new AtomicBoolean(true);
        return Retry.onStale(() -> {
            Org before = first.getAndSet(false) ? read : load(read.id()).orElseThrow(BillingService::orgNotFound);
            return applySubscription(before, subscription, Times.toMillis(readAt), List.of(), actor, requestId).org();
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
            Org before = load(orgId).orElseThrow(BillingService::orgNotFound);
            PlanHolding holding = PlanHolding.of(plan, extraSeats, true, boughtOnce(before), settings.defaultPlan());
            Billing billing = new Billing("ACTIVE", before.billing().customerId(), before.billing().subscriptionId(), now,
                    holding.source(), before.billing().oneTime());
            return apply(before, holding, billing, List.of(), now, actor, requestId).org();
        });
    }

    // --- subscriptions ---------------------------------------------------------------------------------------

    private Outcome subscriptionEvent(BillingEvent event) {
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
        return forEvent(event, orgId, before -> applySubscription(before, subscription, readAt,
                List.of(record(event, orgId, readAt)), STRIPE_ACTOR, event.id()));
    }

    private Applied applySubscription(Org before, Subscription subscription, Instant readAt, List<Change> leading,
                                      String actor, String requestId) {
        if (before.billing().syncedAt() != null && before.billing().syncedAt().isAfter(readAt)) {
            return new Applied(Result.SUPERSEDED, before, "a state read later is already applied");
        }
        String status = BillingStatus.fromStripe(subscription.status());
        if (BillingStatus.ended(status) && before.billing().subscriptionId() != null
                && !before.billing().subscriptionId().equals(subscription.id())) {
            return new Applied(Result.IGNORED, before,
                    "ended subscription " + subscription.id() + " is not the org's current one");
        }
        Plan subscribed = subscribedPlan(subscription);
        int seats = extraSeats(subscription);
        PlanHolding holding = PlanHolding.of(subscribed, seats, !BillingStatus.ended(status), boughtOnce(before),
                settings.defaultPlan());
        if (holding.extraSeats() > 0 && !holding.plan().extraSeats()) {
            LOG.warn("Subscription {} buys {} extra seats, which plan {} does not count", subscription.id(),
                    holding.extraSeats(), holding.plan().name());
        }
        Billing billing = new Billing(status, subscription.customerId(), subscription.id(), readAt, holding.source(),
                before.billing().oneTime());
        return apply(before, holding, billing, leading, readAt, actor, requestId);
    }

    /** The plan a subscription's plan price stands for; null when it buys extra seats only. */
    private Plan subscribedPlan(Subscription subscription) {
        StripePrices prices = settings.stripePrices();
        List<Plan> plans = subscription.items().stream()
                .flatMap(item -> prices.planOf(item.priceId()).flatMap(settings::plan).stream())
                .distinct().toList();
        boolean seatsOnly = plans.isEmpty() && subscription.items().stream()
                .anyMatch(item -> prices.isExtraSeat(item.priceId()));
        if (plans.size() > 1 || (plans.isEmpty() && !seatsOnly)) {
            List<String> priceIds = subscription.items().stream().map(BillingGateway.Item::priceId).toList();
            LOG.error("Subscription {} has prices {}: {} of them name a plan in ROSTER_STRIPE_PRICES; one must, or"
                    + " the extra-seat price alone", subscription.id(), priceIds, plans.size());
            throw new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "Subscription " + subscription.id()
                    + " has prices " + priceIds + "; one of them must stand for a plan in ROSTER_STRIPE_PRICES, or the"
                    + " extra-seat price must stand alone.");
        }
        return plans.isEmpty() ? null : plans.get(0);
    }

    private int extraSeats(Subscription subscription) {
        StripePrices prices = settings.stripePrices();
        long seats = subscription.items().stream().filter(item -> prices.isExtraSeat(item.priceId()))
                .mapToLong(BillingGateway.Item::quantity).sum();
        return (int) Math.min(seats, Integer.MAX_VALUE);
    }

    // --- plans sold once -------------------------------------------------------------------------------------

    private Outcome paymentEvent(BillingEvent event) {
        Instant readAt = Times.toMillis(clock.instant());
        Optional<Payment> found = gateway.checkoutPayment(event.checkoutSessionId());
        if (found.isEmpty()) {
            return ignored(event, event.orgIdHint(), "Stripe does not know checkout session " + event.checkoutSessionId());
        }
        Payment payment = found.get();
        String orgId = payment.orgId() != null ? payment.orgId() : event.orgIdHint();
        if (orgId == null) {
            return ignored(event, null, "checkout session " + event.checkoutSessionId() + " names no org");
        }
        return switch (payment.state()) {
            case PENDING -> ignored(event, orgId, "payment " + payment.id() + " is not complete yet");
            case REFUNDED -> refund(event, orgId, payment, readAt);
            case PAID -> planSoldOnce(payment)
                    .map(plan -> grant(event, orgId, payment, plan, readAt))
                    .orElseGet(() -> ignored(event, orgId, "payment " + payment.id() + " buys no plan sold once"));
        };
    }

    private Outcome refundEvent(BillingEvent event) {
        Instant readAt = Times.toMillis(clock.instant());
        Optional<Payment> found = gateway.chargePayment(event.chargeId());
        if (found.isEmpty()) {
            return ignored(event, null, "Stripe does not know charge " + event.chargeId());
        }
        Payment payment = found.get();
        if (payment.orgId() == null) {
            return ignored(event, null, "charge " + event.chargeId() + " pays for no org of ours");
        }
        if (payment.state() != BillingGateway.PaymentState.REFUNDED) {
            return ignored(event, payment.orgId(), "payment " + payment.id() + " is not fully refunded");
        }
        return refund(event, payment.orgId(), payment, readAt);
    }

    /** The plan sold once that a payment's prices buy; empty when they buy none (a price of another kind). */
    private Optional<Plan> planSoldOnce(Payment payment) {
        StripePrices prices = settings.stripePrices();
        List<String> unknown = payment.priceIds().stream()
                .filter(price -> prices.planOf(price).isEmpty() && !prices.isExtraSeat(price)).toList();
        if (!unknown.isEmpty()) {
            LOG.error("Payment {} bought prices {} that ROSTER_STRIPE_PRICES does not name", payment.id(), unknown);
            throw new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "Payment " + payment.id() + " bought prices "
                    + unknown + " that ROSTER_STRIPE_PRICES does not name.");
        }
        return payment.priceIds().stream().flatMap(price -> prices.planOf(price).flatMap(settings::plan).stream())
                .filter(Plan::soldOnce).findFirst();
    }

    /** A completed payment: the org holds the plan for good, unless a subscription's plan outranks it. */
    private Outcome grant(BillingEvent event, String orgId, Payment payment, Plan plan, Instant readAt) {
        return forEvent(event, orgId, before -> {
            PlanHolding holding = PlanHolding.of(subscriptionsPlan(before), before.extraSeats(),
                    before.billing().running(), plan, settings.defaultPlan());
            Billing billing = withCustomer(before.billing(), payment.customerId())
                    .withOneTime(new OneTimePlan(plan.name(), payment.id()), holding.source());
            List<Change> leading = new ArrayList<>(List.of(record(event, orgId, readAt)));
            if (before.billing().oneTime() == null || !before.billing().oneTime().paymentId().equals(payment.id())) {
                // Recorded once: the purchase's own condition refuses a payment recorded (or refunded) before.
                leading.add(new Change.RecordPurchase(Purchase.paid(orgId, payment.id(), plan.name(), readAt)));
            }
            return apply(before, holding, billing, leading, readAt, STRIPE_ACTOR, event.id());
        });
    }

    /** A fully refunded payment: recorded for good; an org holding its plan by it returns to what else it has. */
    private Outcome refund(BillingEvent event, String orgId, Payment payment, Instant readAt) {
        return forEvent(event, orgId, before -> {
            OneTimePlan held = before.billing().oneTime();
            OneTimePlan kept = held != null && held.paymentId().equals(payment.id()) ? null : held;
            PlanHolding holding = PlanHolding.of(subscriptionsPlan(before), before.extraSeats(),
                    before.billing().running(), kept == null ? null : settings.planOf(kept.plan()), settings.defaultPlan());
            Billing billing = before.billing().withOneTime(kept, holding.source());
            return apply(before, holding, billing, List.of(record(event, orgId, readAt),
                    new Change.RecordRefund(orgId, payment.id(), readAt)), readAt, STRIPE_ACTOR, event.id());
        });
    }

    /** The plan the org's running subscription holds it on, if it does. */
    private Plan subscriptionsPlan(Org org) {
        return org.billing().source() == PlanSource.SUBSCRIPTION ? settings.planOf(org.plan()) : null;
    }

    private Plan boughtOnce(Org org) {
        return org.billing().oneTime() == null ? null : settings.planOf(org.billing().oneTime().plan());
    }

    private static Billing withCustomer(Billing billing, String customerId) {
        return billing.customerId() != null || customerId == null ? billing : new Billing(billing.status(), customerId,
                billing.subscriptionId(), billing.syncedAt(), billing.source(), billing.oneTime());
    }

    // --- applying --------------------------------------------------------------------------------------------

    /** Reads the org and applies what {@code decide} makes of it, again whenever the org changed meanwhile. */
    private Outcome forEvent(BillingEvent event, String orgId, Function<Org, Applied> decide) {
        Supplier<Outcome> attempt = () -> load(orgId)
                .map(before -> {
                    Applied applied = decide.apply(before);
                    return outcome(applied.result(), event, orgId, applied.detail());
                })
                .orElseGet(() -> ignored(event, orgId, "no organization " + orgId));
        return Retry.onStale(attempt);
    }

    /** @param at when the state applied was read: the audit entry's time */
    private Applied apply(Org before, PlanHolding holding, Billing billing, List<Change> leading, Instant at,
                          String actor, String requestId) {
        Org after = new Org(before.id(), before.name(), holding.plan().name(), holding.extraSeats(), holding.seatLimit(),
                before.seatsUsed(), before.pendingInvitations(), billing, before.ownerId(), before.workspaces(),
                before.createdAt());
        boolean seatsChanged = !before.plan().equals(after.plan()) || before.extraSeats() != after.extraSeats()
                || !Objects.equals(before.seatLimit(), after.seatLimit())
                || before.billing().source() != after.billing().source();
        boolean statusChanged = !before.billing().status().equals(after.billing().status());
        List<Change> changes = new ArrayList<>(leading);
        changes.add(new Change.SetPlan(before.id(), after.plan(), after.extraSeats(), after.seatLimit(), billing,
                before.billing()));
        if (seatsChanged || statusChanged) {
            changes.add(Audits.entry(before.id(), at, actor,
                    seatsChanged ? AuditAction.SEATS_CHANGED : AuditAction.BILLING_STATUS_CHANGED, "org:" + before.id(),
                    view(before), view(after), requestId));
        }
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            return rejected(rejected, before);
        }
        if (seatsChanged || statusChanged) {
            Integer limit = after.seatLimit();
            LOG.info("Org {}: plan {} ({}) with {} extra seats (limit {}), billing {}", before.id(), after.plan(),
                    billing.source(), after.extraSeats(), limit == null ? "unlimited" : limit, billing.status());
            if (limit != null && before.seatsUsed() > limit) {
                LOG.info("Org {} uses {} seats of {}: invitations wait until seats are free", before.id(),
                        before.seatsUsed(), limit);
            }
        }
        return new Applied(seatsChanged || statusChanged ? Result.APPLIED : Result.UNCHANGED, after, null);
    }

    private static Applied rejected(ChangeRejected rejected, Org before) {
        Change change = rejected.change();
        if (change instanceof Change.RecordStripeEvent) {
            return new Applied(Result.DUPLICATE, before, "handled before");
        }
        if (change instanceof Change.RecordPurchase purchase) {
            boolean refunded = rejected.current() instanceof Purchase p && p.status() == Purchase.Status.REFUNDED;
            return new Applied(refunded ? Result.IGNORED : Result.UNCHANGED, before, "payment "
                    + purchase.purchase().paymentId() + (refunded ? " was refunded" : " was recorded before"));
        }
        if (change instanceof Change.SetPlan && rejected.current() == null) {
            throw orgNotFound();
        }
        throw new Retry.Stale();
    }

    private Optional<Org> load(String orgId) {
        return store.load(Snapshot.Request.orgOnly(orgId)).org();
    }

    private static Change.RecordStripeEvent record(BillingEvent event, String orgId, Instant readAt) {
        return new Change.RecordStripeEvent(event.id(), event.type(), orgId, readAt);
    }

    private static RosterException orgNotFound() {
        return new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id.");
    }

    private static Outcome ignored(BillingEvent event, String orgId, String why) {
        return outcome(Result.IGNORED, event, orgId, why);
    }

    private static Outcome outcome(Result result, BillingEvent event, String orgId, String detail) {
        LOG.info("Stripe event {} ({}) for org {}: {}{}", event.id(), event.type(), orgId, result,
                detail == null ? "" : " (" + detail + ")");
        return new Outcome(result, orgId, detail);
    }

    private static Map<String, Object> view(Org org) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("plan", org.plan());
        v.put("planSource", org.billing().source().name());
        v.put("extraSeats", org.extraSeats());
        v.put("seatLimit", org.seatLimit());
        v.put("billingStatus", org.billing().status());
        return v;
    }
}
