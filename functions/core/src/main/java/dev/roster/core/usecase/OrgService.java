package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.UserProfile;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Organizations, the caller's memberships and the members list. */
@Singleton
public class OrgService {

    private static final Logger LOG = LoggerFactory.getLogger(OrgService.class);
    /** Members-list cursors say which of the two lists they continue. */
    private static final String MEMBERS_PHASE = "m.";
    private static final String INVITATIONS_PHASE = "i.";

    private final RosterStore store;
    private final RosterSettings settings;
    private final Presence presence;
    private final Clock clock;

    public OrgService(RosterStore store, RosterSettings settings, Presence presence, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.presence = presence;
        this.clock = clock;
    }

    public OrgForCaller create(Caller caller, String name, String requestId) {
        EmailAddress email = EmailAddress.parse(caller.email()).orElseThrow(() -> new RosterException(
                ErrorCode.EMAIL_NOT_VERIFIED, "Your sign-in carries no usable email address."));
        Instant now = Times.toMillis(clock.instant());
        Plan plan = settings.defaultPlan();
        Org org = new Org(Ids.newId(now), name, plan.name(), 0, plan.seatLimit(0), 1, 0, Billing.none(), caller.userId(), 0, now);
        UserProfile user = new UserProfile(caller.userId(), email, caller.name(), now);
        Member owner = Member.owner(org, user, now);
        List<Change> changes = new ArrayList<>(List.of(
                new Change.CreateOrg(org),
                new Change.PutMember(owner, null),
                new Change.PutEmailClaim(EmailClaim.member(org.id(), email, caller.userId()), null),
                new Change.PutUser(user),
                Audits.entry(org.id(), now, caller.userId(), AuditAction.ORG_CREATED, "org:" + org.id(), Map.of(),
                        Map.of("name", org.name(), "plan", org.plan(), "ownerId", caller.userId()), requestId)));
        if (settings.oneOrgPerUser()) {
            changes.add(new Change.ClaimSoleOrg(caller.userId(), org.id()));
        }
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            if (rejected.change() instanceof Change.ClaimSoleOrg) {
                throw Policies.alreadyInAnotherOrg();
            }
            throw rejected;
        }
        LOG.info("Created org {} with owner {}", org.id(), caller.userId());
        return new OrgForCaller(org, owner);
    }

    public OrgForCaller get(Caller caller, String orgId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()));
        Member self = Access.requireMember(snapshot, clock.instant());
        presence.seen(self);
        return new OrgForCaller(snapshot.org().orElseThrow(), self);
    }

    /** The catalog, to any active member of the org (one read: the caller's membership). */
    public Catalog catalog(Caller caller, String orgId) {
        presence.seen(Access.requireMember(store.member(orgId, caller.userId()), clock.instant()));
        return new Catalog(List.of(Role.values()), settings.permissionCatalog().stream().sorted().toList(),
                settings.planNames().stream().map(settings::planOf).toList());
    }

    public List<Member> memberships(Caller caller) {
        return store.membershipsOf(caller.userId());
    }

    public Member member(Caller caller, String orgId, String userId) {
        Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withMember(userId));
        Member self = Access.requireMember(snapshot, clock.instant());
        presence.seen(self);
        if (!self.userId().equals(userId) && !Role.MANAGERS.contains(self.role())) {
            throw new RosterException(ErrorCode.FORBIDDEN, "Only owners and admins may see other members' details.");
        }
        return snapshot.member().orElseThrow(NotFound::member);
    }

    /**
     * Members of the org, then (with {@code includeInvitations}, or {@code status=INVITED}) its pending invitations
     * as INVITED rows. Each page is one query; the cursor says which of the two lists it continues.
     *
     * @param status ACTIVE, SUSPENDED, INVITED or null for all
     */
    public Page<RosterEntry> members(Caller caller, String orgId, String status, boolean includeInvitations,
                                     String cursor, int limit) {
        Member self = Access.requireMember(store.member(orgId, caller.userId()), clock.instant());
        presence.seen(self);
        boolean wantMembers = status == null || !"INVITED".equals(status);
        boolean wantInvitations = (includeInvitations && status == null) || "INVITED".equals(status);
        if (wantInvitations && !Role.MANAGERS.contains(self.role())) {
            // The same rule as GET …/invitations: invited addresses are for owners and admins only.
            throw new RosterException(ErrorCode.FORBIDDEN, "Only owners and admins may see pending invitations.");
        }
        String phase = cursor == null ? (wantMembers ? MEMBERS_PHASE : INVITATIONS_PHASE) : phaseOf(cursor);
        if ((phase.equals(MEMBERS_PHASE) && !wantMembers) || (phase.equals(INVITATIONS_PHASE) && !wantInvitations)) {
            throw new RosterException(ErrorCode.INVALID_CURSOR, "The cursor belongs to a list with other filters.");
        }
        String inner = cursor == null || cursor.length() == 2 ? null : cursor.substring(2);
        if (phase.equals(INVITATIONS_PHASE)) {
            Page<RosterEntry> page = store.invitations(orgId, InvitationStatus.PENDING, inner, limit)
                    .map(i -> new RosterEntry(null, i));
            return new Page<>(page.items(), page.nextCursor() == null ? null : INVITATIONS_PHASE + page.nextCursor());
        }
        Page<RosterEntry> page = store.members(orgId, status, inner, limit).map(m -> new RosterEntry(m, null));
        if (page.nextCursor() != null) {
            return new Page<>(page.items(), MEMBERS_PHASE + page.nextCursor());
        }
        if (!wantInvitations) {
            return page;
        }
        if (page.items().size() == limit) {
            return new Page<>(page.items(), INVITATIONS_PHASE);
        }
        // The members ran out with room on the page: fill it with invitations, so a small org is one request.
        Page<RosterEntry> invited = store.invitations(orgId, InvitationStatus.PENDING, null, limit - page.items().size())
                .map(i -> new RosterEntry(null, i));
        List<RosterEntry> items = new java.util.ArrayList<>(page.items());
        items.addAll(invited.items());
        return new Page<>(items, invited.nextCursor() == null ? null : INVITATIONS_PHASE + invited.nextCursor());
    }

    private static String phaseOf(String cursor) {
        if (cursor.startsWith(MEMBERS_PHASE) || cursor.startsWith(INVITATIONS_PHASE)) {
            return cursor.substring(0, 2);
        }
        throw new RosterException(ErrorCode.INVALID_CURSOR, "The cursor does not belong to this list; start again without it.");
    }
}
