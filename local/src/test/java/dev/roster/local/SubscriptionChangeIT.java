package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PATCH /orgs/{orgId}/subscription}: the running subscription changed on Stripe (WireMock, answering with
 * Stripe's own object shapes), prorated and invoiced at once, then Stripe's answer applied as the webhook would apply
 * it, so the webhook that follows changes nothing. What Stripe receives is asserted field by field.
 */
class SubscriptionChangeIT {

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment(), clock).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    /** An org whose running subscription Stripe holds as {@code planPrice} with {@code extraSeats}. */
    private String subscribed(Fixture.Org org, String planPrice, long extraSeats) {
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", planPrice, extraSeats);
        ApiClient.Res applied = StripeEvents.deliver(api, StripeEvents.checkoutCompleted(StripeEvents.newId("evt"),
                subscription, org.id()), clock.instant());
        assertEquals("APPLIED", applied.str("result"), applied::toString);
        return subscription;
    }

    private ApiClient.Res change(Fixture.Org org, Map<String, ?> body) {
        return api.patch("/orgs/" + org.id() + "/subscription", org.owner(), body);
    }

    private Map<String, String> lastChange(String subscription) {
        List<Map<String, String>> forms = stripe.forms("POST", "/v1/subscriptions/" + subscription);
        return forms.get(forms.size() - 1);
    }

    private List<String> idempotencyKeys(String subscription) {
        return stripe.headers("POST", "/v1/subscriptions/" + subscription, "Idempotency-Key");
    }

    private int audits(Fixture.Org org) {
        return AuditLog.entries(stack.local(), org.id(), null).size();
    }

    @Test
    void aProOrgAtItsLimitBuysTwoSeatsThroughTheApiAndInvitesTwoMorePeople() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 0);
        for (int i = 0; i < 9; i++) {
            assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("team"), "MEMBER").status());
        }
        ApiClient.Res full = fx.invite(org, org.owner(), Fixture.uniqueEmail("eleventh"), "MEMBER");
        assertEquals(409, full.status(), full::toString);
        assertEquals("SEAT_LIMIT_REACHED", full.str("code"));
        assertEquals(true, full.at("extraSeatsPurchasable"), full::toString);
        assertEquals(Map.of("limit", 10, "used", 10, "pending", 9, "available", 0), full.at("seats"));

        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 2));
        ApiClient.Res bought = change(org, Map.of("extraSeats", 2));

        assertEquals(200, bought.status(), bought::toString);
        assertEquals(12, bought.num("seats.limit"));
        assertEquals(2, bought.num("seats.available"));
        assertEquals(Map.of("plan", "PRO", "source", "SUBSCRIPTION", "status", "ACTIVE", "extraSeats", 2),
                bought.at("billing"));
        Map<String, String> sent = lastChange(subscription);
        assertEquals(Map.of("items[0][price]", StripeApi.SEAT, "items[0][quantity]", "2",
                "proration_behavior", "always_invoice", "payment_behavior", "error_if_incomplete"), sent);
        assertTrue(idempotencyKeys(subscription).get(0).startsWith("subscription-" + org.id() + "-"),
                idempotencyKeys(subscription)::toString);
        assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("eleventh"), "MEMBER").status());
        assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("twelfth"), "MEMBER").status());
        assertEquals(12, fx.org(org).num("seats.used"));

        // Stripe's events about the change arrive afterwards and find the org already as Stripe holds it.
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 2);
        clock.advance(java.time.Duration.ofSeconds(1));
        ApiClient.Res webhook = StripeEvents.deliver(api, StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                "customer.subscription.updated", subscription, org.id(), "active", 2), clock.instant());
        assertEquals("UNCHANGED", webhook.str("result"), webhook::toString);
        ApiClient.Res invoice = StripeEvents.deliver(api, StripeEvents.invoiceEvent(StripeEvents.newId("evt"),
                "invoice.paid", subscription, org.id()), clock.instant());
        assertEquals("UNCHANGED", invoice.str("result"), invoice::toString);
    }

    @Test
    void seatsGoUpAndDownOnTheExtraSeatItemAndNeverBelowThoseInUse() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 3);
        String seatItem = StripeApi.itemId(subscription, StripeApi.SEAT);

        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 5));
        assertEquals(15, change(org, Map.of("extraSeats", 5)).num("seats.limit"));
        assertEquals(Map.of("items[0][id]", seatItem, "items[0][quantity]", "5", "proration_behavior", "always_invoice",
                "payment_behavior", "error_if_incomplete"), lastChange(subscription));

        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 5);
        for (int i = 0; i < 11; i++) {
            assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("crowd"), "MEMBER").status());
        }
        ApiClient.Res tooFew = change(org, Map.of("extraSeats", 1));
        assertEquals(409, tooFew.status(), tooFew::toString);
        assertEquals("SEATS_IN_USE", tooFew.str("code"));
        assertTrue(tooFew.str("detail").contains("uses 12 seats"), tooFew::toString);

        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 2));
        ApiClient.Res down = change(org, Map.of("extraSeats", 2));
        assertEquals(200, down.status(), down::toString);
        assertEquals(12, down.num("seats.limit"));
        assertEquals("2", lastChange(subscription).get("items[0][quantity]"));
        assertEquals(2, stripe.forms("POST", "/v1/subscriptions/" + subscription).size(), "the refusal reached no Stripe");
        List<String> keys = idempotencyKeys(subscription);
        assertNotEquals(keys.get(0), keys.get(1), "each request has its own idempotency key");
    }

    @Test
    void starterMovesToProWithItsPlanItemRepricedAndExtraSeatsAddedAndBackDroppingThem() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.STARTER, 0);

        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 2));
        ApiClient.Res pro = change(org, Map.of("plan", "PRO", "extraSeats", 2));

        assertEquals(200, pro.status(), pro::toString);
        assertEquals("PRO", pro.str("plan"));
        assertEquals(12, pro.num("seats.limit"));
        assertEquals(Map.of("items[0][id]", StripeApi.itemId(subscription, StripeApi.STARTER),
                "items[0][price]", StripeApi.PRO, "items[1][price]", StripeApi.SEAT, "items[1][quantity]", "2",
                "proration_behavior", "always_invoice", "payment_behavior", "error_if_incomplete"), lastChange(subscription));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").stream()
                .filter(e -> e.get("actor").s().equals(org.owner().sub())).count(), "audited as the caller's change");

        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 2);
        ApiClient.Res noSeatsOnStarter = change(org, Map.of("plan", "STARTER", "extraSeats", 1));
        assertEquals(409, noSeatsOnStarter.status(), noSeatsOnStarter::toString);
        assertEquals("PLAN_HAS_NO_EXTRA_SEATS", noSeatsOnStarter.str("code"));

        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.STARTER, 0));
        ApiClient.Res starter = change(org, Map.of("plan", "STARTER"));
        assertEquals(200, starter.status(), starter::toString);
        assertEquals(5, starter.num("seats.limit"));
        assertEquals(Map.of("items[0][id]", StripeApi.itemId(subscription, StripeApi.PRO),
                "items[0][price]", StripeApi.STARTER, "items[1][id]", StripeApi.itemId(subscription, StripeApi.SEAT),
                "items[1][deleted]", "true", "proration_behavior", "always_invoice",
                "payment_behavior", "error_if_incomplete"), lastChange(subscription));
    }

    @Test
    void withoutARunningSubscriptionTheAnswerIsToUseCheckout() {
        Fixture.Org org = fx.org("FREE", 0);
        ApiClient.Res res = change(org, Map.of("extraSeats", 2));
        assertEquals(409, res.status(), res::toString);
        assertEquals("NOT_SUBSCRIBED", res.str("code"));
        assertTrue(res.str("detail").contains("/billing/checkout"), res::toString);
    }

    @Test
    void badInputIs400AndReachesNoStripe() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 1);
        Map<String, Map<String, ?>> bodies = Map.of(
                "nothing to change", Map.of(),
                "unknown plan", Map.of("plan", "GOLD"),
                "a plan sold once", Map.of("plan", "FOUNDER"),
                "negative seats", Map.of("extraSeats", -1),
                "too many seats", Map.of("extraSeats", 1001),
                "unknown field", Map.of("extraSeats", 2, "coupon", "FREE"));
        bodies.forEach((why, body) -> {
            ApiClient.Res res = change(org, body);
            assertEquals(400, res.status(), () -> why + ": " + res);
        });
        assertTrue(stripe.forms("POST", "/v1/subscriptions/" + subscription).isEmpty());
    }

    @Test
    void aDeclinedProrationInvoiceIs402PaymentFailedAndChangesNothing() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 1);
        int audits = audits(org);
        stripe.changeDeclined(subscription);

        ApiClient.Res res = change(org, Map.of("extraSeats", 4));

        assertEquals(402, res.status(), res::toString);
        assertEquals("PAYMENT_FAILED", res.str("code"));
        assertTrue(res.str("detail").contains("Your card has insufficient funds."), res::toString);
        assertEquals(11, fx.org(org).num("seats.limit"));
        assertEquals(audits, audits(org));
    }

    @Test
    void aRateLimitingStripeIs503BillingUnavailableWithRetryAfterAndChangesNothing() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 1);
        stripe.changeRateLimited(subscription);

        ApiClient.Res res = change(org, Map.of("extraSeats", 4));

        assertEquals(503, res.status(), res::toString);
        assertEquals("BILLING_UNAVAILABLE", res.str("code"));
        assertEquals("5", res.header("Retry-After"));
        assertEquals(11, fx.org(org).num("seats.limit"));
        assertFalse(res.body().contains(StripeApi.API_KEY));
    }

    @Test
    void aStripeThatDoesNotAnswerInTimeIs503WithRetryAfterAndItsRetryCarriesTheSameIdempotencyKey() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, StripeApi.PRO, 1);
        stripe.changeTimesOut(subscription);

        ApiClient.Res res = change(org, Map.of("extraSeats", 4));

        assertEquals(503, res.status(), res::toString);
        assertEquals("BILLING_UNAVAILABLE", res.str("code"));
        assertEquals("5", res.header("Retry-After"));
        assertEquals(11, fx.org(org).num("seats.limit"));
        List<String> keys = idempotencyKeys(subscription);
        assertEquals(2, keys.size(), "stripe-java tried once more");
        assertEquals(keys.get(0), keys.get(1), "with the same key, so Stripe makes the change at most once");
    }
}
