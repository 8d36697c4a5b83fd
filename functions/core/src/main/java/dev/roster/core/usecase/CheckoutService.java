package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.config.StripePrices;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.BillingGateway.LineItem;
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
 * Starts buying a plan and extra seats: a Stripe Checkout session in subscription mode, tied to the org. Nothing
 * changes in Roster until Stripe reports the subscription (see {@link BillingService}).
 */
// Only where a billing gateway is: the seat-purchase function (and the local API). Every other function's
// context starts without one, and Lambda contexts create their singletons eagerly.
@Requires(beans = BillingGateway.class)
@Singleton
public class CheckoutService {

    /** The tool permission that lets a member who is not owner or admin buy for the org. */
    public static final String BILLING_PERMISSION = "billing";
    /** The most extra seats one checkout offers. */
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
     * @param extraSeats null for none; the buyer can still change the number on the checkout page
     * @return the checkout page's URL
     */
    public String start(Caller caller, String orgId, String planName, Integer extraSeats, String requestId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
        Member member = Access.requireMember(snapshot, clock.instant());
        if (!member.role().impliesAllPermissions() && !member.permissions().contains(BILLING_PERMISSION)) {
            throw new RosterException(ErrorCode.FORBIDDEN,
                    "Buying needs the owner, an admin or the " + BILLING_PERMISSION + " permission.");
        }
        presence.seen(member);
        Org org = snapshot.org().orElseThrow();
        if (org.billing().subscribed()) {
            throw new RosterException(ErrorCode.ALREADY_SUBSCRIBED, "This organization already has subscription "
                    + org.billing().subscriptionId() + " (" + org.billing().status()
                    + "); change its plan or seats in Stripe's customer portal.");
        }
        Plan plan = settings.plan(planName == null ? org.plan() : planName).orElseThrow(() -> RosterException.invalid(
                "plan", "unknown plan; known: " + String.join(", ", settings.planNames())));
        StripePrices prices = settings.stripePrices();
        String planPrice = prices.priceOf(plan.name()).orElseThrow(() -> RosterException.invalid("plan",
                "the " + plan.name() + " plan cannot be bought" + (planName == null ? "; name a plan to buy" : "")));
        int seats = extraSeats == null ? 0 : extraSeats;
        if (seats < 0 || seats > MAX_EXTRA_SEATS) {
            throw RosterException.invalid("extraSeats", "must be between 0 and " + MAX_EXTRA_SEATS);
        }
        if (seats > 0 && !plan.extraSeats()) {
            throw RosterException.invalid("extraSeats", "the " + plan.name() + " plan has no extra seats");
        }
        List<LineItem> items = new ArrayList<>(List.of(new LineItem(planPrice, 1, null)));
        if (plan.extraSeats()) {
            String seatPrice = prices.extraSeatPrice().orElseThrow(() -> new RosterException(
                    ErrorCode.BILLING_NOT_CONFIGURED, "No Stripe price for extra seats is configured."));
            items.add(new LineItem(seatPrice, seats, MAX_EXTRA_SEATS));
        }
        String returnTo = settings.billingUrl(orgId);
        String url = gateway.startCheckout(new BillingGateway.Checkout(orgId, items, org.billing().customerId(),
                org.billing().customerId() == null ? member.email().value() : null,
                returnTo + "?checkout=success&session_id={CHECKOUT_SESSION_ID}", returnTo + "?checkout=cancelled",
                "checkout-" + orgId + "-" + requestId));
        LOG.info("Checkout for org {} started by {}: plan {} with {} extra seats", orgId, caller.userId(), plan.name(), seats);
        return url;
    }
}
