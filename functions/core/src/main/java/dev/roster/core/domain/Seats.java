package dev.roster.core.domain;

/**
 * Seat accounting of an org. {@code used} counts ACTIVE and SUSPENDED members plus PENDING invitations.
 *
 * @param limit {@code null} when the plan is unlimited
 */
public record Seats(Integer limit, int used, int pending) {

    public Integer available() {
        return limit == null ? null : Math.max(0, limit - used);
    }

    public boolean canAdd(int count) {
        return limit == null || used + count <= limit;
    }
}
