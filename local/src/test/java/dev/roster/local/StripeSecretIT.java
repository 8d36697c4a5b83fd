package dev.roster.local;

import dev.roster.core.port.SecretStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Stripe keys come from a secret read at run time: a rotated secret is picked up without a restart (the keys are
 * read again when Stripe refuses the API key or a signature does not verify), and a deployment without a secret has
 * billing off, which every billing route says.
 */
class StripeSecretIT {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:roster/stripe-It";

    @RegisterExtension
    final LocalStack stacks = LocalStack.forEachTest();

    /** Secrets Manager's part: one secret, rotated by the test. */
    private static final class RotatingSecret implements SecretStore {
        private volatile String apiKey;
        private volatile String webhookSecret;
        private final AtomicInteger reads = new AtomicInteger();

        RotatingSecret(String apiKey, String webhookSecret) {
            rotate(apiKey, webhookSecret);
        }

        void rotate(String newApiKey, String newWebhookSecret) {
            apiKey = newApiKey;
            webhookSecret = newWebhookSecret;
        }

        @Override
        public String read(String secretId) {
            assertEquals(SECRET_ARN, secretId);
            reads.incrementAndGet();
            return "{\"apiKey\":\"" + apiKey + "\",\"webhookSecret\":\"" + webhookSecret + "\"}";
        }
    }

    @Test
    void aRotatedApiKeyAndWebhookSecretArePickedUpWithoutARestart() throws Exception {
        StripeApi stripe = new StripeApi();
        stacks.closing(stripe);
        MutableClock clock = new MutableClock(Instant.now());
        RotatingSecret secret = new RotatingSecret("sk_test_before", "whsec_before");
        LocalStack.Running running = stacks.start(Map.of("STRIPE_API_BASE", stripe.server.baseUrl(),
                "STRIPE_SECRET_ARN", SECRET_ARN, "ROSTER_STRIPE_PRICES", StripeApi.PRICES), clock, secret);
        Fixture.Org org = running.fixture().org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 1);
        String first = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        ApiClient.Res applied = StripeEvents.deliver(running.api(), first,
                StripeEvents.signature(first, "whsec_before", clock.instant().getEpochSecond()));
        assertEquals("APPLIED", applied.str("result"), applied::toString);
        assertEquals(1, secret.reads.get());

        // The key is rolled: Stripe refuses the old one from now on.
        secret.rotate("sk_test_after", "whsec_before");
        clock.advance(Duration.ofSeconds(31));
        stripe.server.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + subscription)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer sk_test_before"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(StripeFixtures.json(StripeFixtures.error("invalid_request_error", null, null,
                                "Invalid API Key provided: sk_test_****fore")))));
        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 3));

        ApiClient.Res changed = running.api().patch("/orgs/" + org.id() + "/subscription", org.owner(),
                Map.of("extraSeats", 3));

        assertEquals(200, changed.status(), changed::toString);
        assertEquals(13, changed.num("seats.limit"));
        assertEquals(2, secret.reads.get(), "read once more when Stripe refused the cached key");
        assertEquals("Bearer sk_test_after", stripe.headers("POST", "/v1/subscriptions/" + subscription,
                "Authorization").get(0));

        // The webhook secret is rolled: a delivery signed with the new one is accepted once the secret is read again.
        secret.rotate("sk_test_after", "whsec_after");
        clock.advance(Duration.ofSeconds(31));
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 3);
        String next = StripeEvents.invoiceEvent(StripeEvents.newId("evt"), "invoice.paid", subscription, org.id());
        ApiClient.Res signedAfter = StripeEvents.deliver(running.api(), next,
                StripeEvents.signature(next, "whsec_after", clock.instant().getEpochSecond()));
        assertEquals(200, signedAfter.status(), signedAfter::toString);
        assertEquals(3, secret.reads.get());
        ApiClient.Res signedBefore = StripeEvents.deliver(running.api(), next,
                StripeEvents.signature(next, "whsec_before", clock.instant().getEpochSecond()));
        assertEquals(400, signedBefore.status(), "the old secret no longer signs: " + signedBefore);
    }

    @Test
    void withoutASecretBillingIsOffAndEveryBillingRouteSaysSo() throws Exception {
        LocalStack.Running running = stacks.start(Map.of("STRIPE_SECRET_ARN", "", "ROSTER_STRIPE_PRICES", ""));
        Fixture.Org org = running.fixture().org("PRO", 2);
        ApiClient api = running.api();

        Map<String, ApiClient.Res> answers = Map.of(
                "checkout", api.post("/orgs/" + org.id() + "/billing/checkout", org.owner(), Map.of("plan", "PRO")),
                "subscription", api.patch("/orgs/" + org.id() + "/subscription", org.owner(), Map.of("extraSeats", 3)),
                "portal", api.post("/orgs/" + org.id() + "/billing/portal", org.owner(), (String) null),
                "webhook", StripeEvents.deliver(api, "{}", "t=1,v1=00"));

        answers.forEach((route, res) -> {
            assertEquals(503, res.status(), () -> route + ": " + res);
            assertEquals("BILLING_NOT_CONFIGURED", res.str("code"), route);
            assertTrue(res.str("detail").startsWith("Billing is off"), () -> route + ": " + res);
        });
        assertEquals(200, api.post("/_local/orgs/" + org.id() + "/plan", null, Map.of("plan", "STARTER")).status(),
                "the local plan route still applies plans");
    }
}
