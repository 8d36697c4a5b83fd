package dev.roster.core.usecase;

import dev.roster.core.domain.Role;

import java.util.List;

/** A PATCH of a member: each field null when it is to stay as it is. */
public record MemberUpdate(Role role, List<String> permissions, List<String> workspaceIds) {
}
