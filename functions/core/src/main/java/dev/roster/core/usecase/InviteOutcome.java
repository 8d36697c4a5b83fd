package dev.roster.core.usecase;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Member;
import dev.roster.core.error.RosterException;

/**
 * One invited address: an invitation issued, a member added at once (when the deployment adds people who already
 * have an account directly), or refused with its own error.
 */
public record InviteOutcome(EmailAddress email, IssuedInvitation issued, Member added, RosterException error) {
}
