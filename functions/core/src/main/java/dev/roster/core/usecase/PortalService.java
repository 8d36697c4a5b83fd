package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Opens Stripe's customer portal for the org's customer (payment method, invoices, cancelling), returning to the
 * front end's billing page. What the customer changes there reaches Roster as Stripe's events.
 */
// Only where a billing gateway is: the seat-purchase function (and the local API).
@Requires(beans = BillingGateway.class)
@Singleton
public class PortalService {

    private final RosterStore store;
    private final RosterSettings settings;
    private final BillingGateway gateway;
    private final Presence presence;
    private final Clock clock;

    public PortalService(RosterStore store, RosterSettings settings, BillingGateway gateway, Presence presence,
                         Clock clock) {
        this.store = store;
        this.settings = settings;
        this.gateway = gateway;
        this.presence = presence;
        this.clock = clock;
    }

    /** @return the portal page's URL */
    public String open(Caller caller, String orgId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
        Member member = Access.requirePermission(snapshot, CheckoutService.BILLING_PERMISSION, clock.instant());
        presence.seen(member);
        Org org = snapshot.org().orElseThrow();
        if (org.billing().customerId() == null) {
            throw new RosterException(ErrorCode.NOT_SUBSCRIBED, "This organization has no Stripe customer yet; buy a"
                    + " plan with POST /orgs/" + orgId + "/billing/checkout first.");
        }
        return gateway.startPortal(org.billing().customerId(), settings.billingUrl(orgId));
    }
}
