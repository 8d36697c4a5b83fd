package dev.roster.core.port;

import java.util.List;
import java.util.Optional;

/**
 * The billing provider (Stripe). It knows the provider's wire formats and credentials; what an event or a
 * subscription means for an org is the use cases' to decide.
 */
public interface BillingGateway {

    /** A hosted checkout page for a new subscription; answers its URL. */
    String startCheckout(Checkout checkout);

    /**
     * Authenticates a webhook delivery by its signature over the raw body and reads the event in it.
     *
     * @throws dev.roster.core.error.RosterException {@code INVALID_SIGNATURE} when the signature is missing, wrong
     *                                               or too old, or the body is not an event
     */
    BillingEvent verifiedEvent(byte[] payload, String signatureHeader);

    /**
     * Reads an event that arrived through a channel that authenticates the provider itself (the provider's
     * EventBridge partner event source), where there is no signature to check.
     */
    BillingEvent trustedEvent(String eventJson);

    /**
     * The subscription as the provider holds it now; empty when the provider does not know it.
     *
     * @throws dev.roster.core.error.RosterException {@code BILLING_UNAVAILABLE} when the provider cannot answer now
     */
    Optional<Subscription> subscription(String subscriptionId);

    /**
     * @param lineItems     the plan's price once, then the extra-seat price (if any)
     * @param customerId    the org's existing customer, or null for a new one with {@code customerEmail}
     * @param idempotencyKey the same key gives the same session when a request is retried
     */
    record Checkout(String orgId, List<LineItem> lineItems, String customerId, String customerEmail,
                    String successUrl, String cancelUrl, String idempotencyKey) {
    }

    /** @param adjustableUpTo the buyer may change the quantity between 0 and this on the checkout page; null: fixed */
    record LineItem(String priceId, int quantity, Integer adjustableUpTo) {
    }

    /**
     * What an event says, as far as it matters here.
     *
     * @param subscriptionId the subscription the event concerns, if any
     * @param orgIdHint      the org named by the event object itself (a checkout session's client reference, a
     *                       subscription's metadata), if any
     */
    record BillingEvent(String id, String type, String subscriptionId, String orgIdHint) {
    }

    /** @param orgId the org from the subscription's {@code roster_org_id} metadata, if set */
    record Subscription(String id, String status, String customerId, String orgId, List<Item> items) {
    }

    record Item(String priceId, long quantity) {
    }
}
