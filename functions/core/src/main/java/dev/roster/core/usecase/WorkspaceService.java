package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.Workspace;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Workspaces of an org: created and deleted by owners and admins, listed by any member, granted to nobody at first. */
@Singleton
public class WorkspaceService {

    /** No plan gives an org more workspaces than this. */
    public static final int MAX_WORKSPACES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final Presence presence;
    private final Clock clock;

    public WorkspaceService(RosterStore store, RosterSettings settings, Presence presence, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.presence = presence;
        this.clock = clock;
    }

    public Workspace create(Caller caller, String orgId, String name, String requestId) {
        return Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS, now));
            Org org = snapshot.org().orElseThrow();
            int limit = Math.min(MAX_WORKSPACES, settings.planOf(org.plan()).workspaces());
            if (org.workspaces() >= limit) {
                throw limitReached(org, limit);
            }
            Workspace workspace = new Workspace(orgId, Ids.newId(now), name, now);
            try {
                store.commit(List.of(
                        Access.stillHolds(orgId, caller, Role.MANAGERS, now),
                        new Change.CountWorkspaces(orgId, 1, limit),
                        new Change.PutWorkspace(workspace),
                        Audits.entry(orgId, now, caller.userId(), AuditAction.WORKSPACE_CREATED, workspaceTarget(workspace.id()),
                                Map.of(), Map.of("name", name), requestId)));
            } catch (ChangeRejected rejected) {
                if (rejected.change() instanceof Change.RequireMember) {
                    throw Access.lost(rejected);
                }
                if (rejected.current() instanceof Org current && current.workspaces() >= limit) {
                    throw limitReached(current, limit);
                }
                throw new Retry.Stale();
            }
            LOG.info("Org {}: workspace {} created by {}", orgId, workspace.id(), caller.userId());
            return workspace;
        });
    }

    public Page<Workspace> list(Caller caller, String orgId, String cursor, int limit) {
        presence.seen(Access.requireMember(store.member(orgId, caller.userId()), clock.instant()));
        return store.workspaces(orgId, cursor, limit);
    }

    /**
     * Deletes the workspace and then every grant of it, on members and on pending invitations. A grant that
     * outlives its workspace for a moment grants nothing: access checks read the workspace itself.
     */
    public void delete(Caller caller, String orgId, String workspaceId, String requestId) {
        Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withWorkspaces(Set.of(workspaceId)));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS, now));
            Workspace workspace = Optional.ofNullable(snapshot.workspaces().get(workspaceId)).orElseThrow(NotFound::workspace);
            Access.commitAsCaller(store, List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS, now),
                    new Change.DeleteWorkspace(orgId, workspaceId),
                    new Change.CountWorkspaces(orgId, -1, 0),
                    Audits.entry(orgId, now, caller.userId(), AuditAction.WORKSPACE_DELETED, workspaceTarget(workspaceId),
                            Map.of("name", workspace.name()), Map.of(), requestId)));
            return workspace;
        });
        int revoked = revokeGrants(orgId, workspaceId);
        LOG.info("Org {}: workspace {} deleted by {}, {} grant(s) removed", orgId, workspaceId, caller.userId(), revoked);
    }

    private int revokeGrants(String orgId, String workspaceId) {
        int count = 0;
        for (Invitation invitation : store.pendingInvitationsGranting(orgId, workspaceId)) {
            count += dropGrant(invitation, Invitation.class,
                    i -> i.status() == InvitationStatus.PENDING && i.workspaceIds().contains(workspaceId),
                    i -> new Change.PutInvitation(i.withWorkspaces(without(i.workspaceIds(), workspaceId)), i.version()));
        }
        for (Member member : store.membersGranted(orgId, workspaceId)) {
            count += dropGrant(member, Member.class, m -> m.workspaceIds().contains(workspaceId),
                    m -> new Change.PutMember(m.withWorkspaces(without(m.workspaceIds(), workspaceId)), m.version()));
        }
        return count;
    }

    /**
     * Writes {@code item} without the grant, reading it again from the rejection whenever it changed meanwhile.
     *
     * @return 1 when a grant was removed, 0 when the item no longer holds it (or is gone)
     */
    private <T> int dropGrant(T item, Class<T> type, Predicate<T> holdsGrant, Function<T, Change> withoutGrant) {
        T current = item;
        for (int attempt = 0; attempt < Retry.ATTEMPTS; attempt++) {
            if (!holdsGrant.test(current)) {
                return 0;
            }
            try {
                store.commit(List.of(withoutGrant.apply(current)));
                return 1;
            } catch (ChangeRejected changed) {
                if (!type.isInstance(changed.current())) {
                    return 0;
                }
                current = type.cast(changed.current());
            }
        }
        throw new RosterException(ErrorCode.CONCURRENT_MODIFICATION, "The workspace is deleted; some grants of it "
                + "changed too often to remove, and they grant nothing.");
    }

    private static List<String> without(List<String> workspaceIds, String workspaceId) {
        return workspaceIds.stream().filter(id -> !id.equals(workspaceId)).toList();
    }

    private static RosterException limitReached(Org org, int limit) {
        String detail = limit < MAX_WORKSPACES
                ? "The " + org.plan() + " plan includes " + limit + " workspace(s); upgrade for up to " + MAX_WORKSPACES + "."
                : "An organization has at most " + MAX_WORKSPACES + " workspaces.";
        return new RosterException(ErrorCode.WORKSPACE_LIMIT_REACHED, detail);
    }

    private static String workspaceTarget(String workspaceId) {
        return "workspace:" + workspaceId;
    }
}
