package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.BillingGateway.ItemChange;
import dev.roster.core.port.BillingGateway.Subscription;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Changes an org's running subscription on Stripe (its plan, or its extra seats), prorated and charged at once, then
 * applies the subscription Stripe answers with through {@link BillingService}, as the webhook that follows would; that
 * webhook then finds nothing to change.
 * <p>
 * The caller's authority is checked before Stripe is asked, and is not repeated in the transaction that follows:
 * that transaction records what Stripe now holds, which the webhook would record without any caller.
 */
// Only where a billing gateway is: the seat-purchase function (and the local API).
@Requires(beans = BillingGateway.class)
@Singleton
public class SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final BillingGateway gateway;
    private final BillingService billing;
    private final Presence presence;
    private final Clock clock;

    public SubscriptionService(RosterStore store, RosterSettings settings, BillingGateway gateway, BillingService billing,
                               Presence presence, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.gateway = gateway;
        this.billing = billing;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * @param planName   null keeps the plan
     * @param extraSeats null keeps the extra seats (none on a plan without them)
     * @return the org as it is once Stripe's answer is applied
     */
    public Org change(Caller caller, String orgId, String planName, Integer extraSeats, String requestId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
        Member member = Access.requirePermission(snapshot, CheckoutService.BILLING_PERMISSION, clock.instant());
        presence.seen(member);
        Org org = snapshot.org().orElseThrow();
        if (!org.billing().subscribed()) {
            throw notSubscribed(orgId, "This organization has no running subscription to change");
        }
        Subscription current = gateway.subscription(org.billing().subscriptionId())
                .orElseThrow(() -> notSubscribed(orgId, "Stripe no longer knows subscription "
                        + org.billing().subscriptionId()));
        List<ItemChange> items = SubscriptionEdit.decide(current, org, settings, planName, extraSeats);
        if (items.isEmpty()) {
            return org;
        }
        Subscription changed = gateway.changeSubscription(new BillingGateway.SubscriptionChange(current.id(), items,
                "subscription-" + orgId + "-" + requestId));
        LOG.info("Subscription {} of org {} changed by {}: {}", current.id(), orgId, caller.userId(), items);
        return billing.applyChangedSubscription(org, changed, clock.instant(), caller.userId(), requestId);
    }

    private static RosterException notSubscribed(String orgId, String why) {
        return new RosterException(ErrorCode.NOT_SUBSCRIBED, why + "; buy a plan with POST /orgs/" + orgId
                + "/billing/checkout.");
    }
}
