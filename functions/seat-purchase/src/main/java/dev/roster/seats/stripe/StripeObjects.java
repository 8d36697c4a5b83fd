package dev.roster.seats.stripe;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway.BillingEvent;
import dev.roster.core.port.BillingGateway.Item;
import dev.roster.core.port.BillingGateway.Payment;
import dev.roster.core.port.BillingGateway.PaymentState;
import dev.roster.core.port.BillingGateway.Subscription;
import dev.roster.core.json.StrictJson;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's objects read as JSON rather than through stripe-java's typed models, so that objects rendered at another
 * API version read the same and the function's jar leaves the models out: events, subscriptions, checkout sessions
 * and charges, as far as Roster needs them.
 */
final class StripeObjects {

    /** The metadata key that ties a Stripe object to its org. */
    static final String ORG_METADATA = "roster_org_id";

    /** The event's id and type, and from its object what it concerns and the org it names. */
    BillingEvent event(String eventJson) {
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
        if ("subscription".equals(objectType)) {
            return new BillingEvent(id, type, text(object, "id"), orgOf(object), null, null);
        }
        if ("checkout.session".equals(objectType)) {
            String orgId = Optional.ofNullable(text(object, "client_reference_id")).orElse(orgOf(object));
            return new BillingEvent(id, type, idOf(object.get("subscription")), orgId, text(object, "id"), null);
        }
        if ("invoice".equals(objectType)) {
            // Before API version 2025-03-31 the invoice names its subscription directly; since, under parent.
            JsonNode details = path(object, "parent", "subscription_details");
            String subscriptionId = Optional.ofNullable(idOf(object.get("subscription")))
                    .orElse(idOf(details.get("subscription")));
            String orgId = Optional.ofNullable(orgOf(details)).orElse(orgOf(path(object, "subscription_details")));
            return new BillingEvent(id, type, subscriptionId, orgId, null, null);
        }
        if ("charge".equals(objectType)) {
            return new BillingEvent(id, type, null, orgOf(object), null, text(object, "id"));
        }
        if ("refund".equals(objectType)) {
            return new BillingEvent(id, type, null, orgOf(object), null, idOf(object.get("charge")));
        }
        return new BillingEvent(id, type, null, null, null, null);
    }

    Subscription subscription(JsonNode subscription) {
        List<Item> items = new ArrayList<>();
        JsonNode data = path(subscription, "items", "data");
        if (data.isArray()) {
            for (JsonNode item : data.values()) {
                JsonNode quantity = item.get("quantity");
                items.add(new Item(text(item, "id"), idOf(item.get("price")),
                        quantity != null && quantity.isNumber() ? quantity.getLongValue() : 1));
            }
        }
        return new Subscription(text(subscription, "id"), text(subscription, "status"),
                idOf(subscription.get("customer")), orgOf(subscription), items);
    }

    /**
     * A checkout session's payment, read with its line items and its payment intent's latest charge expanded: paid
     * once the session is complete and paid, refunded once that charge is fully refunded.
     */
    Payment checkoutPayment(JsonNode session) {
        JsonNode intent = session.get("payment_intent");
        List<String> prices = new ArrayList<>();
        JsonNode lines = path(session, "line_items", "data");
        if (lines.isArray()) {
            for (JsonNode line : lines.values()) {
                Optional.ofNullable(idOf(line.get("price"))).ifPresent(prices::add);
            }
        }
        boolean paid = "complete".equals(text(session, "status")) && "paid".equals(text(session, "payment_status"))
                && idOf(intent) != null;
        PaymentState state = !paid ? PaymentState.PENDING
                : refunded(path(intent, "latest_charge")) ? PaymentState.REFUNDED : PaymentState.PAID;
        String orgId = Optional.ofNullable(text(session, "client_reference_id")).orElse(orgOf(session));
        return new Payment(idOf(intent), orgId, idOf(session.get("customer")), state, prices);
    }

    /** The payment a charge belongs to, read with its payment intent expanded (whose metadata names the org). */
    Payment chargePayment(JsonNode charge) {
        JsonNode intent = charge.get("payment_intent");
        String orgId = Optional.ofNullable(orgOf(intent)).orElse(orgOf(charge));
        PaymentState state = refunded(charge) ? PaymentState.REFUNDED
                : "succeeded".equals(text(charge, "status")) ? PaymentState.PAID : PaymentState.PENDING;
        return new Payment(idOf(intent), orgId, idOf(charge.get("customer")), state, List.of());
    }

    /** An answer Stripe gave; one that is not a JSON object is Stripe failing, like an error status. */
    JsonNode answer(String body) {
        try {
            JsonNode node = StrictJson.read(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        throw new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe gave an unreadable answer; try again.",
                List.of(), StripeCalls.RETRY_AFTER);
    }

    /** {@code refunded} is true only once a charge is refunded in full. */
    private static boolean refunded(JsonNode charge) {
        JsonNode refunded = charge == null || !charge.isObject() ? null : charge.get("refunded");
        return refunded != null && refunded.isBoolean() && refunded.getBooleanValue();
    }

    private static String orgOf(JsonNode object) {
        return text(path(object, "metadata"), ORG_METADATA);
    }

    /** An expandable field: an id, or the expanded object carrying it. */
    static String idOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isString() ? node.getStringValue() : text(node, "id");
    }

    static JsonNode path(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            JsonNode next = current == null || !current.isObject() ? null : current.get(name);
            current = next == null ? JsonNode.nullNode() : next;
        }
        return current;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() && !value.getStringValue().isBlank() ? value.getStringValue() : null;
    }
}
