package dev.roster.seats.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource.RequestMethod;
import com.stripe.net.FormEncoder;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.Webhook;
import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.core.json.StrictJson;
import jakarta.inject.Singleton;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BillingGateway} on Stripe through stripe-java: Checkout sessions, webhook signatures, subscriptions.
 * Built once per container when the seat-purchase handler is constructed, so a bad setting fails start-up.
 * <p>
 * Requests go through stripe-java's raw requests (its authentication, retries, idempotency and typed errors) and
 * answers are read as JSON, like events: the typed params and models are 99% of stripe-java's 20 MB and are
 * mapped by reflection, so the function's jar leaves them out (see the seat-purchase pom).
 */
@Singleton
public class StripeBillingGateway implements BillingGateway {

    /** Stripe's own default: a signature older than this is refused, so a captured delivery cannot be replayed. */
    static final long SIGNATURE_TOLERANCE_SECONDS = 300;
    static final String ORG_METADATA = "roster_org_id";
    private static final Logger LOG = LoggerFactory.getLogger(StripeBillingGateway.class);

    private final StripeClient stripe;
    private final String webhookSecret;
    private final Clock clock;

    public StripeBillingGateway(StripeConfig config, RosterSettings settings, Clock clock) {
        // Without the price mapping no subscription can be applied: refuse to start rather than fail each event.
        settings.stripePrices();
        String apiKey = required("STRIPE_API_KEY", config.getApiKey());
        this.webhookSecret = required("STRIPE_WEBHOOK_SECRET", config.getWebhookSecret());
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(apiKey)
                // Within Stripe's webhook timeout even with the one retry.
                .setConnectTimeout(2_000).setReadTimeout(5_000).setMaxNetworkRetries(1);
        if (config.getApiBase() != null && !config.getApiBase().isBlank()) {
            builder.setApiBase(apiBase(config.getApiBase().trim()));
        }
        this.stripe = builder.build();
        this.clock = clock;
    }

