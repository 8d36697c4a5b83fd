package dev.roster.core.usecase;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.error.RosterException;

/** One item of a bulk invitation: either issued or refused with its own error. */
public record InviteOutcome(EmailAddress email, IssuedInvitation issued, RosterException error) {
}
