package dev.roster.core.usecase;

import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.OneTimePlan;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.PlanSource;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway.Item;
import dev.roster.core.port.BillingGateway.ItemChange;
import dev.roster.core.port.BillingGateway.Subscription;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a subscription change asks of Stripe, decided from the subscription and the org alone. */
class SubscriptionEditTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final RosterSettings SETTINGS = settings();
    private static final Item PRO = new Item("si_pro", "price_pro", 1);
    private static final Item STARTER = new Item("si_starter", "price_starter", 1);

    private static RosterSettings settings() {
        RosterConfig config = new RosterConfig();
        config.setTable("roster");
        config.setMailFrom("no-reply@roster.test");
        config.setBaseUrl("https://app.roster.test");
        config.setStripePrices("{\"price_starter\":\"STARTER\",\"price_pro\":\"PRO\",\"price_founder\":\"FOUNDER\","
                + "\"price_seat\":\"EXTRA_SEAT\"}");
        return new RosterSettings(config, JsonMapper.createDefault());
    }

    private static Subscription subscription(Item... items) {
        return new Subscription("sub_1", "active", "cus_1", "org1", List.of(items));
    }

    private static Item seats(long quantity) {
        return new Item("si_seat", "price_seat", quantity);
    }

    private static Org org(String plan, int extraSeats, Integer limit, int used, PlanSource source) {
        Billing billing = new Billing("ACTIVE", "cus_1", "sub_1", NOW, source,
                source == PlanSource.ONE_TIME ? new OneTimePlan(plan, "pi_1") : null);
        return new Org("org1", "Acme", plan, extraSeats, limit, used, 0, billing, "owner1", 0, NOW);
    }

    private static ErrorCode refused(Runnable decision) {
        return assertThrows(RosterException.class, decision::run).code();
    }

    @Test
    void moreOrFewerSeatsSetTheExtraSeatItemsQuantity() {
        Org pro = org("PRO", 3, 13, 4, PlanSource.SUBSCRIPTION);
        assertEquals(List.of(new ItemChange.Requantify("si_seat", 5)),
                SubscriptionEdit.decide(subscription(PRO, seats(3)), pro, SETTINGS, null, 5));
        assertEquals(List.of(new ItemChange.Requantify("si_seat", 0)),
                SubscriptionEdit.decide(subscription(PRO, seats(3)), pro, SETTINGS, null, 0));
        assertEquals(List.of(new ItemChange.Add("price_seat", 2)),
                SubscriptionEdit.decide(subscription(PRO), org("PRO", 0, 10, 4, PlanSource.SUBSCRIPTION), SETTINGS, null, 2));
        assertEquals(List.of(), SubscriptionEdit.decide(subscription(PRO, seats(3)), pro, SETTINGS, "PRO", 3),
                "nothing to change asks nothing of Stripe");
    }

    @Test
    void aNewPlanRepricesThePlanItemAndDropsExtraSeatsItHasNoRoomFor() {
        Org pro = org("PRO", 2, 12, 3, PlanSource.SUBSCRIPTION);
        assertEquals(List.of(new ItemChange.Reprice("si_pro", "price_starter"), new ItemChange.Remove("si_seat")),
                SubscriptionEdit.decide(subscription(PRO, seats(2)), pro, SETTINGS, "STARTER", null));
        assertEquals(List.of(new ItemChange.Reprice("si_starter", "price_pro"), new ItemChange.Add("price_seat", 4)),
                SubscriptionEdit.decide(subscription(STARTER), org("STARTER", 0, 5, 3, PlanSource.SUBSCRIPTION),
                        SETTINGS, "PRO", 4));
        assertEquals(List.of(new ItemChange.Reprice("si_pro", "price_starter")),
                SubscriptionEdit.decide(subscription(PRO), org("PRO", 0, 10, 3, PlanSource.SUBSCRIPTION), SETTINGS,
                        "STARTER", 0));
    }

    @Test
    void reducingBelowTheSeatsInUseIsRefusedButAnOrgAlreadyOverItsLimitMayStillGrow() {
        Org crowded = org("PRO", 3, 13, 12, PlanSource.SUBSCRIPTION);
        assertEquals(ErrorCode.SEATS_IN_USE,
                refused(() -> SubscriptionEdit.decide(subscription(PRO, seats(3)), crowded, SETTINGS, null, 1)));
        assertEquals(ErrorCode.SEATS_IN_USE,
                refused(() -> SubscriptionEdit.decide(subscription(PRO, seats(3)), crowded, SETTINGS, "STARTER", null)));
        Org over = org("PRO", 0, 10, 14, PlanSource.SUBSCRIPTION);
        assertEquals(List.of(new ItemChange.Add("price_seat", 2)),
                SubscriptionEdit.decide(subscription(PRO), over, SETTINGS, null, 2));
    }

    @Test
    void refusalsNameWhatIsWrong() {
        Org starter = org("STARTER", 0, 5, 1, PlanSource.SUBSCRIPTION);
        assertEquals(ErrorCode.PLAN_HAS_NO_EXTRA_SEATS,
                refused(() -> SubscriptionEdit.decide(subscription(STARTER), starter, SETTINGS, null, 1)));
        assertEquals(ErrorCode.VALIDATION_FAILED,
                refused(() -> SubscriptionEdit.decide(subscription(STARTER), starter, SETTINGS, "FOUNDER", null)));
        assertEquals(ErrorCode.VALIDATION_FAILED,
                refused(() -> SubscriptionEdit.decide(subscription(STARTER), starter, SETTINGS, "ENTERPRISE", null)));
        assertEquals(ErrorCode.VALIDATION_FAILED,
                refused(() -> SubscriptionEdit.decide(subscription(STARTER), starter, SETTINGS, "GOLD", null)));
    }

    @Test
    void theSeatsOfAPlanHeldForGoodChangeButItsPlanDoesNot() {
        Org founder = org("FOUNDER", 2, 27, 3, PlanSource.ONE_TIME);
        assertEquals(List.of(new ItemChange.Requantify("si_seat", 6)),
                SubscriptionEdit.decide(subscription(seats(2)), founder, SETTINGS, null, 6));
        assertEquals(ErrorCode.VALIDATION_FAILED,
                refused(() -> SubscriptionEdit.decide(subscription(seats(2)), founder, SETTINGS, "PRO", null)));
    }
}
