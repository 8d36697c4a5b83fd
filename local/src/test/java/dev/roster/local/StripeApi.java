package dev.roster.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock speaking Stripe's API to the real stripe-java client: objects shaped as Stripe's published fixtures
 * ({@link StripeFixtures}), errors as Stripe returns them. Prices are those of {@link #PRICES}.
 */
final class StripeApi implements AutoCloseable {

    static final String API_KEY = "sk_test_roster_it";
    static final String WEBHOOK_SECRET = "whsec_roster_it_secret";
    static final String STARTER = "price_it_starter";
    static final String PRO = "price_it_pro";
    static final String FOUNDER = "price_it_founder";
    static final String SEAT = "price_it_seat";
    static final String PRICES = "{\"" + STARTER + "\":\"STARTER\",\"" + PRO + "\":\"PRO\",\"" + FOUNDER + "\":\"FOUNDER\",\""
            + SEAT + "\":\"EXTRA_SEAT\"}";

    final WireMockServer server;

    StripeApi() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    /** The settings pointing the seat-purchase function here; the local API holds the keys as its secret. */
    Map<String, String> environment() {
        return Map.of("STRIPE_API_BASE", server.baseUrl(), "STRIPE_API_KEY", API_KEY,
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET, "ROSTER_STRIPE_PRICES", PRICES);
    }

    /** The settings pointing the seat-purchase function here, and {@code more}. */
    Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new LinkedHashMap<>(environment());
        environment.putAll(more);
        return environment;
    }

    /** The id Stripe gives the item of {@code priceId} in subscription {@code subscriptionId}. */
    static String itemId(String subscriptionId, String priceId) {
        return "si_" + priceId.replace("price_", "") + "_" + subscriptionId.replace("sub_", "");
    }

    static Map<String, Long> items(String planPrice, long extraSeats) {
        Map<String, Long> items = new LinkedHashMap<>();
        if (planPrice != null) {
            items.put(planPrice, 1L);
        }
        if (extraSeats > 0 || planPrice == null) {
            items.put(SEAT, extraSeats);
        }
        return items;
    }

    /** From now on Stripe answers the subscription in this state: the plan's price, and extra seats if any. */
    void subscription(String id, String orgId, String status, String planPrice, long extraSeats) {
        subscription(id, orgId, status, items(planPrice, extraSeats));
    }

    void subscription(String id, String orgId, String status, Map<String, Long> items) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 200, subscriptionJson(id, orgId, status, items));
    }

    static String subscriptionJson(String id, String orgId, String status, Map<String, Long> items) {
        return StripeFixtures.json(StripeFixtures.subscription(id, orgId, status, items));
    }

    void missing(String id) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 404, StripeFixtures.json(StripeFixtures.error(
                "invalid_request_error", "resource_missing", null, "No such subscription: '" + id + "'")));
    }

    void failing(String id) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 500, apiError());
    }

    /** Changing the subscription answers it in this state. */
    void changeAnswers(String id, String orgId, String status, Map<String, Long> items) {
        respond(post(urlEqualTo("/v1/subscriptions/" + id)), 200, subscriptionJson(id, orgId, status, items));
    }

    /** Changing the subscription is declined: its proration invoice cannot be paid. */
    void changeDeclined(String id) {
        respond(post(urlEqualTo("/v1/subscriptions/" + id)), 402, StripeFixtures.json(StripeFixtures.error(
                "card_error", "card_declined", "insufficient_funds", "Your card has insufficient funds.")));
    }

    /** Stripe is rate limiting. */
    void changeRateLimited(String id) {
        respond(post(urlEqualTo("/v1/subscriptions/" + id)), 429, StripeFixtures.json(StripeFixtures.error(
                "invalid_request_error", "rate_limit", null, "Too many requests hit the API too quickly.")));
    }

    /** Stripe answers later than the client waits. */
    void changeTimesOut(String id) {
        server.stubFor(post(urlEqualTo("/v1/subscriptions/" + id)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(6_000).withHeader("Content-Type", "application/json")
                .withBody(subscriptionJson(id, null, "active", Map.of()))));
    }

    void checkoutAnswers(String url) {
        Map<String, Object> session = StripeFixtures.checkoutSession("cs_test_it", "subscription", "org", null, null,
                "unpaid", null);
        session.put("url", url);
        respond(post(urlEqualTo("/v1/checkout/sessions")), 200, StripeFixtures.json(session));
    }

    void checkoutFails() {
        respond(post(urlEqualTo("/v1/checkout/sessions")), 500, apiError());
    }

    /**
     * A payment-mode checkout session read back with its line items and its payment intent's latest charge, paid
     * (and fully refunded, when {@code refunded}) or not yet.
     */
    void paymentSession(String sessionId, String orgId, String paymentIntentId, String chargeId, String price,
                        boolean paid, boolean refunded) {
        Object intent = StripeFixtures.paymentIntent(paymentIntentId, orgId,
                StripeFixtures.charge(chargeId, paymentIntentId, refunded));
        respond(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId)), 200, StripeFixtures.json(
                StripeFixtures.checkoutSession(sessionId, "payment", orgId, null, intent, paid ? "paid" : "unpaid",
                        List.of(price))));
    }

    /** A charge read back with its payment intent, whose metadata names the org. */
    void charge(String chargeId, String paymentIntentId, String orgId, boolean refunded) {
        respond(get(urlPathEqualTo("/v1/charges/" + chargeId)), 200, StripeFixtures.json(StripeFixtures.charge(chargeId,
                StripeFixtures.paymentIntent(paymentIntentId, orgId, chargeId), refunded)));
    }

    void portalAnswers(String url) {
        respond(post(urlEqualTo("/v1/billing_portal/sessions")), 200,
                StripeFixtures.json(StripeFixtures.portalSession("cus_it", "https://app.example/billing", url)));
    }

    int subscriptionReads(String id) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/subscriptions/" + id)).build()).getCount();
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    /** The form fields of every request to {@code path} with {@code method}, decoded, oldest first. */
    List<Map<String, String>> forms(String method, String path) {
        return received(method, path).stream().map(e -> form(e.getRequest().getBodyAsString())).toList();
    }

    /** One header of every request to {@code path} with {@code method}, oldest first. */
    List<String> headers(String method, String path, String name) {
        return received(method, path).stream().map(e -> e.getRequest().getHeader(name)).toList();
    }

    /** The form fields of every checkout session created, decoded. */
    List<Map<String, String>> checkoutForms() {
        return forms("POST", "/v1/checkout/sessions");
    }

    List<String> checkoutHeaders(String name) {
        return headers("POST", "/v1/checkout/sessions", name);
    }

    private List<ServeEvent> received(String method, String path) {
        List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals(method)
                        && e.getRequest().getUrl().split("\\?")[0].equals(path)).toList());
        java.util.Collections.reverse(events);
        return events;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String apiError() {
        return StripeFixtures.json(StripeFixtures.error("api_error", null, null, "An unknown error occurred"));
    }

    private void respond(MappingBuilder request, int status, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_it").withBody(body)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
