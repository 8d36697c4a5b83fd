package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.RosterEmails;
import dev.roster.core.port.Change;
import dev.roster.core.port.Metrics;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.RosterStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The invitee's side of an invitation: preview, accept, decline. */
// Only in the functions that carry a mailer (roster-aws-ses): Lambda contexts create their singletons eagerly.
@Requires(beans = Mailer.class)
@Singleton
public class AcceptanceService {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptanceService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final Mailer mailer;
    private final Metrics metrics;
    private final Clock clock;

    public AcceptanceService(RosterStore store, RosterSettings settings, Mailer mailer, Metrics metrics, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Anyone with the link may look; an expired link says so, every other dead link is simply not found. */
    public InvitationPreview preview(String rawToken) {
        Invitation invitation = find(rawToken);
        if (invitation.isExpiredAt(clock.instant())) {
            throw expired(invitation);
        }
        return new InvitationPreview(invitation.orgName(), invitation.role(), invitation.workspaceIds(),
                invitation.permissions(), invitation.invitedByName(),
                invitation.email().masked(), invitation.expiresAt(), invitation.status());
    }

    /**
     * Makes the caller a member. Single-use and idempotent: the invitee accepting again gets the same membership,
     * and of any number of simultaneous accepts exactly one creates it.
     */
    public Member accept(Caller caller, String rawToken, String requestId) {
        Accepted accepted = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Invitation invitation = find(rawToken);
            if (invitation.status() == InvitationStatus.ACCEPTED) {
                return new Accepted(sameMembershipAgain(caller, invitation), null);
            }
            requireInvitee(caller, invitation);
            requireDecidable(invitation, now);
            EmailAddress email = invitation.email();
            UserProfile user = new UserProfile(caller.userId(), email, caller.name(), now);
            Member member = Member.accepted(invitation, user, now);
            Invitation decided = invitation.withStatus(InvitationStatus.ACCEPTED, caller.userId(), now);
            List<Change> changes = new ArrayList<>(List.of(
                    new Change.PutInvitation(decided, invitation.version()),
                    new Change.PutMember(member, null),
                    new Change.AdjustSeats(invitation.orgId(), 1, -1, null),
                    new Change.PutEmailClaim(EmailClaim.member(invitation.orgId(), email, caller.userId()),
                            EmailClaim.invited(invitation.orgId(), email, invitation.id())),
                    new Change.PutUser(user),
                    Audits.entry(invitation.orgId(), now, caller.userId(), AuditAction.INVITATION_ACCEPTED,
                            "member:" + caller.userId(), Audits.view(invitation), Audits.view(member), requestId)));
            if (settings.oneOrgPerUser()) {
                changes.add(new Change.ClaimSoleOrg(caller.userId(), invitation.orgId()));
            }
            try {
                store.commit(changes);
            } catch (ChangeRejected rejected) {
                if (rejected.change() instanceof Change.PutMember) {
                    throw new RosterException(ErrorCode.ALREADY_MEMBER, "You are already a member of " + invitation.orgName() + ".");
                }
                if (rejected.change() instanceof Change.ClaimSoleOrg) {
                    throw Policies.alreadyInAnotherOrg();
                }
                throw new Retry.Stale();
            }
            LOG.info("Org {}: invitation {} accepted by {}", invitation.orgId(), invitation.id(), caller.userId());
            return new Accepted(member, invitation);
        });
        if (accepted.invitation() != null) {
            metrics.count(Metrics.Metric.INVITATIONS_ACCEPTED);
            tellInviter(accepted.invitation(), accepted.member());
        }
        return accepted.member();
    }

    /** The result of one attempt; {@code invitation} is null when the membership already existed. */
    private record Accepted(Member member, Invitation invitation) {
    }

    /** A courtesy: the membership stands whether or not this email goes out. */
    private void tellInviter(Invitation invitation, Member member) {
        if (invitation.inviterEmail() == null) {
            return;
        }
        try {
            mailer.send(RosterEmails.accepted(MimeMessage.address(invitation.orgName() + " via Roster", settings.mailFrom()),
                    invitation.inviterEmail().value(), invitation.orgName(), member.name(), member.email().value(),
                    member.role().name(), settings.membersUrl(invitation.orgId())));
        } catch (MailDeliveryException e) {
            LOG.warn("Inviter of invitation {} could not be told it was accepted: {}", invitation.id(), e.getMessage());
        }
    }

    /** The invitee says no; the seat is freed. */
    public void decline(Caller caller, String rawToken, String requestId) {
        Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Invitation invitation = find(rawToken);
            requireInvitee(caller, invitation);
            if (invitation.status() == InvitationStatus.DECLINED) {
                return invitation;
            }
            requireDecidable(invitation, now);
            Invitation declined = invitation.withStatus(InvitationStatus.DECLINED, caller.userId(), now);
            try {
                store.commit(List.of(
                        new Change.PutInvitation(declined, invitation.version()),
                        new Change.AdjustSeats(invitation.orgId(), 0, -1, null),
                        new Change.DeleteEmailClaim(EmailClaim.invited(invitation.orgId(), invitation.email(), invitation.id())),
                        Audits.entry(invitation.orgId(), now, caller.userId(), AuditAction.INVITATION_DECLINED,
                                Audits.invitationTarget(invitation), Audits.view(invitation), Audits.view(declined), requestId)));
            } catch (ChangeRejected rejected) {
                throw new Retry.Stale();
            }
            LOG.info("Org {}: invitation {} declined", invitation.orgId(), invitation.id());
            return declined;
        });
    }

    private Invitation find(String rawToken) {
        Optional<Invitation> found = InvitationToken.isWellFormed(rawToken)
                ? store.invitationByTokenHash(InvitationToken.hash(rawToken)) : Optional.empty();
        return found.filter(i -> i.status() != InvitationStatus.REVOKED && i.status() != InvitationStatus.SUPERSEDED)
                .orElseThrow(NotFound::invitationLink);
    }

    private static void requireInvitee(Caller caller, Invitation invitation) {
        if (!caller.emailVerified()) {
            throw new RosterException(ErrorCode.EMAIL_NOT_VERIFIED, "Verify your email address, then open the link again.");
        }
        boolean same = EmailAddress.parse(caller.email()).map(invitation.email()::equals).orElse(false);
        if (!same) {
            throw new RosterException(ErrorCode.EMAIL_MISMATCH, "This invitation was sent to "
                    + invitation.email().masked() + "; sign in with that address to accept it.");
        }
    }

    private static void requireDecidable(Invitation invitation, Instant now) {
        if (invitation.isExpiredAt(now)) {
            throw expired(invitation);
        }
        if (invitation.status() != InvitationStatus.PENDING) {
            throw new RosterException(ErrorCode.INVITATION_ALREADY_USED,
                    "This invitation was already " + invitation.status().name().toLowerCase() + ".");
        }
    }

    private Member sameMembershipAgain(Caller caller, Invitation invitation) {
        if (!caller.userId().equals(invitation.decidedBy())) {
            throw new RosterException(ErrorCode.INVITATION_ALREADY_USED, "This invitation was already accepted.");
        }
        return store.member(invitation.orgId(), caller.userId()).orElseThrow(() ->
                new RosterException(ErrorCode.INVITATION_ALREADY_USED, "This invitation was accepted, and that membership has since ended."));
    }

    private static RosterException expired(Invitation invitation) {
        return new RosterException(ErrorCode.INVITATION_EXPIRED, "This invitation expired at "
                + Times.format(invitation.expiresAt()) + ". Ask " + invitation.invitedByName() + " to send it again.");
    }

}
