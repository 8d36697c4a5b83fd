package dev.roster.core.usecase;

import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;

/** One row of the members list: a member, or (with include=invitations) a pending invitation. */
public record RosterEntry(Member member, Invitation invitation) {
}
