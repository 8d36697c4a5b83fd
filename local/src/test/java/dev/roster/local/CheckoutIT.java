package dev.roster.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting a Stripe Checkout session, with WireMock as the Stripe API receiving what stripe-java sends. */
class CheckoutIT {

    private static final String SESSION_URL = "https://checkout.stripe.com/c/pay/cs_test_it";

    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment()).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @BeforeEach
    void reset() {
        stripe.server.resetAll();
        stripe.checkoutAnswers(SESSION_URL);
    }

    private ApiClient.Res checkout(Fixture.Org org, ApiClient.User by, Map<String, ?> body) {
        return api.post("/orgs/" + org.id() + "/billing/checkout", by, body);
    }

    @Test
    void checkoutIsASubscriptionSessionTiedToTheOrgWithAdjustableExtraSeats() {
        Fixture.Org org = fx.org("FREE", 0);

        ApiClient.Res res = checkout(org, org.owner(), Map.of("plan", "PRO", "extraSeats", 3));

        assertEquals(200, res.status(), res::toString);
        assertEquals(SESSION_URL, res.str("url"));
        Map<String, String> form = stripe.checkoutForms().get(0);
        assertEquals("subscription", form.get("mode"));
        assertEquals(org.id(), form.get("client_reference_id"));
        assertEquals(org.id(), form.get("metadata[roster_org_id]"));
        assertEquals(org.id(), form.get("subscription_data[metadata][roster_org_id]"));
        assertEquals(StripeApi.PRO, form.get("line_items[0][price]"));
        assertEquals("1", form.get("line_items[0][quantity]"));
        assertEquals(StripeApi.SEAT, form.get("line_items[1][price]"));
        assertEquals("3", form.get("line_items[1][quantity]"));
        assertEquals("true", form.get("line_items[1][adjustable_quantity][enabled]"));
        assertEquals("0", form.get("line_items[1][adjustable_quantity][minimum]"));
        String base = stack.local().baseUri().toString();
        assertEquals(base + "/orgs/" + org.id() + "/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}",
                form.get("success_url"));
        assertEquals(base + "/orgs/" + org.id() + "/billing?checkout=cancelled", form.get("cancel_url"));
        assertEquals(org.owner().email(), form.get("customer_email"));
        assertEquals("Bearer " + StripeApi.API_KEY, stripe.checkoutHeaders("Authorization").get(0));
        assertNotNull(stripe.checkoutHeaders("Idempotency-Key").get(0));
    }

    @Test
    void aPlanWithoutExtraSeatsHasOnlyItsOwnPrice() {
        Fixture.Org org = fx.org("FREE", 0);
        ApiClient.Res res = checkout(org, org.owner(), Map.of("plan", "STARTER"));
        assertEquals(200, res.status(), res::toString);
        Map<String, String> form = stripe.checkoutForms().get(0);
        assertEquals(StripeApi.STARTER, form.get("line_items[0][price]"));
        assertFalse(form.containsKey("line_items[1][price]"), form::toString);
    }

    @Test
    void aMemberWithTheBillingPermissionMayBuyAndOneWithoutMayNot() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User buyer = fx.member(org, "buyer", "MEMBER");
        ApiClient.User other = fx.member(org, "other", "MEMBER");
        ApiClient.Res granted = api.patch(Fixture.memberPath(org, buyer), org.owner(), Map.of("permissions", List.of("billing")));
        assertEquals(200, granted.status(), granted::toString);

        assertEquals(200, checkout(org, buyer, Map.of("plan", "PRO")).status());
        ApiClient.Res refused = checkout(org, other, Map.of("plan", "PRO"));
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("FORBIDDEN", refused.str("code"));
        assertEquals(1, stripe.checkoutForms().size(), "only the permitted checkout reached Stripe");
    }

    @Test
    void badInputIs400AndReachesNeitherStripeNorTheTable() {
        Fixture.Org org = fx.org("FREE", 0);
        Map<String, Map<String, ?>> bodies = Map.of(
                "unknown plan", Map.of("plan", "GOLD"),
                "a plan without a price", Map.of("plan", "ENTERPRISE"),
                "the default plan and no plan named", Map.of(),
                "extra seats on a plan without them", Map.of("plan", "STARTER", "extraSeats", 2),
                "negative seats", Map.of("plan", "PRO", "extraSeats", -1),
                "too many seats", Map.of("plan", "PRO", "extraSeats", 1001),
                "seats as text", Map.of("plan", "PRO", "extraSeats", "three"),
                "unknown field", Map.of("plan", "PRO", "coupon", "FREE100"));
        int audits = AuditLog.entries(stack.local(), org.id(), null).size();

        bodies.forEach((why, body) -> {
            ApiClient.Res res = checkout(org, org.owner(), body);
            assertEquals(400, res.status(), () -> why + ": " + res);
            assertTrue(res.header("content-type").startsWith("application/problem+json"), why);
        });
        ApiClient.Res malformed = api.post("/orgs/" + org.id() + "/billing/checkout", org.owner(), "{\"plan\":");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_JSON", malformed.str("code"));
        assertEquals(0, stripe.checkoutForms().size());
        assertEquals(audits, AuditLog.entries(stack.local(), org.id(), null).size());
    }

    @Test
    void anOrgWithARunningSubscriptionIsSentToChangeItInsteadOfBuyingASecond() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 1);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        ApiClient.Res applied = StripeEvents.deliver(api, payload, java.time.Instant.now());
        assertEquals("APPLIED", applied.str("result"), applied::toString);

        ApiClient.Res res = checkout(org, org.owner(), Map.of("plan", "FOUNDER"));

        assertEquals(409, res.status(), res::toString);
        assertEquals("ALREADY_SUBSCRIBED", res.str("code"));
        assertEquals(0, stripe.checkoutForms().size());
    }

    @Test
    void whenStripeFailsCheckoutIs503() {
        stripe.server.resetAll();
        stripe.checkoutFails();
        Fixture.Org org = fx.org("FREE", 0);
        ApiClient.Res res = checkout(org, org.owner(), Map.of("plan", "PRO"));
        assertEquals(503, res.status(), res::toString);
        assertEquals("BILLING_UNAVAILABLE", res.str("code"));
        assertFalse(res.body().contains("sk_test"), "the key never reaches a response");
    }
}
