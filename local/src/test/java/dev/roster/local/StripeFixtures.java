package dev.roster.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe's objects as Stripe's published OpenAPI fixtures render them (github.com/stripe/openapi,
 * {@code openapi/fixtures3.json}, read at commit f6c2a48f): every field of each object, with the fixture's values,
 * written out below from that file. A test's object is one of these with the fields the test is about set, so the
 * function reads answers and events as full as Stripe's, not maps written for the test.
 */
final class StripeFixtures {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private StripeFixtures() {
    }

    /** A subscription holding {@code items} (price id to quantity), each item with its own id. */
    static Map<String, Object> subscription(String id, String orgId, String status, Map<String, Long> items) {
        Map<String, Object> subscription = object(SUBSCRIPTION);
        Map<String, Object> itemTemplate = first(map(subscription.get("items")).get("data"));
        List<Object> data = new ArrayList<>();
        items.forEach((price, quantity) -> {
            Map<String, Object> item = copy(itemTemplate);
            item.put("id", StripeApi.itemId(id, price));
            map(item.get("price")).put("id", price);
            item.put("quantity", quantity);
            item.put("subscription", id);
            data.add(item);
        });
        map(subscription.get("items")).put("data", data);
        map(subscription.get("items")).put("url", "/v1/subscription_items?subscription=" + id);
        subscription.put("id", id);
        subscription.put("status", status);
        subscription.put("customer", "cus_" + id);
        subscription.put("metadata", orgId == null ? Map.of() : Map.of("roster_org_id", orgId));
        return subscription;
    }

    /**
     * A checkout session; a payment one carries {@code paymentIntent} (an id, or expanded) and, as read back with
     * {@code expand[]=line_items}, its {@code lineItems}.
     */
    static Map<String, Object> checkoutSession(String id, String mode, String orgId, String subscriptionId,
                                               Object paymentIntent, String paymentStatus, List<String> linePrices) {
        Map<String, Object> session = object(CHECKOUT_SESSION);
        session.put("id", id);
        session.put("mode", mode);
        session.put("status", "paid".equals(paymentStatus) ? "complete" : "open");
        session.put("payment_status", paymentStatus);
        session.put("client_reference_id", orgId);
        session.put("metadata", Map.of("roster_org_id", orgId));
        session.put("subscription", subscriptionId);
        session.put("payment_intent", paymentIntent);
        session.put("customer", "cus_" + id);
        session.put("url", null);
        if (linePrices != null) {
            List<Object> lines = new ArrayList<>();
            for (String price : linePrices) {
                Map<String, Object> line = object(CHECKOUT_LINE_ITEM);
                line.put("id", "li_" + id + "_" + lines.size());
                map(line.get("price")).put("id", price);
                map(line.get("price")).put("type", "payment".equals(mode) ? "one_time" : "recurring");
                lines.add(line);
            }
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("object", "list");
            list.put("data", lines);
            list.put("has_more", false);
            list.put("url", "/v1/checkout/sessions/" + id + "/line_items");
            session.put("line_items", list);
        }
        return session;
    }

    /** A payment intent paid by {@code latestCharge} (an id, or expanded), its metadata naming the org. */
    static Map<String, Object> paymentIntent(String id, String orgId, Object latestCharge) {
        Map<String, Object> intent = object(PAYMENT_INTENT);
        intent.put("id", id);
        intent.put("status", "succeeded");
        intent.put("client_secret", id + "_secret_fixture");
        intent.put("metadata", Map.of("roster_org_id", orgId));
        intent.put("latest_charge", latestCharge);
        return intent;
    }

    /** A succeeded charge of {@code paymentIntent} (an id, or expanded); {@code refunded} true once fully refunded. */
    static Map<String, Object> charge(String id, Object paymentIntent, boolean refunded) {
        Map<String, Object> charge = object(CHARGE);
        charge.put("id", id);
        charge.put("payment_intent", paymentIntent);
        charge.put("amount_captured", charge.get("amount"));
        charge.put("captured", true);
        charge.put("refunded", refunded);
        charge.put("amount_refunded", refunded ? charge.get("amount") : 0);
        return charge;
    }

