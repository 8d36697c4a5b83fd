package dev.roster.core.domain;

/**
 * A plan's limits.
 *
 * @param seats          included seats; {@code null} means unlimited
 * @param invitations    whether members can be invited at all
 * @param extraSeats     whether extra seats can be bought on top of {@code seats}
 * @param workspaces     how many workspaces an org may have
 * @param soldOnce       bought with one payment and held for good, rather than subscribed to monthly; its extra
 *                       seats are a subscription of their own
 */
public record Plan(String name, Integer seats, boolean invitations, boolean extraSeats, int workspaces,
                   boolean soldOnce) {

    /** The seat limit for an org on this plan with {@code purchasedExtraSeats}; {@code null} is unlimited. */
    public Integer seatLimit(int purchasedExtraSeats) {
        if (seats == null) {
            return null;
        }
        return extraSeats ? seats + Math.max(0, purchasedExtraSeats) : seats;
    }
}
