package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Role;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Set;

/**
 * Answers what the caller may do in an org: VIEWER is read-only, OWNER and ADMIN hold every tool permission and
 * every workspace, MEMBER and VIEWER hold the workspaces and tool permissions granted to them.
 */
@Singleton
public class AccessService {

    public static final String READ = "read";
    public static final String WRITE = "write";

    private final RosterStore store;
    private final RosterSettings settings;
    private final Presence presence;
    private final Clock clock;

    public AccessService(RosterStore store, RosterSettings settings, Presence presence, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * @param workspaceId null to ask about the org as a whole
     * @param permission  {@code read}, {@code write} or a tool permission of the catalog; a check without one is
     *                    refused, so a caller that forgets to ask gets no answer it could read as a yes
     */
    public AccessDecision check(Caller caller, String orgId, String workspaceId, String permission) {
        if (permission == null) {
            throw RosterException.invalid("permission", "is required: read, write or one of "
                    + String.join(", ", settings.permissionCatalog()));
        }
        boolean toolPermission = !READ.equals(permission) && !WRITE.equals(permission);
        if (toolPermission && !settings.permissionCatalog().contains(permission)) {
            throw RosterException.invalid("permission", "must be read, write or one of "
                    + String.join(", ", settings.permissionCatalog()));
        }
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId())
                .withWorkspaces(workspaceId == null ? Set.of() : Set.of(workspaceId)));
        Member member = Access.requireMember(snapshot, clock.instant());
        presence.seen(member);
        if (workspaceId != null && !snapshot.workspaces().containsKey(workspaceId)) {
            throw NotFound.workspace();
        }
        Role role = member.role();
        if (role.impliesAllPermissions()) {
            return new AccessDecision(true, role, "ROLE_GRANTS_ALL");
        }
        if (workspaceId != null && !member.workspaceIds().contains(workspaceId)) {
            return new AccessDecision(false, role, "WORKSPACE_NOT_GRANTED");
        }
        if (WRITE.equals(permission) && role == Role.VIEWER) {
            return new AccessDecision(false, role, "VIEWER_IS_READ_ONLY");
        }
        if (toolPermission && !member.permissions().contains(permission)) {
            return new AccessDecision(false, role, "PERMISSION_NOT_GRANTED");
        }
        return new AccessDecision(true, role, "GRANTED");
    }
}
