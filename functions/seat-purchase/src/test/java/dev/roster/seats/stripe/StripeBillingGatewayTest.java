package dev.roster.seats.stripe;

import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway.BillingEvent;
import dev.roster.core.port.SecretStore;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading Stripe events of every shape that matters, checking signatures with the secret as it is now, billing off
 * without a secret, and refusing bad configuration.
 */
class StripeBillingGatewayTest {

    private static final String SECRET = "whsec_unit";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** A secret store holding one secret, whose value a test may rotate. */
    static final class OneSecret implements SecretStore {
        volatile String value;
        int reads;

        OneSecret(String value) {
            this.value = value;
        }

        @Override
        public String read(String secretId) {
            reads++;
            return value;
        }
    }

    static String secret(String apiKey, String webhookSecret) {
        return "{\"apiKey\":\"" + apiKey + "\",\"webhookSecret\":\"" + webhookSecret + "\"}";
    }

    private static StripeBillingGateway gateway(Consumer<StripeConfig> change, String prices, SecretStore secrets,
                                                Clock clock) {
        RosterConfig raw = new RosterConfig();
        raw.setTable("roster");
        raw.setMailFrom("no-reply@roster.test");
        raw.setBaseUrl("https://app.roster.test");
        raw.setStripePrices(prices);
        StripeConfig config = new StripeConfig();
        config.setSecretArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:roster/stripe");
        config.setApiBase("http://localhost:9");
        change.accept(config);
        JsonMapper json = JsonMapper.createDefault();
        return new StripeBillingGateway(config, new StripeCredentials(config, secrets, json, clock),
                new RosterSettings(raw, json), clock);
    }

