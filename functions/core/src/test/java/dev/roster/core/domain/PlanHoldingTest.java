package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which plan an org holds, and by what, from its subscription and the plan it bought once. */
class PlanHoldingTest {

    private static final Plan FREE = new Plan("FREE", 1, false, false, 1, false);
    private static final Plan PRO = new Plan("PRO", 10, true, true, 10, false);
    private static final Plan FOUNDER = new Plan("FOUNDER", 25, true, true, 10, true);

    @Test
    void aRunningSubscriptionsPlanOutranksAPlanBoughtOnceWhichOutranksTheDefault() {
        assertEquals(new PlanHolding(PRO, 2, PlanSource.SUBSCRIPTION), PlanHolding.of(PRO, 2, true, FOUNDER, FREE));
        assertEquals(new PlanHolding(FOUNDER, 3, PlanSource.ONE_TIME), PlanHolding.of(null, 3, true, FOUNDER, FREE));
        assertEquals(new PlanHolding(FOUNDER, 0, PlanSource.ONE_TIME), PlanHolding.of(PRO, 2, false, FOUNDER, FREE));
        assertEquals(new PlanHolding(FREE, 0, PlanSource.DEFAULT), PlanHolding.of(PRO, 2, false, null, FREE));
    }

    @Test
    void extraSeatsCountOnlyOnPlansWithExtraSeats() {
        assertEquals(28, PlanHolding.of(null, 3, true, FOUNDER, FREE).seatLimit());
        assertEquals(1, PlanHolding.of(null, 3, true, null, FREE).seatLimit(), "a refunded plan's seats count for nothing");
    }
}
