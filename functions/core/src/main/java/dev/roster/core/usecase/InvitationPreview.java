package dev.roster.core.usecase;

import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Role;

import java.time.Instant;

/** What anyone holding the link may see before signing in. */
public record InvitationPreview(String orgName, Role role, String invitedByName, String maskedEmail,
                                Instant expiresAt, InvitationStatus status) {
}
