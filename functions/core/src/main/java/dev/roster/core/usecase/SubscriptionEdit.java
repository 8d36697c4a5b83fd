package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.config.StripePrices;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.BillingGateway.Item;
import dev.roster.core.port.BillingGateway.ItemChange;
import dev.roster.core.port.BillingGateway.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * What changing a running subscription to a plan and a number of extra seats asks of Stripe, decided from the
 * subscription as Stripe holds it and the org as read, and nothing else: the plan item repriced, the extra-seat item
 * set to the new quantity (added, or removed on a plan without extra seats), or a refusal.
 */
final class SubscriptionEdit {

    private SubscriptionEdit() {
    }

    /**
     * @param planName   null keeps the subscription's plan
     * @param extraSeats null keeps the extra seats where the plan has them, and drops them where it has none
     * @return the item changes; none when the subscription already is what was asked for
     */
    static List<ItemChange> decide(Subscription subscription, Org org, RosterSettings settings, String planName,
                                   Integer extraSeats) {
        StripePrices prices = settings.stripePrices();
        Item planItem = subscription.items().stream().filter(i -> prices.planOf(i.priceId()).isPresent())
                .findFirst().orElse(null);
        Item seatItem = subscription.items().stream().filter(i -> prices.isExtraSeat(i.priceId()))
                .findFirst().orElse(null);
        Plan current = planItem != null ? settings.planOf(prices.planOf(planItem.priceId()).orElseThrow())
                : settings.planOf(org.plan());
        Plan target = planName == null ? current : settings.plan(planName).orElseThrow(() -> RosterException.invalid(
                "plan", "unknown plan; known: " + String.join(", ", settings.planNames())));
        boolean planChanges = !target.name().equals(current.name());
        String targetPrice = planChanges ? priceOf(target, planItem, current, prices) : null;
        if (extraSeats != null && (extraSeats < 0 || extraSeats > CheckoutService.MAX_EXTRA_SEATS)) {
            throw RosterException.invalid("extraSeats", "must be between 0 and " + CheckoutService.MAX_EXTRA_SEATS);
        }
        if (extraSeats != null && extraSeats > 0 && !target.extraSeats()) {
            throw new RosterException(ErrorCode.PLAN_HAS_NO_EXTRA_SEATS, "The " + target.name()
                    + " plan has no extra seats; a plan with them (" + plansWithExtraSeats(settings) + ") can buy some.");
        }
        int currentSeats = seatItem == null ? 0 : (int) Math.min(seatItem.quantity(), Integer.MAX_VALUE);
        int seats = extraSeats != null ? extraSeats : target.extraSeats() ? currentSeats : 0;
        Integer limit = target.seatLimit(seats);
        boolean reduces = org.seatLimit() == null ? limit != null : limit != null && limit < org.seatLimit();
        if (reduces && limit < org.seatsUsed()) {
            throw new RosterException(ErrorCode.SEATS_IN_USE, "The organization uses " + org.seatsUsed()
                    + " seats (members and pending invitations); the " + target.name() + " plan with " + seats
                    + " extra seats holds " + limit + ". Remove members or revoke invitations first.");
        }
        List<ItemChange> changes = new ArrayList<>();
        if (planChanges) {
            changes.add(new ItemChange.Reprice(planItem.id(), targetPrice));
        }
        if (target.extraSeats() && seatItem != null && seatItem.quantity() != seats) {
            changes.add(new ItemChange.Requantify(seatItem.id(), seats));
        } else if (target.extraSeats() && seatItem == null && seats > 0) {
            changes.add(new ItemChange.Add(prices.extraSeatPrice().orElseThrow(() -> new RosterException(
                    ErrorCode.BILLING_NOT_CONFIGURED, "No Stripe price for extra seats is configured.")), seats));
        } else if (!target.extraSeats() && seatItem != null) {
            changes.add(new ItemChange.Remove(seatItem.id()));
        }
        return changes;
    }

    private static String priceOf(Plan target, Item planItem, Plan current, StripePrices prices) {
        if (planItem == null) {
            throw RosterException.invalid("plan", "this subscription buys only the extra seats of the " + current.name()
                    + " plan, held for good; it has no plan to change");
        }
        if (target.soldOnce()) {
            throw RosterException.invalid("plan", "the " + target.name() + " plan is sold once; buy it through checkout");
        }
        return prices.priceOf(target.name()).orElseThrow(() -> RosterException.invalid("plan",
                "the " + target.name() + " plan cannot be bought"));
    }

    private static String plansWithExtraSeats(RosterSettings settings) {
        return String.join(", ", settings.planNames().stream().sorted()
                .filter(name -> settings.planOf(name).extraSeats()).toList());
    }
}
