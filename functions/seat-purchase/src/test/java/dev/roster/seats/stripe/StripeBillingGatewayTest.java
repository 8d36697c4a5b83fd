package dev.roster.seats.stripe;

import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway.BillingEvent;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Stripe events of every shape that matters, checking signatures, and refusing bad configuration. */
class StripeBillingGatewayTest {

    private static final String SECRET = "whsec_unit";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static StripeBillingGateway gateway(Consumer<StripeConfig> change, String prices) {
        RosterConfig raw = new RosterConfig();
        raw.setTable("roster");
        raw.setMailFrom("no-reply@roster.test");
        raw.setBaseUrl("https://app.roster.test");
        raw.setStripePrices(prices);
        StripeConfig config = new StripeConfig();
        config.setApiKey("sk_test_unit");
        config.setWebhookSecret(SECRET);
        config.setApiBase("http://localhost:9");
        change.accept(config);
        return new StripeBillingGateway(config, new RosterSettings(raw, JsonMapper.createDefault()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StripeBillingGateway gateway() {
        return gateway(c -> { }, "{\"price_pro\":\"PRO\",\"price_seat\":\"EXTRA_SEAT\"}");
    }

    private static String event(String type, String object) {
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    private static String sign(String payload, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anInvoiceNamesItsSubscriptionDirectlyInOlderApiVersionsAndUnderParentSinceBasil() {
        BillingEvent older = gateway().trustedEvent(event("invoice.paid", "{\"object\":\"invoice\",\"subscription\":\"sub_old\","
                + "\"subscription_details\":{\"metadata\":{\"roster_org_id\":\"org_a\"}}}"));
        assertEquals("sub_old", older.subscriptionId());
        assertEquals("org_a", older.orgIdHint());

        BillingEvent newer = gateway().trustedEvent(event("invoice.payment_failed", "{\"object\":\"invoice\",\"parent\":"
                + "{\"subscription_details\":{\"subscription\":\"sub_new\",\"metadata\":{\"roster_org_id\":\"org_b\"}}}}"));
        assertEquals("sub_new", newer.subscriptionId());
        assertEquals("org_b", newer.orgIdHint());
        assertEquals("invoice.payment_failed", newer.type());
    }

    @Test
    void aCheckoutSessionNamesItsSubscriptionAsAnIdOrExpandedAndItsOrgAsClientReference() {
        BillingEvent plain = gateway().trustedEvent(event("checkout.session.completed",
                "{\"object\":\"checkout.session\",\"subscription\":\"sub_1\",\"client_reference_id\":\"org_c\"}"));
        assertEquals("sub_1", plain.subscriptionId());
        assertEquals("org_c", plain.orgIdHint());
        BillingEvent expanded = gateway().trustedEvent(event("checkout.session.completed",
                "{\"object\":\"checkout.session\",\"subscription\":{\"id\":\"sub_2\",\"object\":\"subscription\"}}"));
        assertEquals("sub_2", expanded.subscriptionId());
        BillingEvent payment = gateway().trustedEvent(event("checkout.session.completed",
                "{\"object\":\"checkout.session\",\"mode\":\"payment\",\"subscription\":null}"));
        assertNull(payment.subscriptionId(), "a one-off payment concerns no subscription");
    }

    @Test
    void aSubscriptionEventNamesItselfAndItsOrgFromMetadata() {
        BillingEvent e = gateway().trustedEvent(event("customer.subscription.deleted",
                "{\"id\":\"sub_3\",\"object\":\"subscription\",\"metadata\":{\"roster_org_id\":\"org_d\"}}"));
        assertEquals("sub_3", e.subscriptionId());
        assertEquals("org_d", e.orgIdHint());
        assertEquals("evt_1", e.id());
    }

    @Test
    void jsonThatIsNotExactlyOneStripeEventIsRefused() {
        String event = event("invoice.paid", "{\"object\":\"invoice\",\"subscription\":\"sub_1\"}");
        for (String body : new String[]{"{", "[]", "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}", "{\"object\":\"event\"}",
                event + " trailing", event + event, event.replace("\"type\"", "\"type\":\"ping\",\"type\"")}) {
            RosterException e = assertThrows(RosterException.class, () -> gateway().trustedEvent(body), body);
            assertEquals(ErrorCode.MALFORMED_JSON, e.code());
        }
    }

    @Test
    void aSignatureIsAcceptedWithin300SecondsAndRefusedAfter() throws Exception {
        String payload = event("invoice.paid", "{\"object\":\"invoice\",\"subscription\":\"sub_1\"}");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long now = NOW.getEpochSecond();

        assertEquals("sub_1", gateway().verifiedEvent(body, sign(payload, now - 300)).subscriptionId());
        for (String header : new String[]{sign(payload, now - 301), sign(payload + " ", now), "t=" + now + ",v0=abc", "",
                sign(payload, now).replace("t=" + now, "t=99999999999999999999999"), sign(payload, now).replace("t=" + now, "t=now")}) {
            RosterException e = assertThrows(RosterException.class, () -> gateway().verifiedEvent(body, header), header);
            assertEquals(ErrorCode.INVALID_SIGNATURE, e.code());
        }
        assertEquals(ErrorCode.INVALID_SIGNATURE,
                assertThrows(RosterException.class, () -> gateway().verifiedEvent(body, null)).code());
    }

    @Test
    void missingOrBadStripeSettingsStopStartUpNamingTheVariable() {
        assertNamed("STRIPE_API_KEY", () -> gateway(c -> c.setApiKey(" "), "{\"p\":\"PRO\"}"));
        assertNamed("STRIPE_WEBHOOK_SECRET", () -> gateway(c -> c.setWebhookSecret(null), "{\"p\":\"PRO\"}"));
        assertNamed("STRIPE_API_BASE", () -> gateway(c -> c.setApiBase("stripe.example"), "{\"p\":\"PRO\"}"));
        assertNamed("ROSTER_STRIPE_PRICES", () -> gateway(c -> { }, null));
    }

    private static void assertNamed(String variable, org.junit.jupiter.api.function.Executable start) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, start);
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
}
