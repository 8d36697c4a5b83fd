package dev.roster.core.domain;

import java.util.Locale;
import java.util.Set;

/** Stripe subscription statuses as Roster records them, and what they mean for the plan. */
public final class BillingStatus {

    /** A subscription in one of these has ended: the org is back on the default plan. */
    private static final Set<String> ENDED = Set.of("CANCELED", "INCOMPLETE_EXPIRED");

    private BillingStatus() {
    }

    /** {@code past_due} becomes {@code PAST_DUE}, in the upper-snake style of every other status of the API. */
    public static String fromStripe(String stripeStatus) {
        return stripeStatus == null || stripeStatus.isBlank() ? "UNKNOWN" : stripeStatus.trim().toUpperCase(Locale.ROOT);
    }

    public static boolean ended(String status) {
        return status != null && ENDED.contains(status);
    }
}
