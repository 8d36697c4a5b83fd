package dev.roster.core.domain;

import java.util.List;

/**
 * What a membership or an invitation grants: a role, tool permissions and workspaces. One value, so that the two
 * lists travel together and cannot trade places on the way.
 */
public record AccessGrant(Role role, List<String> permissions, List<String> workspaceIds) {

    /** An owner's: the role implies every permission, and workspaces are granted explicitly, none at first. */
    public static AccessGrant owner() {
        return new AccessGrant(Role.OWNER, List.of(), List.of());
    }
}
