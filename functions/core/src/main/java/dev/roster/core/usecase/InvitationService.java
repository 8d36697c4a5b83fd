package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.EmailStatus;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.mail.RosterEmails;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inviting people, and the inviter's side of an invitation: list, resend, revoke. */
// Only in the functions that carry a mailer (roster-aws-ses): Lambda contexts create their singletons eagerly.
@Requires(beans = Mailer.class)
@Singleton
public class InvitationService {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final Mailer mailer;
    private final Presence presence;
    private final Clock clock;

    public InvitationService(RosterStore store, RosterSettings settings, Mailer mailer, Presence presence, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * Invites every item of {@code requests} in one transaction. Problems of the whole request (not allowed, plan,
     * daily cap, invalid input) are thrown; problems of one item (already a member, no seat left for it) are that
     * item's outcome, and the other items still go ahead.
     */
    public List<InviteOutcome> invite(Caller caller, String orgId, List<NewInvitation> requests, boolean bulk,
                                      String requestId) {
        Set<String> workspaceIds = validate(requests, bulk);
        Set<EmailAddress> emails = new LinkedHashSet<>();
        requests.forEach(r -> emails.add(r.email()));
        Map<EmailAddress, UserProfile> accounts = new LinkedHashMap<>();
        if (settings.addExistingUsersDirectly()) {
            emails.forEach(email -> store.userByEmail(email).ifPresent(user -> accounts.put(email, user)));
        }

        List<Prepared> prepared = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId())
                    .withEmails(emails).withWorkspaces(workspaceIds));
            Member inviter = Access.requireRole(snapshot, Role.MANAGERS);
            presence.seen(inviter);
            Org org = snapshot.org().orElseThrow();
            Plan plan = settings.planOf(org.plan());
            if (!plan.invitations()) {
                throw new RosterException(ErrorCode.PLAN_DOES_NOT_ALLOW_INVITES,
                        "The " + plan.name() + " plan does not include invitations; upgrade to invite people.");
            }
            requireWorkspaces(requests, snapshot, bulk);
            return commitInvitations(caller, inviter, org, snapshot, requests, accounts, now, requestId);
        });

        List<InviteOutcome> outcomes = new ArrayList<>();
        for (Prepared p : prepared) {
            if (p.error != null) {
                outcomes.add(new InviteOutcome(p.request.email(), null, null, p.error));
            } else if (p.added != null) {
                outcomes.add(new InviteOutcome(p.request.email(), null, p.added, null));
            } else {
                Invitation sent = deliver(p.invitation, p.token, false);
                outcomes.add(new InviteOutcome(p.request.email(),
                        new IssuedInvitation(sent, settings.inviteUrl(p.token.raw())), null, null));
            }
        }
        return outcomes;
    }

    private List<Prepared> commitInvitations(Caller caller, Member inviter, Org org, Snapshot snapshot,
                                             List<NewInvitation> requests, Map<EmailAddress, UserProfile> accounts,
                                             Instant now, String requestId) {
        List<Prepared> prepared = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int newSeats = 0;
        int newMembers = 0;
        int pendingDelta = 0;
        for (NewInvitation request : requests) {
            EmailClaim claim = snapshot.emailClaims().get(request.email());
            if (claim != null && claim.state() == EmailClaim.State.MEMBER) {
                prepared.add(Prepared.refused(request, new RosterException(ErrorCode.ALREADY_MEMBER,
                        request.email() + " is already a member of this organization.")));
                continue;
            }
            boolean supersedes = claim != null;
            if (!supersedes && !org.seats().canAdd(newSeats + 1)) {
                prepared.add(Prepared.refused(request, new RosterException(ErrorCode.SEAT_LIMIT_REACHED,
                        "All " + org.seatLimit() + " seats of the " + org.plan() + " plan are taken or invited.")));
                continue;
            }
            if (!supersedes) {
                newSeats++;
            }
            if (supersedes) {
                changes.add(new Change.SupersedeInvitation(org.id(), claim.invitationId(), now));
            }
            UserProfile account = accounts.get(request.email());
            if (account != null) {
                Member member = new Member(org.id(), org.name(), account.userId(), request.email(), account.name(),
                        request.role(), request.permissions(), request.workspaceIds(), MemberStatus.ACTIVE, now,
                        caller.userId(), null, 1);
                newMembers++;
                pendingDelta -= supersedes ? 1 : 0;
                changes.add(new Change.PutMember(member, null));
                changes.add(new Change.PutEmailClaim(EmailClaim.member(org.id(), request.email(), account.userId()), claim));
                if (settings.oneOrgPerUser()) {
                    changes.add(new Change.ClaimSoleOrg(account.userId(), org.id()));
                }
                changes.add(Audits.entry(org.id(), now, caller.userId(), AuditAction.MEMBER_ADDED, "member:" + account.userId(),
                        Map.of(), Audits.view(member), requestId));
                prepared.add(Prepared.added(request, member));
                continue;
            }
            pendingDelta += supersedes ? 0 : 1;
            InvitationToken token = InvitationToken.generate();
            Invitation invitation = new Invitation(org.id(), org.name(), Ids.newId(now), request.email(), request.role(),
                    request.workspaceIds(), request.permissions(), InvitationStatus.PENDING, caller.userId(),
                    inviter.name() == null ? caller.displayName() : inviter.name(), inviter.email(), now,
                    now.plus(settings.invitationTtl()), now, token.hash(), EmailStatus.SENT, null, null, 1);
            changes.add(new Change.PutInvitation(invitation, null));
            changes.add(new Change.PutEmailClaim(EmailClaim.invited(org.id(), request.email(), invitation.id()), claim));
            Map<String, Object> after = Audits.view(invitation);
            if (supersedes) {
                after.put("supersedes", claim.invitationId());
            }
            changes.add(Audits.entry(org.id(), now, caller.userId(), AuditAction.INVITATION_CREATED,
                    Audits.invitationTarget(invitation), Map.of(), after, requestId));
            prepared.add(Prepared.issued(request, invitation, token));
        }
        int emails = (int) prepared.stream().filter(p -> p.invitation != null).count();
        if (prepared.stream().allMatch(p -> p.error != null)) {
            return prepared;
        }
        prepared.stream().filter(p -> p.error == null).flatMap(p -> p.request.workspaceIds().stream()).distinct()
                .forEach(workspaceId -> changes.add(new Change.RequireWorkspace(org.id(), workspaceId)));
        changes.add(0, Access.stillHolds(org.id(), caller, Role.MANAGERS));
        if (emails > 0) {
            changes.add(1, new Change.CountInvites(org.id(), today(now), emails, settings.invitesPerDay()));
        }
        if (newMembers > 0 || pendingDelta != 0) {
            changes.add(1, new Change.AdjustSeats(org.id(), newMembers, pendingDelta, newSeats > 0 ? org : null));
        }
        commit(changes, emails);
        LOG.info("Org {}: {} invitation(s) created and {} member(s) added by {}", org.id(), emails, newMembers,
                caller.userId());
        return prepared;
    }

    private void commit(List<Change> changes, int invitationEmails) {
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            Change change = rejected.change();
            if (change instanceof Change.RequireMember) {
                throw Access.lost(rejected.current());
            }
            if (change instanceof Change.ClaimSoleOrg) {
                throw Policies.alreadyInAnotherOrg();
            }
            if (change instanceof Change.CountInvites c) {
                int sentToday = rejected.current() instanceof Integer n ? n : c.cap();
                throw rateLimited(c.cap(), sentToday, invitationEmails);
            }
            // Seats, plan, an email claim or a superseded invitation moved since the read: decide again.
            throw new Retry.Stale();
        }
    }

    private RosterException rateLimited(int cap, int sentToday, int wanted) {
        Instant midnight = today(clock.instant()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new RosterException(ErrorCode.INVITE_RATE_LIMITED,
                "This organization may send " + cap + " invitations a day; " + Math.max(0, cap - sentToday)
                        + " left today, " + wanted + " requested.", List.of(),
                Duration.between(clock.instant(), midnight));
    }

    public Page<Invitation> list(Caller caller, String orgId, InvitationStatus status, String cursor, int limit) {
        Member member = Access.requireMember(store.member(orgId, caller.userId()));
        presence.seen(member);
        if (!Role.MANAGERS.contains(member.role())) {
            throw new RosterException(ErrorCode.FORBIDDEN, "Only owners and admins may list invitations.");
        }
        return store.invitations(orgId, status, cursor, limit);
    }

    /** A new token and a new expiry for a pending invitation; the old link stops working. */
    public IssuedInvitation resend(Caller caller, String orgId, String invitationId, String requestId) {
        InvitationToken token = InvitationToken.generate();
        Invitation renewed = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withInvitation(invitationId));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS));
            Invitation invitation = pendingInvitation(snapshot);
            Instant allowedAt = invitation.lastSentAt().plus(settings.resendCooldown());
            if (now.isBefore(allowedAt)) {
                throw new RosterException(ErrorCode.RESEND_COOLDOWN, "This invitation was sent moments ago; it can be "
                        + "sent again after " + Times.format(allowedAt) + ".", List.of(), Duration.between(now, allowedAt));
            }
            Invitation next = invitation.withNewToken(token.hash(), now, now.plus(settings.invitationTtl()))
                    .withEmailStatus(EmailStatus.SENT);
            commit(List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS),
                    new Change.CountInvites(orgId, today(now), 1, settings.invitesPerDay()),
                    new Change.PutInvitation(next, invitation.version()),
                    Audits.entry(orgId, now, caller.userId(), AuditAction.INVITATION_RESENT, Audits.invitationTarget(next),
                            Map.of("expiresAt", Times.format(invitation.expiresAt())),
                            Map.of("expiresAt", Times.format(next.expiresAt())), requestId)), 1);
            return next;
        });
        LOG.info("Org {}: invitation {} resent by {}", orgId, invitationId, caller.userId());
        return new IssuedInvitation(deliver(renewed, token, true), settings.inviteUrl(token.raw()));
    }

    /** Withdraws a pending invitation and frees its seat. */
    public void revoke(Caller caller, String orgId, String invitationId, String requestId) {
        Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withInvitation(invitationId));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS));
            Invitation invitation = pendingInvitation(snapshot);
            Invitation revoked = invitation.withStatus(InvitationStatus.REVOKED, caller.userId(), now);
            commit(List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS),
                    new Change.PutInvitation(revoked, invitation.version()),
                    new Change.AdjustSeats(orgId, 0, -1, null),
                    new Change.DeleteEmailClaim(EmailClaim.invited(orgId, invitation.email(), invitation.id())),
                    Audits.entry(orgId, now, caller.userId(), AuditAction.INVITATION_REVOKED, Audits.invitationTarget(revoked),
                            Audits.view(invitation), Audits.view(revoked), requestId)), 0);
            return revoked;
        });
        LOG.info("Org {}: invitation {} revoked by {}", orgId, invitationId, caller.userId());
    }

    private static Invitation pendingInvitation(Snapshot snapshot) {
        Invitation invitation = snapshot.invitation().orElseThrow(NotFound::invitation);
        if (invitation.status() != InvitationStatus.PENDING) {
            throw new RosterException(ErrorCode.INVITATION_NOT_PENDING,
                    "The invitation is " + invitation.status() + ", not PENDING.");
        }
        return invitation;
    }

    /**
     * Sends the email after the invitation is committed, so nobody is emailed a link that does not work. The
     * invitation was stored as SENT; only a failed send costs a second write, to record FAILED.
     */
    private Invitation deliver(Invitation invitation, InvitationToken token, boolean resent) {
        try {
            String messageId = mailer.send(RosterEmails.invitation(
                    MimeMessage.address(invitation.orgName() + " via Roster", settings.mailFrom()),
                    invitation.email().value(), invitation.orgName(), invitation.invitedByName(),
                    invitation.role().name(), settings.inviteUrl(token.raw()), invitation.expiresAt(), resent));
            LOG.info("Invitation {} emailed, message {}", invitation.id(), messageId);
            return invitation;
        } catch (MailDeliveryException e) {
            LOG.warn("Invitation {} of org {} could not be emailed: {}", invitation.id(), invitation.orgId(), e.getMessage());
            Invitation failed = invitation.withEmailStatus(EmailStatus.FAILED);
            try {
                store.commit(List.of(new Change.PutInvitation(failed, invitation.version())));
                return failed;
            } catch (ChangeRejected changedMeanwhile) {
                return failed;
            }
        }
    }

    /** Checks against the configuration: the requested role and permissions; returns every workspace named. */
    private Set<String> validate(List<NewInvitation> requests, boolean bulk) {
        List<FieldError> errors = new ArrayList<>();
        Set<EmailAddress> seen = new LinkedHashSet<>();
        Set<String> workspaceIds = new LinkedHashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            NewInvitation r = requests.get(i);
            String prefix = bulk ? "invitations[" + i + "]." : "";
            if (!seen.add(r.email())) {
                errors.add(new FieldError(prefix + "email", "appears more than once in this request"));
            }
            if (!Role.INVITABLE.contains(r.role())) {
                errors.add(new FieldError(prefix + "role", "must be one of ADMIN, MEMBER, VIEWER; ownership moves only by transfer"));
            }
            Grants.checkPermissions(r.permissions(), settings.permissionCatalog(), prefix, errors);
            workspaceIds.addAll(r.workspaceIds());
        }
        if (!errors.isEmpty()) {
            throw RosterException.invalid(errors);
        }
        return workspaceIds;
    }

    private static void requireWorkspaces(List<NewInvitation> requests, Snapshot snapshot, boolean bulk) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Grants.checkWorkspaces(requests.get(i).workspaceIds(), snapshot, bulk ? "invitations[" + i + "]." : "", errors);
        }
        if (!errors.isEmpty()) {
            throw RosterException.invalid(errors);
        }
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private record Prepared(NewInvitation request, Invitation invitation, InvitationToken token, Member added,
                            RosterException error) {
        static Prepared issued(NewInvitation request, Invitation invitation, InvitationToken token) {
            return new Prepared(request, invitation, token, null, null);
        }

        static Prepared added(NewInvitation request, Member member) {
            return new Prepared(request, null, null, member, null);
        }

        static Prepared refused(NewInvitation request, RosterException error) {
            return new Prepared(request, null, null, null, error);
        }
    }
}
