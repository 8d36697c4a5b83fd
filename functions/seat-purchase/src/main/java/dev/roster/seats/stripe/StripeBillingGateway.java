package dev.roster.seats.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.FormEncoder;
import com.stripe.net.Webhook;
import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway;
import dev.roster.seats.stripe.StripeCalls.Request;
import dev.roster.seats.stripe.StripeCredentials.Keys;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.roster.seats.stripe.StripeObjects.ORG_METADATA;
import static dev.roster.seats.stripe.StripeObjects.text;

/**
 * {@link BillingGateway} on Stripe: Checkout and customer portal sessions, subscription changes, webhook signatures,
 * and reading back subscriptions, checkout sessions and charges. Built once per container when the seat-purchase
 * handler is constructed, so a bad setting fails start-up; the keys are read at run time ({@link StripeCredentials}).
 * <p>
 * Requests go through stripe-java's raw requests and answers are read as JSON, like events: the typed params and
 * models are 99% of stripe-java's 20 MB and are mapped by reflection, so the function's jar leaves them out (see the
 * seat-purchase pom).
 */
@Singleton
public class StripeBillingGateway implements BillingGateway {

    /** Stripe's own default: a signature older than this is refused, so a captured delivery cannot be replayed. */
    static final long SIGNATURE_TOLERANCE_SECONDS = 300;
    /** A subscription change is invoiced at once, and made only if that invoice is paid. */
    static final String PRORATION_BEHAVIOR = "always_invoice";
    static final String PAYMENT_BEHAVIOR = "error_if_incomplete";
    private static final Logger LOG = LoggerFactory.getLogger(StripeBillingGateway.class);

    private final StripeCredentials credentials;
    private final StripeCalls stripe;
    private final StripeObjects objects;
    private final Clock clock;

    public StripeBillingGateway(StripeConfig config, StripeCredentials credentials, RosterSettings settings,
                                Clock clock) {
        if (credentials.configured()) {
            // Without the price mapping no subscription can be applied: refuse to start rather than fail each event.
            settings.stripePrices();
        } else {
            LOG.warn("Billing is off: STRIPE_SECRET_ARN names no Stripe secret, so every billing route answers 503");
        }
        this.credentials = credentials;
        this.stripe = new StripeCalls(credentials, apiBase(config.getApiBase()));
        this.objects = new StripeObjects();
        this.clock = clock;
    }

    @Override
    public void requireEnabled() {
        credentials.requireConfigured();
    }

