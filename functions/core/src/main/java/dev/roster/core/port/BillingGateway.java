package dev.roster.core.port;

import java.util.List;
import java.util.Optional;

/**
 * The billing provider (Stripe). It knows the provider's wire formats and credentials; what an event, a payment or a
 * subscription means for an org is the use cases' to decide.
 * <p>
 * Every method may throw {@link dev.roster.core.error.RosterException}: {@code BILLING_UNAVAILABLE} when the provider
 * cannot answer now, {@code BILLING_NOT_CONFIGURED} when this deployment has no provider credentials.
 */
public interface BillingGateway {

    /**
     * Refuses at once, with {@code BILLING_NOT_CONFIGURED}, when this deployment bills nothing (it has no provider
     * credentials), so that every billing entry point says so before it does anything else.
     */
    void requireEnabled();

    /** A hosted checkout page: a new subscription, or a one-time payment; answers its URL. */
    String startCheckout(Checkout checkout);

    /** A hosted customer portal page (payment method, invoices, cancelling) for the customer; answers its URL. */
    String startPortal(String customerId, String returnUrl);

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

    /** The subscription as the provider holds it now; empty when the provider does not know it. */
    Optional<Subscription> subscription(String subscriptionId);

    /**
     * Changes a subscription's items on the provider, prorated and invoiced at once; nothing changes unless that
     * invoice is paid.
     *
     * @return the subscription as the provider holds it after the change
     * @throws dev.roster.core.error.RosterException {@code PAYMENT_FAILED} when the proration invoice cannot be paid
     */
    Subscription changeSubscription(SubscriptionChange change);

    /** A checkout session's one-time payment as the provider holds it now, with what it bought; empty when unknown. */
    Optional<Payment> checkoutPayment(String checkoutSessionId);

    /** The one-time payment a charge belongs to, as the provider holds it now; empty when unknown. */
    Optional<Payment> chargePayment(String chargeId);

    enum Mode {
        /** Monthly: the plan's price and, on plans with them, extra seats. */
        SUBSCRIPTION,
        /** One payment for a plan sold once. */
        PAYMENT
    }

    /**
     * @param lineItems      in subscription mode the plan's price once, then the extra-seat price (if any), or the
     *                       extra-seat price alone for the seats of a plan sold once; in payment mode the plan's price
     * @param customerId     the org's existing customer, or null for a new one with {@code customerEmail}
     * @param idempotencyKey the same key gives the same session when a request is retried
     */
    record Checkout(String orgId, Mode mode, List<LineItem> lineItems, String customerId, String customerEmail,
                    String successUrl, String cancelUrl, String idempotencyKey) {
    }

    /**
     * @param adjustableFrom the lowest quantity the buyer may choose on the checkout page; null: the quantity is fixed
     * @param adjustableUpTo the highest
     */
    record LineItem(String priceId, int quantity, Integer adjustableFrom, Integer adjustableUpTo) {

        public static LineItem fixed(String priceId, int quantity) {
            return new LineItem(priceId, quantity, null, null);
        }
    }

    /**
     * What an event says, as far as it matters here.
     *
     * @param subscriptionId    the subscription the event concerns, if any
     * @param orgIdHint         the org named by the event object itself (a checkout session's client reference, a
     *                          subscription's metadata), if any
     * @param checkoutSessionId the checkout session the event concerns, if any
     * @param chargeId          the charge the event concerns (a charge, or a refund of it), if any
     */
    record BillingEvent(String id, String type, String subscriptionId, String orgIdHint, String checkoutSessionId,
                        String chargeId) {
    }

    /** @param orgId the org from the subscription's {@code roster_org_id} metadata, if set */
    record Subscription(String id, String status, String customerId, String orgId, List<Item> items) {
    }

    /** @param id the subscription item's own id, which a change of the item names */
    record Item(String id, String priceId, long quantity) {
    }

    /**
     * @param items what to change; the subscription's other items stay as they are
     * @param idempotencyKey the same key gives the same change when a request is retried
     */
    record SubscriptionChange(String subscriptionId, List<ItemChange> items, String idempotencyKey) {
    }

    /** One item of a subscription change. */
    sealed interface ItemChange {
        /** The item bills another price (quantity unchanged). */
        record Reprice(String itemId, String priceId) implements ItemChange {
        }

        /** The item's quantity becomes {@code quantity}. */
        record Requantify(String itemId, long quantity) implements ItemChange {
        }

        /** A new item. */
        record Add(String priceId, long quantity) implements ItemChange {
        }

        /** The item goes. */
        record Remove(String itemId) implements ItemChange {
        }
    }

    enum PaymentState {
        /** Not paid yet (a delayed payment method still processing, say). */
        PENDING,
        PAID,
        /** Paid, then fully refunded. */
        REFUNDED
    }

    /**
     * A one-time payment.
     *
     * @param id       the payment's own id (a Stripe PaymentIntent)
     * @param orgId    the org named by the payment's metadata or its checkout session, if any
     * @param priceIds what it bought; empty when read from a charge, which does not say
     */
    record Payment(String id, String orgId, String customerId, PaymentState state, List<String> priceIds) {
    }
}
