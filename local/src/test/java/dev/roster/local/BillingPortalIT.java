package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /orgs/{orgId}/billing/portal}: Stripe's customer portal for the org's customer, back to its billing page. */
class BillingPortalIT {

    private static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_it";
    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment()).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @Test
    void theOrgsCustomerGetsAPortalSessionReturningToTheBillingPage() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 0);
        StripeEvents.deliver(api, StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id()),
                Instant.now());
        stripe.portalAnswers(PORTAL_URL);

        ApiClient.Res res = api.post("/orgs/" + org.id() + "/billing/portal", org.owner(), (String) null);

        assertEquals(200, res.status(), res::toString);
        assertEquals(Map.of("url", PORTAL_URL), res.map());
        Map<String, String> form = stripe.forms("POST", "/v1/billing_portal/sessions").get(0);
        assertEquals(Map.of("customer", "cus_" + subscription,
                "return_url", stack.local().baseUri() + "/orgs/" + org.id() + "/billing"), form);
    }

    @Test
    void anOrgWithoutAStripeCustomerIsToldToBuyFirst() {
        Fixture.Org org = fx.org("FREE", 0);
        ApiClient.Res res = api.post("/orgs/" + org.id() + "/billing/portal", org.owner(), (String) null);
        assertEquals(409, res.status(), res::toString);
        assertEquals("NOT_SUBSCRIBED", res.str("code"));
        assertTrue(res.str("detail").contains("/billing/checkout"), res::toString);
    }

    @Test
    void aBodyIsRefused() {
        Fixture.Org org = fx.org("FREE", 0);
        ApiClient.Res res = api.post("/orgs/" + org.id() + "/billing/portal", org.owner(), Map.of("returnUrl", "https://evil.example"));
        assertEquals(400, res.status(), res::toString);
    }
}
