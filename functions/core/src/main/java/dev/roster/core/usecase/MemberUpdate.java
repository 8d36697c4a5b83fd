package dev.roster.core.usecase;

import dev.roster.core.domain.Role;

import java.time.Instant;
import java.util.List;

/**
 * A PATCH of a member: each field null when it is to stay as it is.
 *
 * @param accessExpiry when the member's access is to end; null leaves it as it is
 */
public record MemberUpdate(Role role, List<String> permissions, List<String> workspaceIds, AccessExpiry accessExpiry) {

    /** @param at when access ends, or null for never (clears a set end) */
    public record AccessExpiry(Instant at) {
    }
}
