package dev.roster.core.usecase;

import dev.roster.core.domain.AccessGrant;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Role;

import java.util.List;

/** One invitation as requested, already well-formed; the use case checks it against the org and catalog. */
public record NewInvitation(EmailAddress email, Role role, List<String> workspaceIds, List<String> permissions) {

    public AccessGrant access() {
        return new AccessGrant(role, permissions, workspaceIds);
    }
}
