package dev.roster.core.usecase;

import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Role;

import java.time.Instant;
import java.util.List;

/**
 * What anyone holding the link may see before signing in: what the invitation grants (role, workspace ids, tool
 * permissions), who sent it, to whom (masked) and until when.
 */
public record InvitationPreview(String orgName, Role role, List<String> workspaceIds, List<String> permissions,
                                String invitedByName, String maskedEmail, Instant expiresAt, InvitationStatus status) {
}