    @Override
    public String startCheckout(Checkout checkout) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", checkout.mode() == Mode.PAYMENT ? "payment" : "subscription");
        params.put("client_reference_id", checkout.orgId());
        params.put("metadata", Map.of(ORG_METADATA, checkout.orgId()));
        if (checkout.mode() == Mode.PAYMENT) {
            // Refund events name the charge; its payment intent's metadata names the org.
            params.put("payment_intent_data", Map.of("metadata", Map.of(ORG_METADATA, checkout.orgId())));
        } else {
            params.put("subscription_data", Map.of("metadata", Map.of(ORG_METADATA, checkout.orgId())));
        }
        params.put("success_url", checkout.successUrl());
        params.put("cancel_url", checkout.cancelUrl());
        if (checkout.customerId() != null) {
            params.put("customer", checkout.customerId());
        } else if (checkout.customerEmail() != null) {
            params.put("customer_email", checkout.customerEmail());
            if (checkout.mode() == Mode.PAYMENT) {
                // A subscription always makes a customer; a payment makes one only when asked, and the portal needs it.
                params.put("customer_creation", "always");
            }
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineItem item : checkout.lineItems()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("price", item.priceId());
            line.put("quantity", item.quantity());
            if (item.adjustableFrom() != null) {
                line.put("adjustable_quantity", Map.of("enabled", true, "minimum", item.adjustableFrom(),
                        "maximum", item.adjustableUpTo()));
            }
            lines.add(line);
        }
        params.put("line_items", lines);
        JsonNode session = objects.answer(stripe.send(Request.post("/v1/checkout/sessions",
                FormEncoder.createQueryString(params), checkout.idempotencyKey(), "creating a checkout session")));
        LOG.info("Checkout session {} ({}) created for org {}", text(session, "id"), checkout.mode(), checkout.orgId());
        return url(session, "checkout");
    }

    @Override
    public String startPortal(String customerId, String returnUrl) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customer", customerId);
        params.put("return_url", returnUrl);
        JsonNode session = objects.answer(stripe.send(Request.post("/v1/billing_portal/sessions",
                FormEncoder.createQueryString(params), null, "creating a customer portal session")));
        LOG.info("Customer portal session {} created for customer {}", text(session, "id"), customerId);
        return url(session, "customer portal");
    }

    @Override
    public BillingEvent verifiedEvent(byte[] payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new RosterException(ErrorCode.INVALID_SIGNATURE, "The Stripe-Signature header is missing.");
        }
        String body = new String(payload, StandardCharsets.UTF_8);
        // Billing off or the secret unreadable is said first, whatever the header holds.
        Keys keys = credentials.current();
        if (!StripeSignatureHeader.isWellFormed(signatureHeader)) {
            throw new RosterException(ErrorCode.INVALID_SIGNATURE,
                    "The Stripe-Signature header is not of the form t=<seconds>,v1=<signature>.");
        }
        if (signedWith(keys, body, signatureHeader)) {
            return objects.event(body);
        }
        // The secret may have been rotated since it was read: one more try with it read again.
        Optional<Keys> renewed = credentials.renewedAfter(keys)
                .filter(fresh -> !fresh.webhookSecret().equals(keys.webhookSecret()));
        if (renewed.isPresent() && signedWith(renewed.get(), body, signatureHeader)) {
            return objects.event(body);
        }
        throw new RosterException(ErrorCode.INVALID_SIGNATURE, "The Stripe-Signature header does not match the body,"
                + " or is older than " + SIGNATURE_TOLERANCE_SECONDS + " seconds.");
    }

    private boolean signedWith(Keys keys, String body, String signatureHeader) {
        try {
            return Webhook.Signature.verifyHeader(body, signatureHeader, keys.webhookSecret(),
                    SIGNATURE_TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    @Override
    public BillingEvent trustedEvent(String eventJson) {
        return objects.event(eventJson);
    }

    @Override
    public Optional<Subscription> subscription(String subscriptionId) {
        return stripe.find(Request.get("/v1/subscriptions/" + encode(subscriptionId),
                        "reading subscription " + subscriptionId))
                .map(objects::answer).map(objects::subscription);
    }

    @Override
    public Subscription changeSubscription(SubscriptionChange change) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemChange item : change.items()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (item instanceof ItemChange.Reprice reprice) {
                fields.put("id", reprice.itemId());
                fields.put("price", reprice.priceId());
            } else if (item instanceof ItemChange.Requantify requantify) {
                fields.put("id", requantify.itemId());
                fields.put("quantity", requantify.quantity());
            } else if (item instanceof ItemChange.Add add) {
                fields.put("price", add.priceId());
                fields.put("quantity", add.quantity());
            } else if (item instanceof ItemChange.Remove remove) {
                fields.put("id", remove.itemId());
                fields.put("deleted", true);
            }
            items.add(fields);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("items", items);
        params.put("proration_behavior", PRORATION_BEHAVIOR);
        params.put("payment_behavior", PAYMENT_BEHAVIOR);
        Subscription changed = objects.subscription(objects.answer(stripe.send(Request.post(
                "/v1/subscriptions/" + encode(change.subscriptionId()), FormEncoder.createQueryString(params),
                change.idempotencyKey(), "changing subscription " + change.subscriptionId()))));
        LOG.info("Subscription {} changed: {}", changed.id(), changed.items());
        return changed;
    }

    @Override
    public Optional<Payment> checkoutPayment(String checkoutSessionId) {
        return stripe.find(Request.get("/v1/checkout/sessions/" + encode(checkoutSessionId)
                                + "?expand%5B%5D=line_items&expand%5B%5D=payment_intent.latest_charge",
                        "reading checkout session " + checkoutSessionId))
                .map(objects::answer).map(objects::checkoutPayment);
    }

    @Override
    public Optional<Payment> chargePayment(String chargeId) {
        return stripe.find(Request.get("/v1/charges/" + encode(chargeId) + "?expand%5B%5D=payment_intent",
                        "reading charge " + chargeId))
                .map(objects::answer).map(objects::chargePayment);
    }

    private static String url(JsonNode session, String page) {
        String url = text(session, "url");
        if (url == null) {
            LOG.error("Stripe answered {} session {} without a url", page, text(session, "id"));
            throw new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe did not return a " + page
                    + " page; try again.", List.of(), StripeCalls.RETRY_AFTER);
        }
        return url;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** Stripe's own base when unset; otherwise an http(s) URL without a trailing slash. */
    private static String apiBase(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String value = configured.trim();
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
