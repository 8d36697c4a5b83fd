package dev.roster.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Which Stripe price stands for which plan, and which for one extra seat ({@code ROSTER_STRIPE_PRICES}). In a
 * subscription the plan's price comes once and the extra-seat price with the number of extra seats as quantity.
 * When several prices stand for one plan (monthly and yearly, say), checkout offers the first listed.
 */
public final class StripePrices {

    public static final String EXTRA_SEAT = "EXTRA_SEAT";

    /** Price id to plan name or {@link #EXTRA_SEAT}, in the order configured. */
    private final Map<String, String> prices;

    StripePrices(Map<String, String> prices) {
        this.prices = prices;
    }

    /** The plan a price stands for; empty for the extra-seat price and for prices not configured. */
    public Optional<String> planOf(String priceId) {
        return Optional.ofNullable(prices.get(priceId)).filter(p -> !EXTRA_SEAT.equals(p));
    }

    public boolean isExtraSeat(String priceId) {
        return EXTRA_SEAT.equals(prices.get(priceId));
    }

    public Optional<String> priceOf(String plan) {
        return prices.entrySet().stream().filter(e -> e.getValue().equals(plan)).map(Map.Entry::getKey).findFirst();
    }

    public Optional<String> extraSeatPrice() {
        return priceOf(EXTRA_SEAT);
    }
}