    @Override
    public String startCheckout(Checkout checkout) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", "subscription");
        params.put("client_reference_id", checkout.orgId());
        params.put("metadata", Map.of(ORG_METADATA, checkout.orgId()));
        params.put("subscription_data", Map.of("metadata", Map.of(ORG_METADATA, checkout.orgId())));
        params.put("success_url", checkout.successUrl());
        params.put("cancel_url", checkout.cancelUrl());
        if (checkout.customerId() != null) {
            params.put("customer", checkout.customerId());
        } else if (checkout.customerEmail() != null) {
            params.put("customer_email", checkout.customerEmail());
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineItem item : checkout.lineItems()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("price", item.priceId());
            line.put("quantity", item.quantity());
            if (item.adjustableUpTo() != null) {
                line.put("adjustable_quantity", Map.of("enabled", true, "minimum", 0, "maximum", item.adjustableUpTo()));
            }
            lines.add(line);
        }
        params.put("line_items", lines);
        JsonNode session;
        try {
            session = read(stripe.rawRequest(RequestMethod.POST, "/v1/checkout/sessions",
                    FormEncoder.createQueryString(params),
                    RawRequestOptions.builder().setIdempotencyKey(checkout.idempotencyKey()).build()).body());
        } catch (StripeException e) {
            throw unavailable("creating a checkout session", e);
        }
        String url = text(session, "url");
        if (url == null) {
            LOG.error("Stripe answered checkout session {} for org {} without a url", text(session, "id"), checkout.orgId());
            throw new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe did not return a checkout page; try again.");
        }
        LOG.info("Checkout session {} created for org {}", text(session, "id"), checkout.orgId());
        return url;
    }

    @Override
    public BillingEvent verifiedEvent(byte[] payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new RosterException(ErrorCode.INVALID_SIGNATURE, "The Stripe-Signature header is missing.");
        }
        if (!StripeSignatureHeader.isWellFormed(signatureHeader)) {
            throw new RosterException(ErrorCode.INVALID_SIGNATURE,
                    "The Stripe-Signature header is not of the form t=<seconds>,v1=<signature>.");
        }
        String body = new String(payload, StandardCharsets.UTF_8);
        try {
            Webhook.Signature.verifyHeader(body, signatureHeader, webhookSecret, SIGNATURE_TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            throw new RosterException(ErrorCode.INVALID_SIGNATURE,
                    "The Stripe-Signature header does not match the body, or is older than "
                            + SIGNATURE_TOLERANCE_SECONDS + " seconds.");
        }
        return event(body);
    }

    @Override
    public BillingEvent trustedEvent(String eventJson) {
        return event(eventJson);
    }

    @Override
    public Optional<Subscription> subscription(String subscriptionId) {
        JsonNode subscription;
        try {
            subscription = read(stripe.rawRequest(RequestMethod.GET,
                    "/v1/subscriptions/" + URLEncoder.encode(subscriptionId, StandardCharsets.UTF_8), null).body());
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return Optional.empty();
            }
            throw unavailable("reading subscription " + subscriptionId, e);
        } catch (StripeException e) {
            throw unavailable("reading subscription " + subscriptionId, e);
        }
        JsonNode items = path(subscription, "items", "data");
        List<Item> read = new ArrayList<>();
        if (items.isArray()) {
            for (JsonNode item : items.values()) {
                JsonNode quantity = item.get("quantity");
                read.add(new Item(text(path(item, "price"), "id"),
                        quantity != null && quantity.isNumber() ? quantity.getLongValue() : 1));
            }
        }
        return Optional.of(new Subscription(text(subscription, "id"), text(subscription, "status"),
                idOf(subscription.get("customer")), text(path(subscription, "metadata"), ORG_METADATA), read));
    }

    /** An answer Stripe gave; one that is not a JSON object is Stripe failing, like an error status. */
    private JsonNode read(String body) {
        try {
            JsonNode node = StrictJson.read(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        LOG.error("Stripe answered with a body that is not a JSON object");
        throw new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe gave an unreadable answer; try again.");
    }

    /**
     * The event's id and type, and from its object the subscription and org it concerns. Read from the JSON
     * itself rather than stripe-java's typed objects, so events rendered at another API version read the same.
     */
    private BillingEvent event(String eventJson) {
        JsonNode event;
        try {
            event = StrictJson.read(eventJson);
        } catch (IOException | RuntimeException e) {
            throw new RosterException(ErrorCode.MALFORMED_JSON, "The event is not valid JSON.");
        }
        String id = text(event, "id");
        String type = text(event, "type");
        if (id == null || type == null || !"event".equals(text(event, "object"))) {
            throw new RosterException(ErrorCode.MALFORMED_JSON, "The body is not a Stripe event.");
        }
        JsonNode object = path(event, "data", "object");
        String objectType = text(object, "object");
        String subscriptionId = null;
        String orgId = null;
        if ("subscription".equals(objectType)) {
            subscriptionId = text(object, "id");
            orgId = text(path(object, "metadata"), ORG_METADATA);
        } else if ("checkout.session".equals(objectType)) {
            subscriptionId = idOf(object.get("subscription"));
            orgId = text(object, "client_reference_id");
        } else if ("invoice".equals(objectType)) {
            // Before API version 2025-03-31 the invoice names its subscription directly; since, under parent.
            JsonNode details = path(object, "parent", "subscription_details");
            subscriptionId = Optional.ofNullable(idOf(object.get("subscription"))).orElse(idOf(details.get("subscription")));
            orgId = Optional.ofNullable(text(path(details, "metadata"), ORG_METADATA))
                    .orElse(text(path(object, "subscription_details", "metadata"), ORG_METADATA));
        }
        return new BillingEvent(id, type, subscriptionId, orgId);
    }

    /** An expandable field: an id, or the expanded object carrying it. */
    private static String idOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isString() ? node.getStringValue() : text(node, "id");
    }

    private static JsonNode path(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            JsonNode next = current == null || !current.isObject() ? null : current.get(name);
            current = next == null ? JsonNode.nullNode() : next;
        }
        return current;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() && !value.getStringValue().isBlank() ? value.getStringValue() : null;
    }

    private static RosterException unavailable(String doing, StripeException e) {
        // The message names what failed, never the key or the request's secrets.
        LOG.error("Stripe failed {}: HTTP {} {} ({})", doing, e.getStatusCode(), e.getCode(), e.getClass().getSimpleName());
        return new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe could not be reached " + doing + "; try again.");
    }

    private static String required(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(variable, "must be set");
        }
        return value.trim();
    }

    private static String apiBase(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("STRIPE_API_BASE", "must be an http(s) URL, got '" + value + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidConfigurationException("STRIPE_API_BASE", "must be an http(s) URL, got '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
