package dev.roster.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock speaking Stripe's API to the real stripe-java client: subscriptions as Stripe renders them, errors
 * as Stripe returns them, and Checkout sessions. Prices are those of {@link #PRICES}.
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

    /** The settings pointing the seat-purchase function here. */
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

    /** From now on Stripe answers the subscription in this state. */
    void subscription(String id, String orgId, String status, String planPrice, long extraSeats) {
        Map<String, Long> items = new LinkedHashMap<>();
        items.put(planPrice, 1L);
        if (extraSeats > 0) {
            items.put(SEAT, extraSeats);
        }
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 200, subscriptionJson(id, orgId, status, items));
    }

    void subscription(String id, String orgId, String status, Map<String, Long> items) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 200, subscriptionJson(id, orgId, status, items));
    }

    static String subscriptionJson(String id, String orgId, String status, Map<String, Long> items) {
        String data = items.entrySet().stream().map(e -> "{\"id\":\"si_" + e.getKey() + "\",\"object\":\"subscription_item\","
                + "\"price\":{\"id\":\"" + e.getKey() + "\",\"object\":\"price\"},\"quantity\":" + e.getValue() + "}")
                .collect(Collectors.joining(","));
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"" + status + "\",\"customer\":\"cus_" + id
                + "\",\"metadata\":" + (orgId == null ? "{}" : "{\"roster_org_id\":\"" + orgId + "\"}")
                + ",\"items\":{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":false,\"url\":\"/v1/subscription_items\"}}";
    }

    void missing(String id) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 404, "{\"error\":{\"code\":\"resource_missing\","
                + "\"message\":\"No such subscription: '" + id + "'\",\"param\":\"id\",\"type\":\"invalid_request_error\"}}");
    }

    void failing(String id) {
        respond(get(urlPathEqualTo("/v1/subscriptions/" + id)), 500,
                "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}");
    }

    void checkoutAnswers(String url) {
        respond(post(urlEqualTo("/v1/checkout/sessions")), 200, "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\","
                + "\"mode\":\"subscription\",\"url\":\"" + url + "\"}");
    }

    void checkoutFails() {
        respond(post(urlEqualTo("/v1/checkout/sessions")), 500,
                "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}");
    }

    int subscriptionReads(String id) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/subscriptions/" + id)).build()).getCount();
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    /** The form fields of every checkout session created, decoded. */
    List<Map<String, String>> checkoutForms() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/v1/checkout/sessions"))
                .map(e -> form(e.getRequest().getBodyAsString())).toList();
    }

    List<String> checkoutHeaders(String name) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/v1/checkout/sessions"))
                .map(e -> e.getRequest().getHeader(name)).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
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
