package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Stripe webhook and Stripe's EventBridge events against WireMock as the Stripe API: signatures checked
 * with Stripe's scheme, each event applied once, the subscription's current state applied whatever the order.
 */
class SeatPurchaseIT {

    private static final String EVENT_BRIDGE_HANDLER = "dev.roster.seats.SeatPurchaseFunction";

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment(), clock).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private ApiClient.Res deliver(String payload) {
        return StripeEvents.deliver(api, payload, clock.instant());
    }

    private ApiClient.Res deliver(String payload, String signature) {
        return StripeEvents.deliver(api, payload, signature);
    }

    /** An org subscribed to PRO with {@code extraSeats}, through a checkout-completed webhook. */
    private String subscribed(Fixture.Org org, long extraSeats) {
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, extraSeats);
        ApiClient.Res res = deliver(StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id()));
        assertEquals(200, res.status(), res::toString);
        assertEquals("APPLIED", res.str("result"), res::toString);
        return subscription;
    }

    private int audits(Fixture.Org org) {
        return AuditLog.entries(stack.local(), org.id(), null).size();
    }

    @Test
    void aBadMissingOrStaleSignatureOrABodyAlteredAfterSigningIs400AndChangesNothing() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 4);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        long now = clock.instant().getEpochSecond();
        int auditsBefore = audits(org);
        int stripeRequestsBefore = stripe.requests();

        Map<String, ApiClient.Res> refused = Map.of(
                "missing", deliver(payload, null),
                "other secret", deliver(payload, StripeEvents.signature(payload, "whsec_someone_else", now)),
                "garbage", deliver(payload, "t=" + now + ",v1=00ff"),
                "stale", deliver(payload, StripeEvents.signature(payload, StripeApi.WEBHOOK_SECRET, now - 301)),
                "altered body", deliver(payload.replace(org.id(), org.id() + "x"),
                        StripeEvents.signature(payload, StripeApi.WEBHOOK_SECRET, now)));

        refused.forEach((why, res) -> {
            assertEquals(400, res.status(), () -> why + ": " + res);
            assertEquals("INVALID_SIGNATURE", res.str("code"), why);
            assertTrue(res.header("content-type").startsWith("application/problem+json"), why);
        });
        assertEquals("FREE", fx.org(org).str("plan"));
        assertEquals(auditsBefore, audits(org));
        assertEquals(stripeRequestsBefore, stripe.requests(), "nothing unauthenticated reaches the Stripe API");

        ApiClient.Res withinTolerance = deliver(payload, StripeEvents.signature(payload, StripeApi.WEBHOOK_SECRET, now - 290));
        assertEquals("APPLIED", withinTolerance.str("result"), withinTolerance::toString);
        assertEquals("PRO", fx.org(org).str("plan"));
    }

    @Test
    void aBodyApiGatewayPassesBase64EncodedIsDecodedBeforeItsSignatureIsChecked() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.STARTER, 0);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        // With a content type API Gateway does not treat as text, the function receives the body base64-encoded.
        ApiClient.Res res = api.send("POST", "/webhooks/stripe", null, payload.getBytes(StandardCharsets.UTF_8), Map.of(
                "content-type", "application/octet-stream",
                "stripe-signature", StripeEvents.signature(payload, StripeApi.WEBHOOK_SECRET, clock.instant().getEpochSecond())));
        assertEquals("APPLIED", res.str("result"), res::toString);
        assertEquals("STARTER", fx.org(org).str("plan"));
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIs400() {
        String payload = "{\"hello\":\"world\"}";
        ApiClient.Res res = deliver(payload);
        assertEquals(400, res.status(), res::toString);
        assertEquals("MALFORMED_JSON", res.str("code"));
    }

    @Test
    void oneEventDeliveredFiveTimesAppliesOnce() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 5);
        String payload = StripeEvents.subscriptionEvent(StripeEvents.newId("evt"), "customer.subscription.created",
                subscription, org.id(), "active", 5);

        List<String> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiClient.Res res = deliver(payload);
            assertEquals(200, res.status(), res::toString);
            results.add(res.str("result"));
        }

        assertEquals(List.of("APPLIED", "DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE"), results);
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").size());
        ApiClient.Res now = fx.org(org);
        assertEquals(5, now.num("extraSeats"));
        assertEquals(15, now.num("seats.limit"));
    }

    @Test
    void oneEventDeliveredFiveTimesAtOnceAppliesOnce() throws Exception {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.FOUNDER, 2);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());

        List<ApiClient.Res> responses = concurrently(5, () -> deliver(payload));

        responses.forEach(res -> assertEquals(200, res.status(), res::toString));
        assertEquals(1, responses.stream().filter(r -> "APPLIED".equals(r.str("result"))).count(), responses::toString);
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").size());
        assertEquals("FOUNDER", fx.org(org).str("plan"));
        assertEquals(27, fx.org(org).num("seats.limit"));
    }

    @Test
    void everyOrderOfTheFourEventsEndsAtEightExtraSeats() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        assertEquals(24, orders.size());
        for (List<Integer> order : orders) {
            Fixture.Org org = fx.org("FREE", 0);
            String subscription = StripeEvents.newId("sub");
            // By the time the events arrive, Stripe holds the subscription as it is after all four.
            stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 8);
            List<String> events = List.of(
                    StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id()),
                    StripeEvents.subscriptionEvent(StripeEvents.newId("evt"), "customer.subscription.updated", subscription,
                            org.id(), "active", 5),
                    StripeEvents.invoiceEvent(StripeEvents.newId("evt"), "invoice.paid", subscription, org.id()),
                    StripeEvents.subscriptionEvent(StripeEvents.newId("evt"), "customer.subscription.updated", subscription,
                            org.id(), "active", 8));

            for (int index : order) {
                ApiClient.Res res = deliver(events.get(index));
                assertEquals(200, res.status(), () -> order + ": " + res);
            }

            ApiClient.Res after = fx.org(org);
            assertEquals(8, after.num("extraSeats"), () -> "order " + order + ": " + after);
            assertEquals("PRO", after.str("plan"));
            assertEquals(18, after.num("seats.limit"));
            assertEquals("ACTIVE", after.str("billingStatus"));
            assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").size(), () -> "order " + order);
        }
    }

    @Test
    void aStateReadEarlierNeverReplacesOneReadLater() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 8);
        deliver(StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id()));

        // A delivery that read Stripe a minute before the state already applied was read.
        clock.advance(Duration.ofMinutes(-1));
        try {
            stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 5);
            ApiClient.Res res = deliver(StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                    "customer.subscription.updated", subscription, org.id(), "active", 5));
            assertEquals("SUPERSEDED", res.str("result"), res::toString);
        } finally {
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(8, fx.org(org).num("extraSeats"));
    }

    @Test
    void aFailedPaymentKeepsThePlanAndShowsPastDue() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, 3);
        stripe.subscription(subscription, org.id(), "past_due", StripeApi.PRO, 3);

        ApiClient.Res res = deliver(StripeEvents.invoiceEvent(StripeEvents.newId("evt"), "invoice.payment_failed",
                subscription, org.id()));

        assertEquals("APPLIED", res.str("result"), res::toString);
        ApiClient.Res after = fx.org(org);
        assertEquals("PAST_DUE", after.str("billingStatus"));
        assertEquals("PRO", after.str("plan"));
        assertEquals(13, after.num("seats.limit"));
        var entries = AuditLog.entries(stack.local(), org.id(), "billing.status_changed");
        assertEquals(1, entries.size());
        assertEquals("system:stripe", entries.get(0).get("actor").s());
    }

    @Test
    void aCancelledSubscriptionReturnsTheOrgToTheDefaultPlan() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, 3);
        stripe.subscription(subscription, org.id(), "canceled", StripeApi.PRO, 3);

        ApiClient.Res res = deliver(StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                "customer.subscription.deleted", subscription, org.id(), "canceled", 3));

        assertEquals("APPLIED", res.str("result"), res::toString);
        ApiClient.Res after = fx.org(org);
        assertEquals("FREE", after.str("plan"));
        assertEquals(0, after.num("extraSeats"));
        assertEquals("CANCELED", after.str("billingStatus"));
        ApiClient.Res invite = fx.invite(org, org.owner(), Fixture.uniqueEmail("late"), "MEMBER");
        assertEquals(403, invite.status(), invite::toString);
        assertEquals("PLAN_DOES_NOT_ALLOW_INVITES", invite.str("code"));
    }

    @Test
    void theEndOfAnOlderSubscriptionDoesNotTouchTheOrgsCurrentOne() {
        Fixture.Org org = fx.org("FREE", 0);
        String older = StripeEvents.newId("sub");
        stripe.subscription(older, org.id(), "canceled", StripeApi.PRO, 0);
        String current = subscribed(org, 2);

        ApiClient.Res res = deliver(StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                "customer.subscription.deleted", older, org.id(), "canceled", 0));

        assertEquals("IGNORED", res.str("result"), res::toString);
        assertEquals("PRO", fx.org(org).str("plan"));
        assertEquals(2, fx.org(org).num("extraSeats"));
        assertTrue(current.startsWith("sub_"));
    }

    @Test
    void seatsDroppingBelowThoseInUseBlockInvitationsAndRemoveNobody() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = subscribed(org, 3);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        for (int i = 0; i < 11; i++) {
            assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("crowd"), "MEMBER").status());
        }
        assertEquals(13, fx.org(org).num("seats.used"));

        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 0);
        ApiClient.Res res = deliver(StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                "customer.subscription.updated", subscription, org.id(), "active", 0));
        assertEquals("APPLIED", res.str("result"), res::toString);

        ApiClient.Res after = fx.org(org);
        assertEquals(10, after.num("seats.limit"));
        assertEquals(13, after.num("seats.used"));
        assertEquals(0, after.num("seats.available"));
        assertEquals(true, after.at("invitationsBlocked"));
        ApiClient.Res invite = fx.invite(org, admin, Fixture.uniqueEmail("one-more"), "MEMBER");
        assertEquals(409, invite.status(), invite::toString);
        assertEquals("SEAT_LIMIT_REACHED", invite.str("code"));
        assertEquals(2, api.get("/orgs/" + org.id() + "/members?status=ACTIVE", org.owner()).list("items").size());
        assertEquals(11, fx.invitations(org, "?status=PENDING").size(), "pending invitations stay and can still be accepted");
        assertEquals(200, fx.memberOf(org, admin).status(), "the admin keeps their membership");
    }

    @Test
    void otherEventTypesAreAcknowledgedAndChangeNothing() {
        Fixture.Org org = fx.org("FREE", 0);
        int stripeRequests = stripe.requests();
        ApiClient.Res res = deliver(StripeEvents.event(StripeEvents.newId("evt"), "customer.created",
                "{\"id\":\"cus_1\",\"object\":\"customer\"}"));
        assertEquals(200, res.status(), res::toString);
        assertEquals("IGNORED", res.str("result"));
        assertEquals(stripeRequests, stripe.requests());
        assertEquals("FREE", fx.org(org).str("plan"));
    }

    @Test
    void subscriptionsStripeDoesNotKnowOrThatNameNoOrgOfOursAreAcknowledged() {
        String unknown = StripeEvents.newId("sub");
        stripe.missing(unknown);
        ApiClient.Res res = deliver(StripeEvents.invoiceEvent(StripeEvents.newId("evt"), "invoice.paid", unknown, "nobody"));
        assertEquals(200, res.status(), res::toString);
        assertEquals("IGNORED", res.str("result"));

        String foreign = StripeEvents.newId("sub");
        stripe.subscription(foreign, "01NOSUCHORG0000000000000000", "active", StripeApi.PRO, 1);
        ApiClient.Res other = deliver(StripeEvents.subscriptionEvent(StripeEvents.newId("evt"),
                "customer.subscription.created", foreign, "01NOSUCHORG0000000000000000", "active", 1));
        assertEquals(200, other.status(), other::toString);
        assertEquals("IGNORED", other.str("result"));
    }

    @Test
    void whenStripeCannotAnswerTheWebhookIs503AndTheRedeliveryApplies() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.failing(subscription);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());

        ApiClient.Res failed = deliver(payload);

        assertEquals(503, failed.status(), failed::toString);
        assertEquals("BILLING_UNAVAILABLE", failed.str("code"));
        assertEquals("FREE", fx.org(org).str("plan"));
        stripe.subscription(subscription, org.id(), "active", StripeApi.STARTER, 0);
        ApiClient.Res retried = deliver(payload);
        assertEquals("APPLIED", retried.str("result"), retried::toString);
        assertEquals("STARTER", fx.org(org).str("plan"));
    }

    @Test
    void aSubscriptionWithAPriceNotConfiguredIs503SoStripeRetriesOnceItIs() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", "price_nobody_configured", 0);
        ApiClient.Res res = deliver(StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id()));
        assertEquals(503, res.status(), res::toString);
        assertEquals("BILLING_NOT_CONFIGURED", res.str("code"));
        assertEquals("FREE", fx.org(org).str("plan"));
    }

    @Test
    void theSameEventsArriveThroughEventBridgeAndShareTheWebhooksRecordOfWhatWasHandled() throws Exception {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 6);
        String event = StripeEvents.subscriptionEvent(StripeEvents.newId("evt"), "customer.subscription.created",
                subscription, org.id(), "active", 6);

        String result = stack.local().invoke(EVENT_BRIDGE_HANDLER, "SeatPurchaseFunction",
                StripeEvents.eventBridge(event, "customer.subscription.created"));

        assertTrue(result.contains("\"APPLIED\""), result);
        assertEquals(6, fx.org(org).num("extraSeats"));
        ApiClient.Res again = deliver(event);
        assertEquals("DUPLICATE", again.str("result"), again::toString);
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").size());
    }

    @Test
    void anEventBridgeDeliveryThatFailsThrowsSoLambdaRetriesIt() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.failing(subscription);
        String envelope = StripeEvents.eventBridge(StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription,
                org.id()), "checkout.session.completed");

        assertThrows(RuntimeException.class, () -> stack.local().invoke(EVENT_BRIDGE_HANDLER, "SeatPurchaseFunction", envelope));
        assertEquals("FREE", fx.org(org).str("plan"));
    }

    private static List<ApiClient.Res> concurrently(int n, Callable<ApiClient.Res> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ApiClient.Res>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<ApiClient.Res> results = new ArrayList<>();
            for (Future<ApiClient.Res> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> result = new ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new ArrayList<>(List.of(first));
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
