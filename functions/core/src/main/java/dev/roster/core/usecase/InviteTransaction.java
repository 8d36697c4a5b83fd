package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.port.Change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An invite request's decisions carried out as one transaction, and what each address comes to once it commits.
 * The parts come in this order: the caller's authority, the seats and the day's emails the decisions take, each
 * decision's items with its audit entry, the workspaces granted. The first part that fails names the error, so
 * lost authority is reported before anything else.
 *
 * @param outcomes one per decision, in order; issued invitations are not emailed yet
 * @param emails   how many invitations the transaction issues, each an email counted against the daily cap
 * @param seatsTaken how many more seats the org uses once it is committed (a superseded invitation's seat is reused)
 */
record InviteTransaction(List<Change> changes, List<InviteOutcome> outcomes, int emails, int seatsTaken) {

    /** Who invites, into which org, when, under which request. */
    record Inviting(Caller caller, Member inviter, Org org, Instant now, String requestId) {
    }

    static InviteTransaction of(List<InviteDecision> decisions, Inviting inviting, RosterSettings settings) {
        Org org = inviting.org();
        List<Change> items = new ArrayList<>();
        List<InviteOutcome> outcomes = new ArrayList<>();
        for (InviteDecision decision : decisions) {
            outcomes.add(decision.map(
                    issue -> issue(issue, inviting, settings, items),
                    add -> add(add, inviting, settings.oneOrgPerUser(), items),
                    refuse -> new InviteOutcome.Refused(refuse.request().email(), refuse.error())));
        }
        int emails = (int) decisions.stream().filter(InviteDecision.Issue.class::isInstance).count();

        List<Change> changes = new ArrayList<>();
        changes.add(Access.stillHolds(org.id(), inviting.caller(), Role.MANAGERS, inviting.now()));
        int members = decisions.stream().mapToInt(InviteDecision::memberDelta).sum();
        int pending = decisions.stream().mapToInt(InviteDecision::pendingDelta).sum();
        if (members > 0 || pending != 0) {
            boolean takesFreeSeats = decisions.stream().anyMatch(InviteDecision::takesFreeSeat);
            changes.add(new Change.AdjustSeats(org.id(), members, pending, takesFreeSeats ? org : null));
        }
        if (emails > 0) {
            changes.add(new Change.CountInvites(org.id(), Times.utcDay(inviting.now()), emails, settings.invitesPerDay()));
        }
        changes.addAll(items);
        decisions.stream().filter(d -> !(d instanceof InviteDecision.Refuse))
                .flatMap(d -> d.request().workspaceIds().stream()).distinct()
                .forEach(workspaceId -> changes.add(new Change.RequireWorkspace(org.id(), workspaceId)));
        return new InviteTransaction(List.copyOf(changes), List.copyOf(outcomes), emails, members + pending);
    }

    /** Whether nothing is to be written: every address was refused. */
    static boolean nothingToDo(List<InviteDecision> decisions) {
        return decisions.stream().allMatch(InviteDecision.Refuse.class::isInstance);
    }

    private static InviteOutcome issue(InviteDecision.Issue issue, Inviting inviting, RosterSettings settings,
                                       List<Change> items) {
        NewInvitation request = issue.request();
        Org org = inviting.org();
        Instant now = inviting.now();
        Member inviter = inviting.inviter();
        InvitationToken token = InvitationToken.generate();
        Invitation invitation = Invitation.issue(org, Ids.newId(now), request.email(), request.access(),
                new Invitation.Inviter(inviting.caller().userId(),
                        inviter.name() == null ? inviting.caller().displayName() : inviter.name(), inviter.email()),
                now, settings.invitationTtl(), token.hash());
        EmailClaim superseded = issue.supersedes();
        if (superseded != null) {
            items.add(new Change.SupersedeInvitation(org.id(), superseded.invitationId(), now));
        }
        items.add(new Change.PutInvitation(invitation, null));
        items.add(new Change.PutEmailClaim(EmailClaim.invited(org.id(), request.email(), invitation.id()), superseded));
        Map<String, Object> after = Audits.view(invitation);
        if (superseded != null) {
            after.put("supersedes", superseded.invitationId());
        }
        items.add(Audits.entry(org.id(), now, inviting.caller().userId(), AuditAction.INVITATION_CREATED,
                Audits.invitationTarget(invitation), Map.of(), after, inviting.requestId()));
        return new InviteOutcome.Issued(request.email(), new IssuedInvitation(invitation, settings.inviteUrl(token.raw())));
    }

    private static InviteOutcome add(InviteDecision.Add add, Inviting inviting, boolean oneOrgPerUser, List<Change> items) {
        NewInvitation request = add.request();
        Org org = inviting.org();
        Instant now = inviting.now();
        String userId = add.account().userId();
        Member member = Member.added(org, add.account(), request.access(), inviting.caller().userId(),
                inviting.caller().name(), now);
        EmailClaim superseded = add.supersedes();
        if (superseded != null) {
            items.add(new Change.SupersedeInvitation(org.id(), superseded.invitationId(), now));
        }
        items.add(new Change.PutMember(member, null));
        items.add(new Change.PutEmailClaim(EmailClaim.member(org.id(), request.email(), userId), superseded));
        if (oneOrgPerUser) {
            items.add(new Change.ClaimSoleOrg(userId, org.id()));
        }
        items.add(Audits.entry(org.id(), now, inviting.caller().userId(), AuditAction.MEMBER_ADDED, "member:" + userId,
                Map.of(), Audits.view(member), inviting.requestId()));
        return new InviteOutcome.Added(request.email(), member);
    }
}
