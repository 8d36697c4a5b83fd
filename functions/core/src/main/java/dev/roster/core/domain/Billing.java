package dev.roster.core.domain;

import java.time.Instant;

/**
 * How an org pays for its plan: its Stripe subscription as last read, and the plan it bought once, if any.
 *
 * @param status         {@code NONE} before any subscription, else the subscription's status upper-cased
 *                       ({@code ACTIVE}, {@code TRIALING}, {@code PAST_DUE}, {@code CANCELED}, ...)
 * @param customerId     the Stripe customer paying for the org, once known
 * @param subscriptionId the subscription whose state the org carries, once known
 * @param syncedAt       when that state was read from Stripe; a state read earlier never replaces it
 * @param source         what the org's plan is held by
 * @param oneTime        the plan sold once that the org holds, or null
 */
public record Billing(String status, String customerId, String subscriptionId, Instant syncedAt, PlanSource source,
                      OneTimePlan oneTime) {

    public static final String NONE = "NONE";

    public static Billing none() {
        return new Billing(NONE, null, null, null, PlanSource.DEFAULT, null);
    }

    /** Whether a subscription is running (in any state short of ended), so a second checkout would duplicate it. */
    public boolean subscribed() {
        return subscriptionId != null && running();
    }

    /** Whether the subscription state the org carries still counts: there is one, and it has not ended. */
    public boolean running() {
        return !NONE.equals(status) && !BillingStatus.ended(status);
    }

    public Billing withOneTime(OneTimePlan held, PlanSource newSource) {
        return new Billing(status, customerId, subscriptionId, syncedAt, newSource, held);
    }
}
