package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Times;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.RosterEmails;
import dev.roster.core.port.Change;
import dev.roster.core.port.Metrics;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.ConcurrentChange;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The expiry sweep: marks pending invitations past their expiry EXPIRED, frees their seats, records each in the
 * audit log, then tells each inviter once which of their invitations expired. It reads only the sparse expiry
 * index, so its cost follows the number of due invitations, not the size of the table. Running it again
 * changes nothing; a run that is out of time stops between invitations and leaves the rest to the next run.
 */
// Only in the functions that carry a mailer (roster-aws-ses): Lambda contexts create their singletons eagerly.
@Requires(beans = Mailer.class)
@Singleton
public class InvitationExpiryService {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationExpiryService.class);
    static final int PAGE_SIZE = 100;
    public static final String ACTOR = "system:invitation-expiry";

    private final RosterStore store;
    private final RosterSettings settings;
    private final Mailer mailer;
    private final Metrics metrics;
    private final Clock clock;

    public InvitationExpiryService(RosterStore store, RosterSettings settings, Mailer mailer, Metrics metrics,
                                   Clock clock) {
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param complete whether every due invitation was handled; false when the run stopped for lack of time
     */
    public record Summary(int expired, int skipped, int inviterEmails, int inviterEmailsFailed, boolean complete) {
    }

    /**
     * Runs the sweep's query for invitations due before 1970, which finds none: warms the read path (before a
     * SnapStart snapshot, say) without changing anything.
     */
    public void prime() {
        store.dueInvitations(Instant.EPOCH, null, 1);
    }

    /** @param timeLeft asked before each invitation; false stops the run cleanly */
    public Summary sweep(BooleanSupplier timeLeft, String requestId) {
        Instant now = Times.toMillis(clock.instant());
        Map<String, List<Invitation>> byInviterAndOrg = new LinkedHashMap<>();
        int expired = 0;
        int skipped = 0;
        boolean complete = true;
        String cursor = null;
        sweep:
        do {
            Page<Invitation> page = store.dueInvitations(now, cursor, PAGE_SIZE);
            for (Invitation invitation : page.items()) {
                if (!timeLeft.getAsBoolean()) {
                    complete = false;
                    break sweep;
                }
                if (expire(invitation, now, requestId)) {
                    expired++;
                    metrics.count(Metrics.Metric.INVITATIONS_EXPIRED);
                    byInviterAndOrg.computeIfAbsent(invitation.orgId() + "/" + invitation.invitedBy(), k -> new ArrayList<>())
                            .add(invitation);
                } else {
                    skipped++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);

        int sent = 0;
        int failed = 0;
        for (List<Invitation> invitations : byInviterAndOrg.values()) {
            if (tellInviter(invitations)) {
                sent++;
            } else {
                failed++;
            }
        }
        Summary summary = new Summary(expired, skipped, sent, failed, complete);
        LOG.info("Expiry sweep: {} expired, {} skipped, {} inviter emails ({} failed), complete: {}",
                expired, skipped, sent, failed, complete);
        return summary;
    }

    /** True if this run expired it; false if it had changed meanwhile (accepted, revoked, resent, or already done). */
    private boolean expire(Invitation invitation, Instant now, String requestId) {
        if (invitation.status() != InvitationStatus.PENDING || !invitation.isExpiredAt(now)) {
            return false;
        }
        Invitation expired = invitation.withStatus(InvitationStatus.EXPIRED, null, now);
        try {
            store.commit(List.of(
                    new Change.PutInvitation(expired, invitation.version()),
                    new Change.AdjustSeats(invitation.orgId(), 0, -1, null),
                    new Change.DeleteEmailClaim(EmailClaim.invited(invitation.orgId(), invitation.email(), invitation.id())),
                    Audits.entry(invitation.orgId(), now, ACTOR, AuditAction.INVITATION_EXPIRED, Audits.invitationTarget(invitation),
                            Audits.view(invitation), Audits.view(expired), requestId)));
            return true;
        } catch (ChangeRejected | ConcurrentChange changedMeanwhile) {
            // Whatever changed it decided its fate; if it is still pending and due, the next run sees it again.
            return false;
        }
    }

    private boolean tellInviter(List<Invitation> invitations) {
        Invitation first = invitations.get(0);
        if (first.inviterEmail() == null) {
            return true;
        }
        try {
            mailer.send(RosterEmails.expired(MimeMessage.address(first.orgName() + " via Roster", settings.mailFrom()),
                    first.inviterEmail().value(), first.orgName(), invitations.stream()
                            .map(i -> new RosterEmails.Expired(i.email().value(), i.role().name(), i.expiresAt())).toList(),
                    settings.invitationsUrl(first.orgId())));
            return true;
        } catch (MailDeliveryException e) {
            // The expiries stand; a notice that did not go out is counted and logged, never retried into duplicates.
            LOG.warn("Inviter {} of org {} was not told of {} expired invitation(s): {}", first.invitedBy(), first.orgId(),
                    invitations.size(), e.getMessage());
            return false;
        }
    }
}
