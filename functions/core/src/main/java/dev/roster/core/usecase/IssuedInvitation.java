package dev.roster.core.usecase;

import dev.roster.core.domain.Invitation;

/** An invitation together with the one place its raw token appears: the link for the inviter. */
public record IssuedInvitation(Invitation invitation, String inviteUrl) {
}