    static Map<String, Object> refund(String id, String chargeId, String paymentIntentId) {
        Map<String, Object> refund = object(REFUND);
        refund.put("id", id);
        refund.put("charge", chargeId);
        refund.put("payment_intent", paymentIntentId);
        return refund;
    }

    /** An invoice as API versions since 2025-03-31 render it: the subscription under parent.subscription_details. */
    static Map<String, Object> invoice(String id, String subscriptionId, String orgId) {
        Map<String, Object> invoice = object(INVOICE);
        invoice.put("id", id);
        invoice.put("status", "paid");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("metadata", Map.of("roster_org_id", orgId));
        details.put("subscription", subscriptionId);
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("quote_details", null);
        parent.put("subscription_details", details);
        parent.put("type", "subscription_details");
        invoice.put("parent", parent);
        return invoice;
    }

    static Map<String, Object> portalSession(String customerId, String returnUrl, String url) {
        Map<String, Object> session = object(PORTAL_SESSION);
        session.put("customer", customerId);
        session.put("return_url", returnUrl);
        session.put("url", url);
        session.put("flow", null);
        return session;
    }

    static Map<String, Object> event(String id, String type, Object dataObject) {
        Map<String, Object> event = object(EVENT);
        event.put("id", id);
        event.put("type", type);
        event.put("api_version", "2025-03-31.basil");
        event.put("pending_webhooks", 1);
        event.put("data", Map.of("object", dataObject));
        return event;
    }

