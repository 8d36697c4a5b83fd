package dev.roster.core.usecase;

import dev.roster.core.domain.Role;

/**
 * The answer to "may the caller do this here?", for the other services of the product to ask before they act.
 *
 * @param reason a stable UPPER_SNAKE reason: {@code ROLE_GRANTS_ALL}, {@code GRANTED}, {@code WORKSPACE_NOT_GRANTED},
 *               {@code VIEWER_IS_READ_ONLY} or {@code PERMISSION_NOT_GRANTED}
 */
public record AccessDecision(boolean allowed, Role role, String reason) {
}
