package dev.roster.core.domain;

/**
 * The plan an org holds and by what, from its two sources: a running subscription's plan price wins; else a plan
 * bought once; else the default plan. Extra seats are what the running subscription buys, whichever plan they
 * count for (a plan without extra seats does not count them: see {@link Plan#seatLimit}).
 */
public record PlanHolding(Plan plan, int extraSeats, PlanSource source) {

    /**
     * @param subscribed      the plan the subscription's plan price stands for; null when it buys only extra seats
     * @param subscribedSeats the subscription's extra-seat quantity
     * @param running         whether the subscription counts at all (exists and has not ended)
     * @param boughtOnce      the plan sold once the org holds, or null
     */
    public static PlanHolding of(Plan subscribed, int subscribedSeats, boolean running, Plan boughtOnce,
                                 Plan defaultPlan) {
        int seats = running ? subscribedSeats : 0;
        if (running && subscribed != null) {
            return new PlanHolding(subscribed, seats, PlanSource.SUBSCRIPTION);
        }
        if (boughtOnce != null) {
            return new PlanHolding(boughtOnce, seats, PlanSource.ONE_TIME);
        }
        return new PlanHolding(defaultPlan, seats, PlanSource.DEFAULT);
    }

    public Integer seatLimit() {
        return plan.seatLimit(extraSeats);
    }
}
