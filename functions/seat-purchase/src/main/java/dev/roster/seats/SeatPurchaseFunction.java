package dev.roster.seats;

import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.port.WarmUp;
import dev.roster.core.usecase.BillingService;
import dev.roster.core.usecase.CheckoutService;
import dev.roster.core.usecase.PortalService;
import dev.roster.core.usecase.SubscriptionService;
import dev.roster.http.ApiFunction.Route;
import dev.roster.http.ApiRequest;
import dev.roster.http.ApiResponse;
import dev.roster.http.ApiRouter;
import dev.roster.http.JsonInput;
import dev.roster.http.Priming;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Buying plans and seats: checkout, changing the running subscription, the customer portal, Stripe's webhook, and the
 * same Stripe events delivered by Stripe's Amazon EventBridge integration. One function with two triggers, so the
 * Lambda runtime hands the event over as plain JSON and the function tells the two shapes apart. Deployed without a
 * Stripe secret, billing is off and every one of them answers so.
 */
public class SeatPurchaseFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>>
        implements Resource {

    static final String STRIPE_PARTNER_SOURCE = "aws.partner/stripe.com";
    private static final Logger LOG = LoggerFactory.getLogger(SeatPurchaseFunction.class);

    @Inject
    CheckoutService checkout;

    @Inject
    BillingService billing;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    PortalService portal;

    @Inject
    BillingGateway stripe;

    @Inject
    JsonMapper json;

    private final ApiRouter router;

    public SeatPurchaseFunction() {
        super();
        this.router = new ApiRouter(routes(), json);
        Core.getGlobalContext().register(this);
    }

    public SeatPurchaseFunction(ApplicationContext context) {
        super(context);
        this.router = new ApiRouter(routes(), json);
    }

    /** Every route refuses first when billing is off. */
    private Map<String, Route> routes() {
        Map<String, Route> routes = Map.of(
                "POST /orgs/{orgId}/billing/checkout", this::startCheckout,
                "PATCH /orgs/{orgId}/subscription", this::changeSubscription,
                "POST /orgs/{orgId}/billing/portal", this::openPortal,
                "POST /webhooks/stripe", this::webhook);
        Map<String, Route> guarded = new LinkedHashMap<>();
        routes.forEach((key, route) -> guarded.put(key, request -> {
            stripe.requireEnabled();
            return route.handle(request);
        }));
        return guarded;
    }

    public Set<String> routeKeys() {
        return router.routeKeys();
    }

    /** Before a SnapStart snapshot: every route, answered 4xx without a write and without calling Stripe. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        WarmUp.all(getApplicationContext());
        Priming.run(getClass().getSimpleName(), routeKeys(), route -> execute(Priming.eventMap(route)));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the clients re-open connections as they need them.
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        if (event.containsKey("detail-type") && event.containsKey("detail")) {
            return eventBridge(event);
        }
        return router.handle(event);
    }

    private ApiResponse startCheckout(ApiRequest request) {
        byte[] body = request.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
        JsonInput input = JsonInput.object(body, Set.of("plan", "extraSeats"));
        String plan = input.string("plan", false, 40);
        Integer extraSeats = input.integer("extraSeats", 0, CheckoutService.MAX_EXTRA_SEATS);
        input.done();
        String url = checkout.start(request.requireCaller(), request.path("orgId"), plan, extraSeats, request.requestId());
        return ApiResponse.ok(Map.of("url", url));
    }

    /** {@code {plan?, extraSeats?}}: at least one. */
    private ApiResponse changeSubscription(ApiRequest request) {
        JsonInput input = JsonInput.object(request.body(), Set.of("plan", "extraSeats"));
        String plan = input.string("plan", false, 40);
        Integer extraSeats = input.integer("extraSeats", 0, CheckoutService.MAX_EXTRA_SEATS);
        if (!input.has("plan") && !input.has("extraSeats")) {
            input.reject("", "name a plan, extraSeats, or both");
        }
        input.done();
        return ApiResponse.ok(Representations.org(subscriptions.change(request.requireCaller(), request.path("orgId"),
                plan, extraSeats, request.requestId())));
    }

    private ApiResponse openPortal(ApiRequest request) {
        JsonInput.none(request.body());
        return ApiResponse.ok(Map.of("url", portal.open(request.requireCaller(), request.path("orgId"))));
    }

    /** Stripe retries anything but a 2xx: a bad signature is 400, a failure worth retrying 503. */
    private ApiResponse webhook(ApiRequest request) {
        return ApiResponse.ok(result(billing.handleWebhook(request.body(),
                request.header("stripe-signature").orElse(null))));
    }

    /**
     * An event from Stripe's partner event source. EventBridge retries a failed invocation and then hands the
     * event to the dead-letter queue, so a failure worth retrying is thrown; an event that can never be handled
     * is logged and dropped.
     */
    private Map<String, Object> eventBridge(Map<String, Object> event) {
        String id = String.valueOf(event.get("id"));
        MDC.put("requestId", id);
        try {
            String source = String.valueOf(event.get("source"));
            if (!source.startsWith(STRIPE_PARTNER_SOURCE)) {
                LOG.warn("EventBridge event {} from {} is not Stripe's; ignored", id, source);
                return Map.of("result", "IGNORED");
            }
            stripe.requireEnabled();
            BillingGateway.BillingEvent stripeEvent = stripe.trustedEvent(write(event.get("detail")));
            return result(billing.handle(stripeEvent));
        } catch (RosterException e) {
            if (e.code().status() >= 500) {
                throw e;
            }
            LOG.warn("EventBridge event {} cannot be handled: {} {}", id, e.code(), e.getMessage());
            return Map.of("result", "REJECTED", "code", e.code().name());
        } finally {
            MDC.clear();
        }
    }

    private static Map<String, Object> result(BillingService.Outcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("received", true);
        result.put("result", outcome.result().name());
        if (outcome.detail() != null) {
            result.put("detail", outcome.detail());
        }
        return result;
    }

    private String write(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
