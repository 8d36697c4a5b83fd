package dev.roster.local;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe events as Stripe sends them, and their {@code Stripe-Signature} header made with Stripe's scheme
 * (HMAC-SHA256 of {@code "<timestamp>.<raw body>"} with the endpoint secret, hex, as {@code t=...,v1=...}),
 * written here independently of the library that checks it.
 */
final class StripeEvents {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private StripeEvents() {
    }

    static String newId(String prefix) {
        return prefix + "_it" + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime(), 36);
    }

    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers {@code payload} to the webhook as Stripe would, signed at {@code signedAt}. */
    static ApiClient.Res deliver(ApiClient api, String payload, java.time.Instant signedAt) {
        return deliver(api, payload, signature(payload, StripeApi.WEBHOOK_SECRET, signedAt.getEpochSecond()));
    }

    /** Delivers {@code payload} with {@code signatureHeader} as it is; null sends none. */
    static ApiClient.Res deliver(ApiClient api, String payload, String signatureHeader) {
        Map<String, String> headers = signatureHeader == null ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "stripe-signature", signatureHeader);
        return api.send("POST", "/webhooks/stripe", null, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** An event around {@code object}, as Stripe renders events (the fixtures' event shape). */
    static String event(String id, String type, Object object) {
        return StripeFixtures.json(StripeFixtures.event(id, type, object));
    }

    /** An event around an object given as JSON text. */
    static String event(String id, String type, String objectJson) {
        try {
            return event(id, type, (Object) io.micronaut.json.JsonMapper.createDefault().readValue(objectJson,
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subscription-mode checkout session completed: it names its subscription and its org. */
    static String checkoutCompleted(String eventId, String subscriptionId, String orgId) {
        return event(eventId, "checkout.session.completed", (Object) StripeFixtures.checkoutSession("cs_" + eventId,
                "subscription", orgId, subscriptionId, null, "paid", null));
    }

    /** A payment-mode checkout session completed (or its delayed payment succeeded): it names no subscription. */
    static String paymentCompleted(String eventId, String type, String sessionId, String orgId, String paymentIntentId) {
        return event(eventId, type, (Object) StripeFixtures.checkoutSession(sessionId, "payment", orgId, null,
                paymentIntentId, "paid", null));
    }

    /** A subscription event whose object shows {@code seats} extra seats: Roster must not trust that snapshot. */
    static String subscriptionEvent(String eventId, String type, String subscriptionId, String orgId, String status, long seats) {
        return event(eventId, type, (Object) StripeFixtures.subscription(subscriptionId, orgId, status,
                Map.of(StripeApi.PRO, 1L, StripeApi.SEAT, seats)));
    }

    /** An invoice as API versions since 2025-03-31 render it: the subscription under parent.subscription_details. */
    static String invoiceEvent(String eventId, String type, String subscriptionId, String orgId) {
        return event(eventId, type, (Object) StripeFixtures.invoice("in_" + eventId, subscriptionId, orgId));
    }

    /** {@code charge.refunded}: the charge as it was when refunded. */
    static String chargeRefunded(String eventId, String chargeId, String paymentIntentId) {
        return event(eventId, "charge.refunded", (Object) StripeFixtures.charge(chargeId, paymentIntentId, true));
    }

    /** {@code refund.created} or {@code refund.updated}: a refund of the charge. */
    static String refundEvent(String eventId, String type, String chargeId, String paymentIntentId) {
        return event(eventId, type, (Object) StripeFixtures.refund("re_" + eventId, chargeId, paymentIntentId));
    }

    /** The envelope Stripe's Amazon EventBridge integration puts around an event. */
    static String eventBridge(String stripeEvent, String type) {
        return "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":\"" + type + "\","
                + "\"source\":\"aws.partner/stripe.com/ed_test_it\",\"account\":\"000000000000\","
                + "\"time\":\"2026-11-22T10:00:00Z\",\"region\":\"us-east-1\",\"resources\":[\"arn:aws:events:us-east-1::event-source/aws.partner/stripe.com/ed_test_it\"],"
                + "\"detail\":" + stripeEvent + "}";
    }
}
