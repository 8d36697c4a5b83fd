package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.EmailStatus;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.domain.Member;
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
import dev.roster.core.mail.MailTags;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.domain.Seats;
import dev.roster.core.port.Change;
import dev.roster.core.port.Metrics;
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
    private final Metrics metrics;
    private final Clock clock;

    public InvitationService(RosterStore store, RosterSettings settings, Mailer mailer, Presence presence,
                             Metrics metrics, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.presence = presence;
        this.metrics = metrics;
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

        Invited invited = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId())
                    .withEmails(emails).withWorkspaces(workspaceIds));
            Member inviter = Access.requireRole(snapshot, Role.MANAGERS, now);
            presence.seen(inviter);
            Org org = snapshot.org().orElseThrow();
            Plan plan = settings.planOf(org.plan());
            if (!plan.invitations()) {
                throw new RosterException(ErrorCode.PLAN_DOES_NOT_ALLOW_INVITES,
                        "The " + plan.name() + " plan does not include invitations; upgrade to invite people.");
            }
            requireWorkspaces(requests, snapshot, bulk);
            List<InviteDecision> decisions = InviteDecision.decideAll(org, plan, snapshot.emailClaims(), accounts,
                    requests);
            InviteTransaction transaction = InviteTransaction.of(decisions,
                    new InviteTransaction.Inviting(caller, inviter, org, now, requestId), settings);
            if (InviteTransaction.nothingToDo(decisions)) {
                return new Invited(transaction.outcomes(), seatUtilization(org.seats(), 0));
            }
            commit(transaction.changes(), transaction.emails());
            LOG.info("Org {}: {} invitation(s) created and {} member(s) added by {}", org.id(), transaction.emails(),
                    decisions.stream().filter(InviteDecision.Add.class::isInstance).count(), caller.userId());
            return new Invited(transaction.outcomes(), seatUtilization(org.seats(), transaction.seatsTaken()));
        });
        measure(invited);
        // Emails go out once the invitations are committed, so nobody is sent a link that does not work.
        return invited.outcomes().stream().map(outcome -> outcome.map(
                issued -> new InviteOutcome.Issued(issued.email(), deliver(issued.invitation(), false)),
                added -> outcome, refused -> outcome)).toList();
    }

    /**
     * What a committed invite request did, with the org's seats used over its limit afterwards, ×100 (null on
     * unlimited plans).
     */
    private record Invited(List<InviteOutcome> outcomes, Double seatUtilization) {
    }

    private static Double seatUtilization(Seats before, int taken) {
        return before.limit() == null || before.limit() == 0 ? null : 100.0 * (before.used() + taken) / before.limit();
    }

    /**
     * InvitationsCreated for each invitation issued, SeatLimitReached for each refused for seats, and for each of
     * either the seat utilization after the request.
     */
    private void measure(Invited invited) {
        for (InviteOutcome outcome : invited.outcomes()) {
            boolean issued = outcome instanceof InviteOutcome.Issued;
            boolean noSeat = outcome instanceof InviteOutcome.Refused refused
                    && refused.error().code() == ErrorCode.SEAT_LIMIT_REACHED;
            if (issued) {
                metrics.count(Metrics.Metric.INVITATIONS_CREATED);
            }
            if (noSeat) {
                metrics.count(Metrics.Metric.SEAT_LIMIT_REACHED);
            }
            if ((issued || noSeat) && invited.seatUtilization() != null) {
                metrics.record(Metrics.Metric.SEAT_UTILIZATION, invited.seatUtilization());
            }
        }
    }

    private void commit(List<Change> changes, int invitationEmails) {
        try {
            store.commit(changes);
        } catch (ChangeRejected rejected) {
            throw refusal(rejected, invitationEmails);
        }
    }

    /** What a rejected invitation transaction means: the caller lost authority, a cap was reached, or decide again. */
    private RuntimeException refusal(ChangeRejected rejected, int invitationEmails) {
        Change change = rejected.change();
        if (change instanceof Change.RequireMember) {
            return Access.lost(rejected);
        }
        if (change instanceof Change.ClaimSoleOrg) {
            return Policies.alreadyInAnotherOrg();
        }
        if (change instanceof Change.CountInvites c) {
            int sentToday = rejected.current() instanceof Integer n ? n : c.cap();
            return rateLimited(c.cap(), sentToday, invitationEmails);
        }
        // Seats, plan, an email claim or a superseded invitation moved since the read: decide again.
        return new Retry.Stale();
    }

    private RosterException rateLimited(int cap, int sentToday, int wanted) {
        Instant midnight = Times.utcDay(clock.instant()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new RosterException(ErrorCode.INVITE_RATE_LIMITED,
                "This organization may send " + cap + " invitations a day; " + Math.max(0, cap - sentToday)
                        + " left today, " + wanted + " requested.", List.of(),
                Duration.between(clock.instant(), midnight));
    }

    public Page<Invitation> list(Caller caller, String orgId, InvitationStatus status, String cursor, int limit) {
        Member member = Access.requireMember(store.member(orgId, caller.userId()), clock.instant());
        presence.seen(member);
        if (!Role.MANAGERS.contains(member.role())) {
            throw new RosterException(ErrorCode.FORBIDDEN, "Only owners and admins may list invitations.");
        }
        return store.invitations(orgId, status, cursor, limit);
    }

    /**
     * A new token and a new expiry for a pending or expired invitation; the old link stops working. An expired
     * invitation takes a free seat and its address again, in the same transaction as the seat condition. Refused
     * while the last email to the address bounced or was marked as spam: only inviting the address again (a new
     * invitation, which supersedes this one) sends it email again.
     */
    public IssuedInvitation resend(Caller caller, String orgId, String invitationId, String requestId) {
        InvitationToken token = InvitationToken.generate();
        Invitation renewed = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withInvitation(invitationId));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS, now));
            Invitation invitation = resendableInvitation(snapshot);
            if (invitation.emailStatus() != null && invitation.emailStatus().undeliverable()) {
                // The version condition below keeps a bounce recorded meanwhile from being overwritten by SENT.
                throw new RosterException(ErrorCode.EMAIL_UNDELIVERABLE, "The last email to this address was "
                        + invitation.emailStatus() + "; invite the address again to send it a new invitation.");
            }
            Instant allowedAt = invitation.lastSentAt().plus(settings.resendCooldown());
            if (now.isBefore(allowedAt)) {
                throw new RosterException(ErrorCode.RESEND_COOLDOWN, "This invitation was sent moments ago; it can be "
                        + "sent again after " + Times.format(allowedAt) + ".", List.of(), Duration.between(now, allowedAt));
            }
            Invitation next = invitation.reissued(token.hash(), now, now.plus(settings.invitationTtl()));
            List<Change> changes = new ArrayList<>(List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS, now),
                    new Change.CountInvites(orgId, Times.utcDay(now), 1, settings.invitesPerDay()),
                    new Change.PutInvitation(next, invitation.version())));
            if (invitation.status() == InvitationStatus.EXPIRED) {
                changes.addAll(retakeSeatAndAddress(snapshot.org().orElseThrow(), next));
            }
            changes.add(Audits.entry(orgId, now, caller.userId(), AuditAction.INVITATION_RESENT,
                    Audits.invitationTarget(next), resendView(invitation), resendView(next), requestId));
            try {
                store.commit(changes);
            } catch (ChangeRejected rejected) {
                if (rejected.change() instanceof Change.PutEmailClaim && rejected.current() instanceof EmailClaim claim) {
                    throw addressTaken(claim);
                }
                throw refusal(rejected, 1);
            }
            return next;
        });
        LOG.info("Org {}: invitation {} resent by {}", orgId, invitationId, caller.userId());
        return deliver(new IssuedInvitation(renewed, settings.inviteUrl(token.raw())), true);
    }

    /** The expiry freed the seat and the address: a resend takes both again, a seat only if one is free. */
    private static List<Change> retakeSeatAndAddress(Org org, Invitation pendingAgain) {
        if (!org.seats().canAdd(1)) {
            throw new RosterException(ErrorCode.SEAT_LIMIT_REACHED, "All " + org.seatLimit() + " seats of the "
                    + org.plan() + " plan are taken or invited; free one to send this invitation again.");
        }
        return List.of(new Change.AdjustSeats(org.id(), 0, 1, org),
                new Change.PutEmailClaim(EmailClaim.invited(org.id(), pendingAgain.email(), pendingAgain.id()), null));
    }

    private static RosterException addressTaken(EmailClaim claim) {
        return claim.state() == EmailClaim.State.MEMBER
                ? new RosterException(ErrorCode.ALREADY_MEMBER, "This address belongs to a member of the organization now.")
                : new RosterException(ErrorCode.NEWER_INVITATION_PENDING, "A newer invitation to this address is "
                        + "pending (" + claim.invitationId() + "); resend that one.");
    }

    private static Map<String, Object> resendView(Invitation invitation) {
        return Map.of("status", invitation.status().name(), "expiresAt", Times.format(invitation.expiresAt()));
    }

    /** Withdraws a pending invitation and frees its seat. */
    public void revoke(Caller caller, String orgId, String invitationId, String requestId) {
        Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withInvitation(invitationId));
            presence.seen(Access.requireRole(snapshot, Role.MANAGERS, now));
            Invitation invitation = pendingInvitation(snapshot);
            Invitation revoked = invitation.withStatus(InvitationStatus.REVOKED, caller.userId(), now);
            commit(List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS, now),
                    new Change.PutInvitation(revoked, invitation.version()),
                    new Change.AdjustSeats(orgId, 0, -1, null),
                    new Change.DeleteEmailClaim(EmailClaim.invited(orgId, invitation.email(), invitation.id())),
                    Audits.entry(orgId, now, caller.userId(), AuditAction.INVITATION_REVOKED, Audits.invitationTarget(revoked),
                            Audits.view(invitation), Audits.view(revoked), requestId)), 0);
            return revoked;
        });
        LOG.info("Org {}: invitation {} revoked by {}", orgId, invitationId, caller.userId());
    }

    private static Invitation resendableInvitation(Snapshot snapshot) {
        Invitation invitation = snapshot.invitation().orElseThrow(NotFound::invitation);
        if (invitation.status() != InvitationStatus.PENDING && invitation.status() != InvitationStatus.EXPIRED) {
            throw new RosterException(ErrorCode.INVITATION_NOT_PENDING,
                    "The invitation is " + invitation.status() + "; only pending and expired invitations can be resent.");
        }
        return invitation;
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
    private IssuedInvitation deliver(IssuedInvitation issued, boolean resent) {
        Invitation invitation = issued.invitation();
        try {
            String messageId = mailer.send(RosterEmails.invitation(
                    MimeMessage.address(invitation.orgName() + " via Roster", settings.mailFrom()),
                    invitation.email().value(), invitation.orgName(), invitation.invitedByName(),
                    invitation.role().name(), issued.inviteUrl(), invitation.expiresAt(), resent)
                    .withTags(MailTags.invitation(invitation.orgId(), invitation.id())));
            LOG.info("Invitation {} emailed, message {}", invitation.id(), messageId);
            return issued;
        } catch (MailDeliveryException e) {
            LOG.warn("Invitation {} of org {} could not be emailed: {}", invitation.id(), invitation.orgId(), e.getMessage());
            Invitation failed = invitation.withEmailStatus(EmailStatus.FAILED);
            try {
                store.commit(List.of(new Change.PutInvitation(failed, invitation.version())));
            } catch (ChangeRejected changedMeanwhile) {
                // Accepted or revoked meanwhile: its email status no longer matters.
            }
            return new IssuedInvitation(failed, issued.inviteUrl());
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
}
