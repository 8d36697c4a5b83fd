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

    static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1763800000,"
                + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    static String checkoutCompleted(String eventId, String subscriptionId, String orgId) {
        return event(eventId, "checkout.session.completed", "{\"id\":\"cs_" + eventId + "\",\"object\":\"checkout.session\","
                + "\"mode\":\"subscription\",\"client_reference_id\":\"" + orgId + "\",\"subscription\":\"" + subscriptionId + "\"}");
    }

    /** A subscription event whose object shows {@code seats} extra seats: Roster must not trust that snapshot. */
    static String subscriptionEvent(String eventId, String type, String subscriptionId, String orgId, String status, long seats) {
        return event(eventId, type, StripeApi.subscriptionJson(subscriptionId, orgId, status,
                Map.of(StripeApi.PRO, 1L, StripeApi.SEAT, seats)));
    }

    /** An invoice as API versions since 2025-03-31 render it: the subscription under parent.subscription_details. */
    static String invoiceEvent(String eventId, String type, String subscriptionId, String orgId) {
        return event(eventId, type, "{\"id\":\"in_" + eventId + "\",\"object\":\"invoice\",\"parent\":{\"type\":"
                + "\"subscription_details\",\"subscription_details\":{\"subscription\":\"" + subscriptionId + "\","
                + "\"metadata\":{\"roster_org_id\":\"" + orgId + "\"}}}}");
    }

    /** The envelope Stripe's Amazon EventBridge integration puts around an event. */
    static String eventBridge(String stripeEvent, String type) {
        return "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":\"" + type + "\","
                + "\"source\":\"aws.partner/stripe.com/ed_test_it\",\"account\":\"000000000000\","
                + "\"time\":\"2026-11-22T10:00:00Z\",\"region\":\"us-east-1\",\"resources\":[\"arn:aws:events:us-east-1::event-source/aws.partner/stripe.com/ed_test_it\"],"
                + "\"detail\":" + stripeEvent + "}";
    }
}
