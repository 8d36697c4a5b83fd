package dev.roster.core.domain;

import java.time.Instant;

/**
 * An organization.
 *
 * @param seatLimit  the seat limit in force, derived from plan and extra seats when they change; kept on the
 *                   item so that a transaction can compare it with {@code seatsUsed} in a condition
 * @param seatsUsed  members (active and suspended) plus pending invitations
 * @param workspaces how many workspaces the org has, kept on the item so a condition can hold the plan's limit
 * @param billing    the subscription behind {@code plan} and {@code extraSeats}
 */
public record Org(String id, String name, String plan, int extraSeats, Integer seatLimit, int seatsUsed,
                  int pendingInvitations, Billing billing, String ownerId, int workspaces, Instant createdAt) {

    public Seats seats() {
        return new Seats(seatLimit, seatsUsed, pendingInvitations);
    }
}
