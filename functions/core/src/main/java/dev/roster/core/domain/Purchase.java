package dev.roster.core.domain;

import java.time.Instant;

/**
 * A plan sold once, bought with one payment. A purchase is recorded once, when the payment is complete; a full
 * refund is final, so a refunded purchase never holds its plan again.
 *
 * @param paymentId  the provider's payment (a Stripe PaymentIntent id)
 * @param refundedAt null until the payment is fully refunded
 */
public record Purchase(String orgId, String paymentId, String plan, Status status, Instant paidAt, Instant refundedAt) {

    public enum Status { PAID, REFUNDED }

    public static Purchase paid(String orgId, String paymentId, String plan, Instant at) {
        return new Purchase(orgId, paymentId, plan, Status.PAID, at, null);
    }
}