    private static StripeBillingGateway gateway(Consumer<StripeConfig> change, String prices) {
        return gateway(change, prices, new OneSecret(secret("sk_test_unit", SECRET)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StripeBillingGateway gateway() {
        return gateway(c -> { }, "{\"price_pro\":\"PRO\",\"price_seat\":\"EXTRA_SEAT\"}");
    }

    private static String event(String type, String object) {
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    private static String sign(String payload, long timestamp) throws Exception {
        return sign(payload, SECRET, timestamp);
    }

    private static String sign(String payload, String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
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
    void chargesAndRefundsNameTheChargeAndACheckoutSessionNamesItself() {
        BillingEvent charge = gateway().trustedEvent(event("charge.refunded",
                "{\"id\":\"ch_1\",\"object\":\"charge\",\"refunded\":true,\"metadata\":{}}"));
        assertEquals("ch_1", charge.chargeId());
        assertNull(charge.subscriptionId());
        BillingEvent refund = gateway().trustedEvent(event("refund.created",
                "{\"id\":\"re_1\",\"object\":\"refund\",\"charge\":\"ch_2\"}"));
        assertEquals("ch_2", refund.chargeId());
        BillingEvent session = gateway().trustedEvent(event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"metadata\":{\"roster_org_id\":\"org_e\"}}"));
        assertEquals("cs_1", session.checkoutSessionId());
        assertEquals("org_e", session.orgIdHint());
    }

    @Test
    void aWebhookSignedWithARotatedSecretIsAcceptedOnceTheSecretIsReadAgain() throws Exception {
        OneSecret secrets = new OneSecret(secret("sk_test_unit", "whsec_before"));
        MutableClock clock = new MutableClock(NOW);
        StripeBillingGateway gateway = gateway(c -> { }, "{\"price_pro\":\"PRO\"}", secrets, clock);
        String payload = event("invoice.paid", "{\"object\":\"invoice\",\"subscription\":\"sub_1\"}");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        assertEquals("sub_1", gateway.verifiedEvent(body, sign(payload, "whsec_before", NOW.getEpochSecond()))
                .subscriptionId());

        secrets.value = secret("sk_test_unit", SECRET);
        clock.advance(StripeCredentials.RENEWAL_INTERVAL);
        String signedNow = sign(payload, SECRET, clock.instant().getEpochSecond());

        assertEquals("sub_1", gateway.verifiedEvent(body, signedNow).subscriptionId());
        assertEquals(2, secrets.reads, "read once more, when the cached secret failed");
        assertEquals("sub_1", gateway.verifiedEvent(body, signedNow).subscriptionId());
        assertEquals(2, secrets.reads, "the secret read again is kept");
    }

    @Test
    void forgedSignaturesReadTheSecretAgainAtMostOnceARenewalInterval() throws Exception {
        OneSecret secrets = new OneSecret(secret("sk_test_unit", SECRET));
        MutableClock clock = new MutableClock(NOW);
        StripeBillingGateway gateway = gateway(c -> { }, "{\"price_pro\":\"PRO\"}", secrets, clock);
        String payload = event("invoice.paid", "{\"object\":\"invoice\",\"subscription\":\"sub_1\"}");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String forged = sign(payload, "whsec_forger", NOW.getEpochSecond());

        for (int i = 0; i < 20; i++) {
            assertEquals(ErrorCode.INVALID_SIGNATURE,
                    assertThrows(RosterException.class, () -> gateway.verifiedEvent(body, forged)).code());
        }
        assertEquals(1, secrets.reads);
        clock.advance(StripeCredentials.RENEWAL_INTERVAL);
        assertThrows(RosterException.class, () -> gateway.verifiedEvent(body, forged));
        assertEquals(2, secrets.reads);
    }

    @Test
    void withoutASecretBillingIsOffAndSaysSoWhateverThePrices() {
        StripeBillingGateway off = gateway(c -> c.setSecretArn(" "), null);
        RosterException e = assertThrows(RosterException.class, off::requireEnabled);
        assertEquals(ErrorCode.BILLING_NOT_CONFIGURED, e.code());
        assertTrue(e.getMessage().contains("Billing is off"), e.getMessage());
        assertEquals(ErrorCode.BILLING_NOT_CONFIGURED, assertThrows(RosterException.class,
                () -> off.verifiedEvent("{}".getBytes(StandardCharsets.UTF_8), "t=1,v1=00")).code());
    }

    @Test
    void aSecretThatIsNotTheExpectedJsonIsNotConfiguredAndItsTextIsNeverRepeated() {
        StripeBillingGateway gateway = gateway(c -> { }, "{\"price_pro\":\"PRO\"}",
                new OneSecret("{\"apiKey\":\"sk_live_secret_value\"}"), Clock.fixed(NOW, ZoneOffset.UTC));
        RosterException e = assertThrows(RosterException.class,
                () -> gateway.verifiedEvent("{}".getBytes(StandardCharsets.UTF_8), "t=1,v1=00"));
        assertEquals(ErrorCode.BILLING_NOT_CONFIGURED, e.code());
        assertTrue(e.getMessage().contains("webhookSecret"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_live_secret_value"));
    }

    @Test
    void aSecretStoreThatCannotAnswerIsBillingUnavailableWithRetryAfter() {
        SecretStore failing = id -> {
            throw new SecretStore.SecretUnavailable("throttled");
        };
        StripeBillingGateway gateway = gateway(c -> { }, "{\"price_pro\":\"PRO\"}", failing, Clock.fixed(NOW, ZoneOffset.UTC));
        RosterException e = assertThrows(RosterException.class,
                () -> gateway.verifiedEvent("{}".getBytes(StandardCharsets.UTF_8), "t=1,v1=00"));
        assertEquals(ErrorCode.BILLING_UNAVAILABLE, e.code());
        assertEquals(StripeCredentials.RETRY_AFTER, e.retryAfter());
    }

    @Test
    void theKeysNeverShowInTheirOwnDescription() {
        StripeCredentials.Keys keys = new StripeCredentials.Keys("sk_live_x", "whsec_y", NOW);
        assertFalse(keys.toString().contains("sk_live_x") || keys.toString().contains("whsec_y"), keys::toString);
    }

    @Test
    void badStripeSettingsStopStartUpNamingTheVariable() {
        assertNamed("STRIPE_API_BASE", () -> gateway(c -> c.setApiBase("stripe.example"), "{\"p\":\"PRO\"}"));
        assertNamed("ROSTER_STRIPE_PRICES", () -> gateway(c -> { }, null));
    }

    private static void assertNamed(String variable, org.junit.jupiter.api.function.Executable start) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, start);
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
