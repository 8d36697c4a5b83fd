package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.config.StripePrices;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.OneTimePlan;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.BillingGateway.Checkout;
import dev.roster.core.port.BillingGateway.LineItem;
import dev.roster.core.port.BillingGateway.Mode;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts buying through a Stripe Checkout session tied to the org: a plan monthly with its extra seats (subscription
 * mode); a plan sold once (payment mode); or, once an org holds a plan sold once, that plan's extra seats (a
 * subscription of their own). Nothing changes in Roster until Stripe reports the subscription or the payment (see
 * {@link BillingService}).
 */
// Only where a billing gateway is: the seat-purchase function (and the local API). Every other function's
// context starts without one, and Lambda contexts create their singletons eagerly.
@Requires(beans = BillingGateway.class)
@Singleton
public class CheckoutService {

    /** The tool permission that lets a member who is not owner or admin buy for the org. */
    public static final String BILLING_PERMISSION = "billing";
    /** The most extra seats one checkout or change buys. */
    public static final int MAX_EXTRA_SEATS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final BillingGateway gateway;
    private final Presence presence;
    private final Clock clock;

    public CheckoutService(RosterStore store, RosterSettings settings, BillingGateway gateway, Presence presence,
                           Clock clock) {
        this.store = store;
        this.settings = settings;
        this.gateway = gateway;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * @param planName   null for the org's current plan
     * @param extraSeats null for none; on a subscription the buyer can still change the number on the checkout page
     * @return the checkout page's URL
     */
    public String start(Caller caller, String orgId, String planName, Integer extraSeats, String requestId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
        Member member = Access.requirePermission(snapshot, BILLING_PERMISSION, clock.instant());
        presence.seen(member);
        Org org = snapshot.org().orElseThrow();
        if (org.billing().subscribed()) {
            throw new RosterException(ErrorCode.ALREADY_SUBSCRIBED, "This organization already has subscription "
                    + org.billing().subscriptionId() + " (" + org.billing().status() + "); change its plan or seats"
                    + " with PATCH /orgs/" + orgId + "/subscription or in the billing portal.");
        }
        int seats = extraSeats == null ? 0 : extraSeats;
        if (seats < 0 || seats > MAX_EXTRA_SEATS) {
            throw RosterException.invalid("extraSeats", "must be between 0 and " + MAX_EXTRA_SEATS);
        }
        StripePrices prices = settings.stripePrices();
        OneTimePlan held = org.billing().oneTime();
        Offer offer = held != null ? seatsOfPlanHeld(settings.planOf(held.plan()), planName, seats, prices)
                : plan(org, planName, seats, prices);
        String returnTo = settings.billingUrl(orgId);
        String url = gateway.startCheckout(new Checkout(orgId, offer.mode(), offer.lineItems(),
                org.billing().customerId(), org.billing().customerId() == null ? member.email().value() : null,
                returnTo + "?checkout=success&session_id={CHECKOUT_SESSION_ID}", returnTo + "?checkout=cancelled",
                "checkout-" + orgId + "-" + requestId));
        LOG.info("Checkout for org {} started by {}: {} of {}", orgId, caller.userId(), offer.mode(),
                offer.lineItems().stream().map(i -> i.quantity() + " x " + i.priceId()).toList());
        return url;
    }

    /** What a checkout sells. */
    private record Offer(Mode mode, List<LineItem> lineItems) {
    }

    /** A plan: monthly with its extra seats, or sold once on its own. */
    private Offer plan(Org org, String planName, int seats, StripePrices prices) {
        Plan plan = settings.plan(planName == null ? org.plan() : planName).orElseThrow(() -> RosterException.invalid(
                "plan", "unknown plan; known: " + String.join(", ", settings.planNames())));
        String planPrice = prices.priceOf(plan.name()).orElseThrow(() -> RosterException.invalid("plan",
                "the " + plan.name() + " plan cannot be bought" + (planName == null ? "; name a plan to buy" : "")));
        if (seats > 0 && !plan.extraSeats()) {
            throw RosterException.invalid("extraSeats", "the " + plan.name() + " plan has no extra seats");
        }
        if (plan.soldOnce()) {
            if (seats > 0) {
                throw RosterException.invalid("extraSeats", "the " + plan.name() + " plan is bought once, on its own;"
                        + " its extra seats are a subscription of their own, bought once the plan is held");
            }
            return new Offer(Mode.PAYMENT, List.of(LineItem.fixed(planPrice, 1)));
        }
        List<LineItem> items = new ArrayList<>(List.of(LineItem.fixed(planPrice, 1)));
        if (plan.extraSeats()) {
            items.add(new LineItem(extraSeatPrice(prices), seats, 0, MAX_EXTRA_SEATS));
        }
        return new Offer(Mode.SUBSCRIPTION, items);
    }

    /** The extra seats of the plan sold once that the org holds: a subscription of the extra-seat price alone. */
    private Offer seatsOfPlanHeld(Plan held, String planName, int seats, StripePrices prices) {
        if (planName != null && !held.name().equalsIgnoreCase(planName.trim())) {
            throw RosterException.invalid("plan", "this organization holds the " + held.name()
                    + " plan for good; only its extra seats can be bought");
        }
        if (!held.extraSeats()) {
            throw new RosterException(ErrorCode.PLAN_HAS_NO_EXTRA_SEATS, "The " + held.name()
                    + " plan, held for good, has no extra seats to buy.");
        }
        if (seats < 1) {
            throw RosterException.invalid("extraSeats", "must be at least 1: the " + held.name()
                    + " plan is held, so checkout buys its extra seats");
        }
        return new Offer(Mode.SUBSCRIPTION, List.of(new LineItem(extraSeatPrice(prices), seats, 1, MAX_EXTRA_SEATS)));
    }

    private static String extraSeatPrice(StripePrices prices) {
        return prices.extraSeatPrice().orElseThrow(() -> new RosterException(ErrorCode.BILLING_NOT_CONFIGURED,
                "No Stripe price for extra seats is configured."));
    }
}