    /** Stripe's error body: {@code {"error": {...}}} with the fields of its api_errors object. */
    static Map<String, Object> error(String type, String code, String declineCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        error.put("decline_code", declineCode);
        error.put("doc_url", code == null ? null : "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        error.put("message", message);
        error.put("param", null);
        error.put("request_log_url", "https://dashboard.stripe.com/test/logs/req_fixture");
        return Map.of("error", error);
    }

    static String json(Object value) {
        try {
            return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh, changeable copy of a fixture. */
    private static Map<String, Object> object(String fixture) {
        try {
            return JSON.readValue(fixture, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> copy(Map<String, Object> value) {
        return object(json(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> first(Object list) {
        return map(((List<?>) list).get(0));
    }

    // --- openapi/fixtures3.json, resources ------------------------------------------------------------------

    /** {@code subscription} */
    static final String SUBSCRIPTION = """
            {
              "application": null,
              "application_fee_percent": null,
              "automatic_tax": {"enabled": false, "liability": {"type": "account"}, "disabled_reason": null},
              "billing_cycle_anchor": 1234567890,
              "billing_cycle_anchor_config": {
                                               "day_of_month": 1361669285,
                                               "hour": null,
                                               "minute": null,
                                               "month": null,
                                               "second": null
                                             },
              "cancel_at": 1234567890,
              "canceled_at": 1234567890,
              "cancellation_details": {"comment": null, "feedback": null, "reason": null},
              "collection_method": "charge_automatically",
              "created": 1234567890,
              "currency": "usd",
              "customer": "cus_QXg1o8vcGmoR32",
              "days_until_due": null,
              "default_payment_method": null,
              "default_source": null,
              "default_tax_rates": [],
              "description": null,
              "discounts": [],
              "ended_at": 1234567890,
              "id": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
              "invoice_settings": {
                                    "account_tax_ids": null,
                                    "issuer": {"type": "self"},
                                    "custom_fields": null,
                                    "description": null,
                                    "footer": null
                                  },
              "items": {
                         "data": [
                                   {
                                     "created": 1721954054,
                                     "discounts": [],
                                     "id": "si_QXhVnC2h0Jczwc",
                                     "metadata": {},
                                     "object": "subscription_item",
                                     "price": {
                                                "active": true,
                                                "billing_scheme": "per_unit",
                                                "created": 1721948530,
                                                "currency": "usd",
                                                "custom_unit_amount": {"maximum": null, "minimum": null, "preset": null},
                                                "id": "price_1PgafmB7WZ01zgkW6dKueIc5",
                                                "livemode": false,
                                                "lookup_key": null,
                                                "metadata": {},
                                                "nickname": null,
                                                "object": "price",
                                                "product": "prod_QXg1hqf4jFNsqG",
                                                "recurring": {
                                                               "interval": "month",
                                                               "interval_count": 1,
                                                               "meter": null,
                                                               "usage_type": "licensed",
                                                               "trial_period_days": null
                                                             },
                                                "tax_behavior": "unspecified",
                                                "tiers_mode": null,
                                                "transform_quantity": {"divide_by": 1592560163, "round": "down"},
                                                "type": "recurring",
                                                "unit_amount": 2000,
                                                "unit_amount_decimal": "2000"
                                              },
                                     "quantity": 1,
                                     "subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
                                     "tax_rates": [],
                                     "plan": {
                                               "active": true,
                                               "amount": null,
                                               "amount_decimal": null,
                                               "billing_scheme": "tiered",
                                               "created": 1028554472,
                                               "currency": "currency",
                                               "id": "obj_123",
                                               "interval": "month",
                                               "interval_count": 797691627,
                                               "livemode": true,
                                               "metadata": null,
                                               "meter": null,
                                               "nickname": null,
                                               "object": "plan",
                                               "product": null,
                                               "tiers_mode": null,
                                               "transform_usage": {"divide_by": 1592560163, "round": "down"},
                                               "trial_period_days": null,
                                               "usage_type": "licensed"
                                             },
                                     "current_period_end": 976287773,
                                     "current_period_start": 1896570518,
                                     "billing_thresholds": {"usage_gte": null}
                                   }
                                 ],
                         "has_more": false,
                         "object": "list",
                         "url": "/v1/subscription_items?subscription=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
                       },
              "latest_invoice": null,
              "livemode": false,
              "metadata": {},
              "next_pending_invoice_item_invoice": 1234567890,
              "object": "subscription",
              "on_behalf_of": null,
              "pause_collection": {"behavior": "mark_uncollectible", "resumes_at": null},
              "payment_settings": {
                                    "payment_method_options": {
                                                                "acss_debit": {},
                                                                "bancontact": {"preferred_language": "fr"},
                                                                "card": {"network": null, "request_three_d_secure": null},
                                                                "customer_balance": {"funding_type": null},
                                                                "konbini": {},
                                                                "sepa_debit": {},
                                                                "us_bank_account": {},
                                                                "payto": {},
                                                                "pix": {},
                                                                "upi": {}
                                                              },
                                    "payment_method_types": null,
                                    "save_default_payment_method": null
                                  },
              "pending_invoice_item_interval": {"interval": "month", "interval_count": 797691627},
              "pending_setup_intent": null,
              "pending_update": {
                                  "billing_cycle_anchor": null,
                                  "discount": {
                                                "checkout_session": null,
                                                "customer": null,
                                                "end": null,
                                                "id": "obj_123",
                                                "invoice": null,
                                                "invoice_item": null,
                                                "object": "discount",
                                                "promotion_code": null,
                                                "start": 109757538,
                                                "subscription": null,
                                                "subscription_item": null,
                                                "source": {"coupon": null, "type": "coupon"},
                                                "customer_account": null
                                              },
                                  "discounts": [],
                                  "expires_at": 833811170,
                                  "subscription_items": null,
                                  "trial_end": null,
                                  "trial_from_plan": null,
                                  "metadata": null
                                },
              "schedule": null,
              "start_date": 1234567890,
              "status": "active",
              "test_clock": null,
              "transfer_data": {"amount_percent": null, "destination": {"id": "obj_123", "object": "account"}},
              "trial_end": 1234567890,
              "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
              "trial_start": 1234567890,
              "cancel_at_period_end": true,
              "billing_thresholds": {"amount_gte": null, "reset_billing_cycle_anchor": null},
              "billing_mode": {"type": "classic", "flexible": {}},
              "customer_account": null,
              "managed_payments": {"enabled": true},
              "billing_schedules": [
                                     {
                                       "applies_to": null,
                                       "bill_until": {
                                                       "computed_timestamp": 2082605468,
                                                       "duration": {"interval": "month", "interval_count": null},
                                                       "timestamp": null,
                                                       "type": "duration"
                                                     },
                                       "key": "key"
                                     }
                                   ]
            }
            """;

    /** {@code checkout.session} */
    static final String CHECKOUT_SESSION = """
            {
              "after_expiration": {
                                    "recovery": {
                                                  "allow_promotion_codes": true,
                                                  "enabled": true,
                                                  "expires_at": null,
                                                  "url": null
                                                }
                                  },
              "allow_promotion_codes": null,
              "amount_subtotal": null,
              "amount_total": null,
              "automatic_tax": {"enabled": false, "liability": {"type": "account"}, "status": null, "provider": null},
              "billing_address_collection": null,
              "cancel_url": "https://example.com/cancel",
              "client_reference_id": null,
              "client_secret": null,
              "consent": {"promotions": null, "terms_of_service": null},
              "consent_collection": {
                                      "payment_method_reuse_agreement": {"position": "hidden"},
                                      "promotions": null,
                                      "terms_of_service": null
                                    },
              "created": 1234567890,
              "currency": null,
              "custom_fields": [],
              "custom_text": {
                               "after_submit": {"message": "message"},
                               "shipping_address": {"message": "message"},
                               "submit": {"message": "message"},
                               "terms_of_service_acceptance": {"message": "message"}
                             },
              "customer": null,
              "customer_creation": null,
              "customer_details": {
                                    "address": {
                                                 "city": null,
                                                 "country": null,
                                                 "line1": null,
                                                 "line2": null,
                                                 "postal_code": null,
                                                 "state": null
                                               },
                                    "email": "example@example.com",
                                    "name": null,
                                    "phone": null,
                                    "tax_exempt": "none",
                                    "tax_ids": null,
                                    "business_name": null,
                                    "individual_name": null
                                  },
              "customer_email": null,
              "expires_at": 1234567890,
              "id": "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY",
              "invoice": null,
              "invoice_creation": {
                                    "enabled": true,
                                    "invoice_data": {
                                                      "account_tax_ids": null,
                                                      "custom_fields": null,
                                                      "description": null,
                                                      "footer": null,
                                                      "issuer": {"type": "account"},
                                                      "metadata": null,
                                                      "rendering_options": {"amount_tax_display": null, "template": null}
                                                    }
                                  },
              "livemode": false,
              "locale": null,
              "metadata": {},
              "mode": "payment",
              "object": "checkout.session",
              "payment_intent": "pi_1PgafyB7WZ01zgkWSjxsAJo3",
              "payment_link": null,
              "payment_method_collection": null,
              "payment_method_configuration_details": {"id": "obj_123", "parent": null},
              "payment_method_options": {},
              "payment_method_types": ["card"],
              "payment_status": "unpaid",
              "phone_number_collection": {"enabled": false},
              "recovered_from": null,
              "saved_payment_method_options": {
                                                "allow_redisplay_filters": null,
                                                "payment_method_remove": null,
                                                "payment_method_save": null
                                              },
              "setup_intent": null,
              "shipping_address_collection": {"allowed_countries": ["SC"]},
              "shipping_cost": {
                                 "amount_subtotal": 1555417355,
                                 "amount_tax": 1424534716,
                                 "amount_total": 1117121693,
                                 "shipping_rate": null
                               },
              "shipping_options": [],
              "status": "open",
              "submit_type": null,
              "subscription": null,
              "success_url": "https://example.com/success",
              "total_details": {"amount_discount": 406046392, "amount_shipping": null, "amount_tax": 1424534716},
              "ui_mode": null,
              "url": "https://checkout.stripe.com/pay/c/cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY",
              "adaptive_pricing": {"enabled": true},
              "discounts": null,
              "collected_information": {
                                         "shipping_details": {
                                                               "address": {
                                                                            "city": null,
                                                                            "country": null,
                                                                            "line1": null,
                                                                            "line2": null,
                                                                            "postal_code": null,
                                                                            "state": null
                                                                          },
                                                               "name": "name"
                                                             },
                                         "business_name": null,
                                         "individual_name": null
                                       },
              "permissions": {"update_shipping_details": null},
              "wallet_options": {},
              "origin_context": null,
              "currency_conversion": {
                                       "amount_subtotal": 1555417355,
                                       "amount_total": 1117121693,
                                       "fx_rate": "291452898",
                                       "source_currency": "usd"
                                     },
              "customer_account": null,
              "integration_identifier": null,
              "managed_payments": {"enabled": true}
            }
            """;

    /** {@code item} */
    static final String CHECKOUT_LINE_ITEM = """
            {
              "amount_discount": 0,
              "amount_subtotal": 0,
              "amount_tax": 0,
              "amount_total": 0,
              "currency": "usd",
              "description": "T-shirt",
              "id": "li_1Pgc73B7WZ01zgkWx8kcmZPK",
              "object": "item",
              "price": {
                         "active": true,
                         "billing_scheme": "per_unit",
                         "created": 1721948530,
                         "currency": "usd",
                         "custom_unit_amount": {"maximum": null, "minimum": null, "preset": null},
                         "id": "price_1PgafmB7WZ01zgkW02Hf9z6c",
                         "livemode": false,
                         "lookup_key": null,
                         "metadata": {},
                         "nickname": null,
                         "object": "price",
                         "product": "prod_QXg1hqf4jFNsqG",
                         "recurring": {
                                        "interval": "month",
                                        "interval_count": 797691627,
                                        "meter": null,
                                        "trial_period_days": null,
                                        "usage_type": "licensed"
                                      },
                         "tax_behavior": "unspecified",
                         "tiers_mode": null,
                         "transform_quantity": {"divide_by": 1592560163, "round": "down"},
                         "type": "one_time",
                         "unit_amount": 1000,
                         "unit_amount_decimal": "1000"
                       },
              "quantity": 1,
              "metadata": null,
              "adjustable_quantity": {"enabled": true, "maximum": null, "minimum": null}
            }
            """;

    /** {@code billing_portal.session} */
    static final String PORTAL_SESSION = """
            {
              "configuration": "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX",
              "created": 1234567890,
              "customer": "cus_QXg1o8vcGmoR32",
              "flow": {
                        "after_completion": {
                                              "hosted_confirmation": {"custom_message": null},
                                              "redirect": {"return_url": "return_url"},
                                              "type": "hosted_confirmation"
                                            },
                        "subscription_cancel": {
                                                 "retention": {
                                                                "coupon_offer": {"coupon": "coupon"},
                                                                "type": "coupon_offer"
                                                              },
                                                 "subscription": "subscription"
                                               },
                        "subscription_update": {"subscription": "subscription"},
                        "subscription_update_confirm": {
                                                         "discounts": null,
                                                         "items": [{"id": null, "price": null}],
                                                         "subscription": "subscription"
                                                       },
                        "type": "subscription_update"
                      },
              "id": "bps_1Pgc7HB7WZ01zgkWNs8s9Auh",
              "livemode": true,
              "locale": null,
              "object": "billing_portal.session",
              "on_behalf_of": null,
              "return_url": "https://example.com/account",
              "url": "https://sangeekp-15t6ai--customer_portal-mydev.dev.stripe.me/session/{SESSION_SECRET}",
              "customer_account": null
            }
            """;

    /** {@code invoice} */
    static final String INVOICE = """
            {
              "account_country": "US",
              "account_name": null,
              "account_tax_ids": null,
              "amount_due": 1000,
              "amount_paid": 0,
              "amount_remaining": 1000,
              "amount_shipping": 0,
              "application": null,
              "attempt_count": 0,
              "attempted": false,
              "auto_advance": false,
              "automatic_tax": {
                                 "enabled": false,
                                 "liability": {"type": "account"},
                                 "status": null,
                                 "disabled_reason": null,
                                 "provider": null
                               },
              "billing_reason": "manual",
              "collection_method": "charge_automatically",
              "created": 1234567890,
              "currency": "usd",
              "custom_fields": null,
              "customer": "cus_QXg1o8vcGmoR32",
              "customer_address": {
                                    "city": null,
                                    "country": null,
                                    "line1": null,
                                    "line2": null,
                                    "postal_code": null,
                                    "state": null
                                  },
              "customer_email": null,
              "customer_name": null,
              "customer_phone": null,
              "customer_shipping": {},
              "customer_tax_exempt": "none",
              "customer_tax_ids": [],
              "default_payment_method": null,
              "default_source": null,
              "default_tax_rates": [],
              "description": null,
              "discounts": [],
              "due_date": 1234567890,
              "effective_at": 1234567890,
              "ending_balance": null,
              "footer": null,
              "from_invoice": {"action": "action", "invoice": "invoice"},
              "hosted_invoice_url": null,
              "id": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
              "invoice_pdf": null,
              "issuer": {"type": "self"},
              "last_finalization_error": {"type": "idempotency_error"},
              "latest_revision": null,
              "lines": {
                         "data": [
                                   {
                                     "amount": 1000,
                                     "currency": "usd",
                                     "description": "My First Invoice Item (created for API docs)",
                                     "discount_amounts": [],
                                     "discountable": true,
                                     "discounts": [],
                                     "id": "il_1Pgc6sB7WZ01zgkWFnxLrLCq",
                                     "invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
                                     "livemode": false,
                                     "metadata": {},
                                     "object": "line_item",
                                     "period": {"end": 1721954054, "start": 1721954054},
                                     "quantity": 1,
                                     "subscription": null,
                                     "pretax_credit_amounts": null,
                                     "taxes": null,
                                     "parent": {
                                                 "invoice_item_details": {
                                                                           "invoice_item": "invoice_item",
                                                                           "proration": true,
                                                                           "proration_details": {
                                                                                                  "credited_items": {
                                                                                                                      "invoice": "invoice",
                                                                                                                      "invoice_line_items": [
                                                                                                                                              "invoice_line_items"
                                                                                                                                            ]
                                                                                                                    }
                                                                                                },
                                                                           "subscription": null
                                                                         },
                                                 "subscription_item_details": {
                                                                                "invoice_item": null,
                                                                                "proration": true,
                                                                                "proration_details": {
                                                                                                       "credited_items": {
                                                                                                                           "invoice": "invoice",
                                                                                                                           "invoice_line_items": [
                                                                                                                                                   "invoice_line_items"
                                                                                                                                                 ]
                                                                                                                         }
                                                                                                     },
                                                                                "subscription": "subscription",
                                                                                "subscription_item": "subscription_item"
                                                                              },
                                                 "type": "invoice_item_details"
                                               },
                                     "pricing": {"type": "price_details", "unit_amount_decimal": null},
                                     "subtotal": 2060319484,
                                     "quantity_decimal": null
                                   }
                                 ],
                         "has_more": false,
                         "object": "list",
                         "url": "/v1/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I/lines"
                       },
              "livemode": false,
              "metadata": {},
              "next_payment_attempt": 1234567890,
              "number": null,
              "object": "invoice",
              "on_behalf_of": null,
              "payment_settings": {
                                    "default_mandate": null,
                                    "payment_method_options": {
                                                                "acss_debit": {},
                                                                "bancontact": {"preferred_language": "fr"},
                                                                "card": {"request_three_d_secure": null},
                                                                "customer_balance": {"funding_type": null},
                                                                "konbini": {},
                                                                "sepa_debit": {},
                                                                "us_bank_account": {},
                                                                "payto": {},
                                                                "pix": {"amount_includes_iof": null},
                                                                "upi": {}
                                                              },
                                    "payment_method_types": null
                                  },
              "period_end": 1234567890,
              "period_start": 1234567890,
              "post_payment_credit_notes_amount": 0,
              "pre_payment_credit_notes_amount": 0,
              "receipt_number": null,
              "rendering": {
                             "amount_tax_display": null,
                             "pdf": {"page_size": null},
                             "template": null,
                             "template_version": null
                           },
              "shipping_cost": {
                                 "amount_subtotal": 1555417355,
                                 "amount_tax": 1424534716,
                                 "amount_total": 1117121693,
                                 "shipping_rate": null
                               },
              "shipping_details": {},
              "starting_balance": 0,
              "statement_descriptor": null,
              "status": "draft",
              "status_transitions": {
                                      "finalized_at": null,
                                      "marked_uncollectible_at": null,
                                      "paid_at": null,
                                      "voided_at": null
                                    },
              "subscription": null,
              "subtotal": 1000,
              "subtotal_excluding_tax": 1000,
              "test_clock": null,
              "total": 1000,
              "total_discount_amounts": [],
              "total_excluding_tax": 1000,
              "webhooks_delivered_at": 1234567890,
              "automatically_finalizes_at": null,
              "total_pretax_credit_amounts": null,
              "total_taxes": null,
              "amount_overpaid": 149300825,
              "parent": {
                          "quote_details": {"quote": "quote"},
                          "subscription_details": {"metadata": null, "subscription": "subscription"},
                          "type": "quote_details"
                        },
              "customer_account": null
            }
            """;

    /** {@code charge} */
    static final String CHARGE = """
            {
              "amount": 100,
              "amount_captured": 0,
              "amount_refunded": 0,
              "application": null,
              "application_fee": null,
              "application_fee_amount": null,
              "balance_transaction": "txn_1PgaxNB7WZ01zgkWEV3TLf40",
              "billing_details": {
                                   "address": {
                                                "city": null,
                                                "country": null,
                                                "line1": null,
                                                "line2": null,
                                                "postal_code": null,
                                                "state": null
                                              },
                                   "email": null,
                                   "name": "Jenny Rosen",
                                   "phone": null,
                                   "tax_id": null
                                 },
              "calculated_statement_descriptor": null,
              "captured": false,
              "created": 1234567890,
              "currency": "usd",
              "customer": null,
              "description": "My First Test Charge (created for API docs)",
              "disputed": false,
              "failure_balance_transaction": null,
              "failure_code": null,
              "failure_message": null,
              "fraud_details": {},
              "id": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
              "livemode": false,
              "metadata": {},
              "object": "charge",
              "on_behalf_of": null,
              "outcome": {
                           "advice_code": null,
                           "network_advice_code": null,
                           "network_decline_code": null,
                           "network_status": null,
                           "reason": null,
                           "seller_message": null,
                           "type": "type"
                         },
              "paid": true,
              "payment_intent": null,
              "payment_method": "card_1PgaftB7WZ01zgkWm3waTcFp",
              "payment_method_details": {
                                          "card": {
                                                    "amount_authorized": null,
                                                    "brand": "visa",
                                                    "checks": {
                                                                "address_line1_check": null,
                                                                "address_postal_code_check": null,
                                                                "cvc_check": "pass"
                                                              },
                                                    "country": "US",
                                                    "exp_month": 8,
                                                    "exp_year": 2030,
                                                    "extended_authorization": {"status": "disabled"},
                                                    "fingerprint": "AOB934RVNwzk6xtn",
                                                    "funding": "credit",
                                                    "incremental_authorization": {"status": "unavailable"},
                                                    "installments": {
                                                                      "plan": {
                                                                                "count": null,
                                                                                "interval": null,
                                                                                "type": "fixed_count"
                                                                              }
                                                                    },
                                                    "last4": "4242",
                                                    "mandate": null,
                                                    "multicapture": {"status": "unavailable"},
                                                    "network": "visa",
                                                    "network_token": {"used": false},
                                                    "overcapture": {
                                                                     "maximum_amount_capturable": 100,
                                                                     "status": "unavailable"
                                                                   },
                                                    "three_d_secure": {
                                                                        "authentication_flow": null,
                                                                        "electronic_commerce_indicator": null,
                                                                        "exemption_indicator": null,
                                                                        "result": null,
                                                                        "result_reason": null,
                                                                        "transaction_id": null,
                                                                        "version": null
                                                                      },
                                                    "wallet": {"dynamic_last4": null, "type": "link"},
                                                    "authorization_code": null,
                                                    "regulated_status": null,
                                                    "network_transaction_id": null,
                                                    "transaction_link_id": null
                                                  },
                                          "type": "card"
                                        },
              "receipt_email": null,
              "receipt_number": null,
              "receipt_url": "https://sangeekp-15t6ai--manage-mydev.dev.stripe.me/receipts/payment/CAcaFwoVYWNjdF8xUGdhZlRCN1daMDF6Z2tXKI_ei7UGMgZv2S_KfiY6LCJrxC7awazgQA9I88krZKw5uuCkZ5Nup2tomEtAbSpdfzjVZHO3ZYP5KFZP",
              "refunded": false,
              "refunds": {
                           "data": [],
                           "has_more": false,
                           "object": "list",
                           "url": "/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8/refunds"
                         },
              "review": null,
              "shipping": {},
              "source_transfer": null,
              "statement_descriptor": null,
              "statement_descriptor_suffix": null,
              "status": "succeeded",
              "transfer_data": {"amount": null, "destination": {"id": "obj_123", "object": "account"}},
              "transfer_group": null,
              "source": {
                          "allow_redisplay": null,
                          "amount": null,
                          "client_secret": "client_secret",
                          "created": 1028554472,
                          "currency": null,
                          "flow": "flow",
                          "id": "obj_123",
                          "livemode": true,
                          "metadata": null,
                          "object": "source",
                          "owner": {
                                     "address": {
                                                  "city": null,
                                                  "country": null,
                                                  "line1": null,
                                                  "line2": null,
                                                  "postal_code": null,
                                                  "state": null
                                                },
                                     "email": null,
                                     "name": null,
                                     "phone": null,
                                     "verified_address": {
                                                           "city": null,
                                                           "country": null,
                                                           "line1": null,
                                                           "line2": null,
                                                           "postal_code": null,
                                                           "state": null
                                                         },
                                     "verified_email": null,
                                     "verified_name": null,
                                     "verified_phone": null
                                   },
                          "statement_descriptor": null,
                          "status": "status",
                          "type": "ach_credit_transfer",
                          "usage": null
                        }
            }
            """;

    /** {@code refund} */
    static final String REFUND = """
            {
              "amount": 100,
              "balance_transaction": null,
              "charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
              "created": 1234567890,
              "currency": "usd",
              "destination_details": {"card": {"type": "reversal"}, "type": "card"},
              "id": "re_1Pgc72B7WZ01zgkWqPvrRrPE",
              "metadata": {},
              "object": "refund",
              "payment_intent": null,
              "reason": null,
              "receipt_number": null,
              "source_transfer_reversal": null,
              "status": "succeeded",
              "transfer_reversal": null,
              "customer": null,
              "customer_account": null,
              "payment_method": null
            }
            """;

    /** {@code payment_intent} */
    static final String PAYMENT_INTENT = """
            {
              "amount": 1099,
              "amount_capturable": 0,
              "amount_details": {"tip": {}},
              "amount_received": 0,
              "application": null,
              "application_fee_amount": null,
              "automatic_payment_methods": {"enabled": true},
              "canceled_at": 1234567890,
              "cancellation_reason": null,
              "capture_method": "automatic",
              "client_secret": "pi_1PgafyB7WZ01zgkWSjxsAJo3_secret_Dm43xiq1k0ywrRRjDoi8y1gkM",
              "confirmation_method": "automatic",
              "created": 1234567890,
              "currency": "usd",
              "customer": null,
              "description": null,
              "id": "pi_1PgafyB7WZ01zgkWSjxsAJo3",
              "last_payment_error": {"type": "idempotency_error"},
              "latest_charge": null,
              "livemode": false,
              "metadata": {},
              "next_action": {"type": "type"},
              "object": "payment_intent",
              "on_behalf_of": null,
              "payment_method": null,
              "payment_method_configuration_details": {"id": "obj_123", "parent": null},
              "payment_method_options": {},
              "payment_method_types": ["card"],
              "processing": {"type": "card"},
              "receipt_email": null,
              "review": null,
              "setup_future_usage": null,
              "shipping": {},
              "statement_descriptor": null,
              "statement_descriptor_suffix": null,
              "status": "requires_payment_method",
              "transfer_data": {"destination": {"id": "obj_123", "object": "account"}},
              "transfer_group": null,
              "source": null,
              "excluded_payment_method_types": null,
              "customer_account": null,
              "managed_payments": {"enabled": true}
            }
            """;

    /** {@code event} */
    static final String EVENT = """
            {
              "api_version": null,
              "created": 1234567890,
              "data": {
                        "object": {
                                    "active": true,
                                    "aggregate_usage": null,
                                    "amount": 2000,
                                    "amount_decimal": "2000",
                                    "billing_scheme": "per_unit",
                                    "created": 1721948530,
                                    "currency": "usd",
                                    "id": "price_1PgafmB7WZ01zgkW6dKueIc5",
                                    "interval": "month",
                                    "interval_count": 1,
                                    "livemode": false,
                                    "metadata": {},
                                    "meter": null,
                                    "nickname": null,
                                    "object": "plan",
                                    "product": "prod_QXg1hqf4jFNsqG",
                                    "tiers_mode": null,
                                    "transform_usage": null,
                                    "trial_period_days": null,
                                    "usage_type": "licensed"
                                  }
                      },
              "id": "evt_1Pgc76B7WZ01zgkWwyRHS12y",
              "livemode": false,
              "object": "event",
              "pending_webhooks": 0,
              "request": {"id": null, "idempotency_key": null},
              "type": "plan.created"
            }
            """;

}
