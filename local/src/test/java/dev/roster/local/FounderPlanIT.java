package dev.roster.local;

import dev.roster.core.config.RosterSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan sold once (FOUNDER): bought through a Checkout session in payment mode, the completed payment read back from
 * Stripe (the session with its line items and its payment's charge) and recorded once; its extra seats a subscription
 * of their own; a full refund returning the org to the default plan. Stripe is WireMock answering with Stripe's own
 * object shapes.
 */
class FounderPlanIT {

    private static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_founder";
    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment()).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    /** One org's Founder purchase as Stripe holds it: its checkout session, payment intent and charge. */
    private record Purchase(Fixture.Org org, String session, String intent, String charge) {
    }

    @BeforeEach
    void stripeOpensCheckouts() {
        stripe.checkoutAnswers(CHECKOUT_URL);
    }

    private ApiClient.Res deliver(String payload) {
        ApiClient.Res res = StripeEvents.deliver(api, payload, Instant.now());
        assertEquals(200, res.status(), res::toString);
        return res;
    }

    /** A FREE org whose Founder payment Stripe holds as paid (and refunded, when {@code refunded}). */
    private Purchase paid(boolean refunded) {
        Fixture.Org org = fx.org("FREE", 0);
        Purchase purchase = new Purchase(org, StripeEvents.newId("cs"), StripeEvents.newId("pi"), StripeEvents.newId("ch"));
        stripe.paymentSession(purchase.session(), org.id(), purchase.intent(), purchase.charge(), StripeApi.FOUNDER,
                true, refunded);
        stripe.charge(purchase.charge(), purchase.intent(), org.id(), refunded);
        return purchase;
    }

    private String completed(Purchase p, String type) {
        return StripeEvents.paymentCompleted(StripeEvents.newId("evt"), type, p.session(), p.org().id(), p.intent());
    }

    /** The org's purchase items, straight from the table. */
    private List<Map<String, AttributeValue>> purchases(Fixture.Org org) {
        DynamoDbClient dynamo = stack.local().context().getBean(DynamoDbClient.class);
        String table = stack.local().context().getBean(RosterSettings.class).table();
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :purchase)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORG#" + org.id()),
                        ":purchase", AttributeValue.fromS("PURCHASE#")))).items();
    }

    private Map<?, ?> billing(Fixture.Org org) {
        return (Map<?, ?>) fx.org(org).at("billing");
    }

    @Test
    void theFounderPlanIsBoughtOnceThroughACheckoutInPaymentMode() {
        Fixture.Org org = fx.org("FREE", 0);

        ApiClient.Res res = api.post("/orgs/" + org.id() + "/billing/checkout", org.owner(), Map.of("plan", "FOUNDER"));

        assertEquals(200, res.status(), res::toString);
        assertEquals(CHECKOUT_URL, res.str("url"));
        Map<String, String> form = stripe.checkoutForms().get(stripe.checkoutForms().size() - 1);
        assertEquals("payment", form.get("mode"));
        assertEquals(StripeApi.FOUNDER, form.get("line_items[0][price]"));
        assertEquals("1", form.get("line_items[0][quantity]"));
        assertFalse(form.containsKey("line_items[1][price]"), form::toString);
        assertEquals(org.id(), form.get("client_reference_id"));
        assertEquals(org.id(), form.get("payment_intent_data[metadata][roster_org_id]"));
        assertEquals("always", form.get("customer_creation"));
        assertFalse(form.keySet().stream().anyMatch(k -> k.startsWith("subscription_data")), form::toString);

        ApiClient.Res withSeats = api.post("/orgs/" + org.id() + "/billing/checkout", org.owner(),
                Map.of("plan", "FOUNDER", "extraSeats", 2));
        assertEquals(400, withSeats.status(), withSeats::toString);
        assertTrue(withSeats.str("detail").contains("subscription of their own"), withSeats::toString);
    }

    @Test
    void theCompletedPaymentReadBackSetsThePlanForGoodAndIsRecordedOnce() {
        Purchase p = paid(false);

        assertEquals("APPLIED", deliver(completed(p, "checkout.session.completed")).str("result"));
        assertEquals("UNCHANGED", deliver(completed(p, "checkout.session.async_payment_succeeded")).str("result"));

        ApiClient.Res org = fx.org(p.org());
        assertEquals("FOUNDER", org.str("plan"));
        assertEquals(25, org.num("seats.limit"));
        assertEquals(Map.of("plan", "FOUNDER", "source", "ONE_TIME", "status", "NONE", "extraSeats", 0), org.at("billing"));
        assertEquals(1, AuditLog.entries(stack.local(), p.org().id(), "seats.changed").size());
        var purchases = purchases(p.org());
        assertEquals(1, purchases.size());
        assertEquals("PAID", purchases.get(0).get("status").s());
        assertEquals(p.intent(), purchases.get(0).get("paymentId").s());
        assertTrue(stripe.forms("GET", "/v1/checkout/sessions/" + p.session()).size() >= 1, "read back from Stripe");

        ApiClient.Res again = api.post("/orgs/" + p.org().id() + "/billing/checkout", p.org().owner(),
                Map.of("plan", "PRO"));
        assertEquals(400, again.status(), "an org holding a plan for good buys only its extra seats: " + again);
    }

    @Test
    void itsExtraSeatsAreASubscriptionOfTheirOwnBoughtThroughCheckoutThenChanged() {
        Purchase p = paid(false);
        deliver(completed(p, "checkout.session.completed"));

        ApiClient.Res checkout = api.post("/orgs/" + p.org().id() + "/billing/checkout", p.org().owner(),
                Map.of("extraSeats", 3));
        assertEquals(200, checkout.status(), checkout::toString);
        Map<String, String> form = stripe.checkoutForms().get(stripe.checkoutForms().size() - 1);
        assertEquals("subscription", form.get("mode"));
        assertEquals(StripeApi.SEAT, form.get("line_items[0][price]"));
        assertEquals("3", form.get("line_items[0][quantity]"));
        assertEquals("1", form.get("line_items[0][adjustable_quantity][minimum]"));
        assertFalse(form.containsKey("line_items[1][price]"), form::toString);

        String seats = StripeEvents.newId("sub");
        stripe.subscription(seats, p.org().id(), "active", StripeApi.items(null, 3));
        assertEquals("APPLIED", deliver(StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), seats, p.org().id()))
                .str("result"));
        assertEquals(Map.of("plan", "FOUNDER", "source", "ONE_TIME", "status", "ACTIVE", "extraSeats", 3), billing(p.org()));
        assertEquals(28, fx.org(p.org()).num("seats.limit"));

        stripe.changeAnswers(seats, p.org().id(), "active", StripeApi.items(null, 5));
        ApiClient.Res changed = api.patch("/orgs/" + p.org().id() + "/subscription", p.org().owner(), Map.of("extraSeats", 5));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(30, changed.num("seats.limit"));
        assertEquals("5", stripe.forms("POST", "/v1/subscriptions/" + seats).get(0).get("items[0][quantity]"));
        assertEquals(StripeApi.itemId(seats, StripeApi.SEAT),
                stripe.forms("POST", "/v1/subscriptions/" + seats).get(0).get("items[0][id]"));
        ApiClient.Res planChange = api.patch("/orgs/" + p.org().id() + "/subscription", p.org().owner(),
                Map.of("plan", "PRO"));
        assertEquals(400, planChange.status(), "a seats-only subscription has no plan to change: " + planChange);
    }

    @Test
    void aFullyRefundedPaymentReturnsTheOrgToTheDefaultPlanForGood() {
        Purchase p = paid(false);
        deliver(completed(p, "checkout.session.completed"));
        assertEquals("FOUNDER", fx.org(p.org()).str("plan"));

        stripe.paymentSession(p.session(), p.org().id(), p.intent(), p.charge(), StripeApi.FOUNDER, true, true);
        stripe.charge(p.charge(), p.intent(), p.org().id(), true);
        assertEquals("APPLIED", deliver(StripeEvents.chargeRefunded(StripeEvents.newId("evt"), p.charge(), p.intent()))
                .str("result"));
        assertEquals("UNCHANGED", deliver(StripeEvents.refundEvent(StripeEvents.newId("evt"), "refund.created",
                p.charge(), p.intent())).str("result"));

        ApiClient.Res org = fx.org(p.org());
        assertEquals("FREE", org.str("plan"));
        assertEquals("DEFAULT", org.str("billing.source"));
        assertEquals(1, org.num("seats.limit"));
        assertEquals("REFUNDED", purchases(p.org()).get(0).get("status").s());
        // A late delivery of the completion reads the payment back as refunded and grants nothing.
        assertEquals("UNCHANGED", deliver(completed(p, "checkout.session.completed")).str("result"));
        assertEquals("FREE", fx.org(p.org()).str("plan"));
    }

    @Test
    void aPartialRefundKeepsThePlan() {
        Purchase p = paid(false);
        deliver(completed(p, "checkout.session.completed"));
        ApiClient.Res res = deliver(StripeEvents.refundEvent(StripeEvents.newId("evt"), "refund.created", p.charge(),
                p.intent()));
        assertEquals("IGNORED", res.str("result"), res::toString);
        assertEquals("FOUNDER", fx.org(p.org()).str("plan"));
    }

    @Test
    void aFounderOrgBoughtOnceKeepsItsPlanThroughEveryOrderOfStripesEventsWithDuplicates() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        assertEquals(24, orders.size());
        for (List<Integer> order : orders) {
            Purchase p = paid(false);
            String seats = StripeEvents.newId("sub");
            // By the time the events arrive Stripe holds the payment as paid and the seats subscription with 2 seats.
            stripe.subscription(seats, p.org().id(), "active", StripeApi.items(null, 2));
            List<String> events = List.of(
                    completed(p, "checkout.session.completed"),
                    completed(p, "checkout.session.async_payment_succeeded"),
                    StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), seats, p.org().id()),
                    StripeEvents.invoiceEvent(StripeEvents.newId("evt"), "invoice.paid", seats, p.org().id()));

            // Each event, and each again one step later: Stripe retries and redelivers as it likes.
            List<String> deliveries = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                deliveries.add(events.get(order.get(i)));
                if (i > 0) {
                    deliveries.add(events.get(order.get(i - 1)));
                }
            }
            deliveries.add(events.get(order.get(order.size() - 1)));
            List<String> results = deliveries.stream().map(d -> deliver(d).str("result")).toList();

            ApiClient.Res org = fx.org(p.org());
            assertEquals(Map.of("plan", "FOUNDER", "source", "ONE_TIME", "status", "ACTIVE", "extraSeats", 2),
                    org.at("billing"), () -> "order " + order + ": " + results);
            assertEquals(27, org.num("seats.limit"), () -> "order " + order);
            assertEquals(1, purchases(p.org()).size(), () -> "order " + order);
            assertEquals(4, results.stream().filter("DUPLICATE"::equals).count(), () -> "order " + order + ": " + results);
        }
    }

    @Test
    void aRefundReadBackWinsInEveryOrderWithTheCompletion() {
        for (List<Integer> order : permutations(List.of(0, 1, 2))) {
            Purchase p = paid(true);
            List<String> events = List.of(
                    completed(p, "checkout.session.completed"),
                    StripeEvents.chargeRefunded(StripeEvents.newId("evt"), p.charge(), p.intent()),
                    StripeEvents.refundEvent(StripeEvents.newId("evt"), "refund.created", p.charge(), p.intent()));
            for (int index : order) {
                deliver(events.get(index));
            }
            assertEquals("FREE", fx.org(p.org()).str("plan"), () -> "order " + order);
            assertEquals("REFUNDED", purchases(p.org()).get(0)
                    .get("status").s(), () -> "order " + order);
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
