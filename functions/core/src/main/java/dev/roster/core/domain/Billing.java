package dev.roster.core.domain;

import java.time.Instant;

/**
 * An org's billing as Stripe last reported it.
 *
 * @param status         {@code NONE} before any subscription, else the subscription's status upper-cased
 *                       ({@code ACTIVE}, {@code TRIALING}, {@code PAST_DUE}, {@code CANCELED}, ...)
 * @param customerId     the Stripe customer paying for the org, once known
 * @param subscriptionId the subscription whose state the org carries, once known
 * @param syncedAt       when that state was read from Stripe; a state read earlier never replaces it
 */
public record Billing(String status, String customerId, String subscriptionId, Instant syncedAt) {

    public static final String NONE = "NONE";

    public static Billing none() {
        return new Billing(NONE, null, null, null);
    }

    /** Whether a subscription is running (in any state short of ended), so a second checkout would duplicate it. */
    public boolean subscribed() {
        return subscriptionId != null && !BillingStatus.ended(status);
    }
}
