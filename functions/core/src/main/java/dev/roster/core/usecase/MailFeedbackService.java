package dev.roster.core.usecase;

import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Times;
import dev.roster.core.mail.MailTags;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.Metrics;
import dev.roster.core.port.RosterStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a bounce or a complaint on the invitation whose email caused it: its {@code emailStatus} becomes BOUNCED or
 * COMPLAINED, with an audit entry (and so an {@code invitation.bounced} event) in the same transaction. From then on
 * the invitation is not resent; inviting the address again supersedes it. The invitation is named by the tags its
 * email was sent with, so finding it is one GetItem; feedback on other emails is ignored. Recording the same feedback
 * twice changes nothing, as EventBridge may deliver an event more than once.
 */
// Only in the functions that carry the metrics adapter (roster-aws-metrics): Lambda contexts create singletons eagerly.
@Requires(beans = Metrics.class)
@Singleton
public class MailFeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(MailFeedbackService.class);
    public static final String ACTOR = "system:mail-feedback";

    /** What became of one report. */
    public enum Result { RECORDED, ALREADY_RECORDED, NOT_AN_INVITATION, UNKNOWN_INVITATION }

    private final RosterStore store;
    private final Metrics metrics;
    private final Clock clock;

    public MailFeedbackService(RosterStore store, Metrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Result record(MailFeedback feedback, String requestId) {
        var ref = MailTags.invitation(feedback.tags());
        if (ref.isEmpty()) {
            LOG.info("{} of message {} concerns no invitation; ignored", feedback.kind(), feedback.messageId());
            return Result.NOT_AN_INVITATION;
        }
        String orgId = ref.get().orgId();
        String invitationId = ref.get().invitationId();
        Result result = Retry.onStale(() -> {
            var found = store.invitation(orgId, invitationId);
            if (found.isEmpty()) {
                return Result.UNKNOWN_INVITATION;
            }
            Invitation invitation = found.get();
            if (invitation.emailStatus() == feedback.kind().emailStatus()) {
                return Result.ALREADY_RECORDED;
            }
            Instant now = Times.toMillis(clock.instant());
            Invitation marked = invitation.withEmailStatus(feedback.kind().emailStatus());
            Map<String, Object> after = new LinkedHashMap<>(Map.of("emailStatus", marked.emailStatus().name(),
                    "messageId", feedback.messageId()));
            if (feedback.detail() != null) {
                after.put("feedback", feedback.detail());
            }
            try {
                store.commit(List.of(
                        new Change.PutInvitation(marked, invitation.version()),
                        Audits.entry(orgId, now, ACTOR, AuditAction.INVITATION_BOUNCED, Audits.invitationTarget(invitation),
                                invitation.emailStatus() == null ? Map.of()
                                        : Map.of("emailStatus", invitation.emailStatus().name()), after, requestId)));
            } catch (ChangeRejected changedMeanwhile) {
                throw new Retry.Stale();
            }
            return Result.RECORDED;
        });
        if (result == Result.RECORDED) {
            metrics.count(Metrics.Metric.INVITATIONS_BOUNCED);
        }
        LOG.info("{} of message {} on invitation {} of org {}: {}", feedback.kind(), feedback.messageId(), invitationId,
                orgId, result);
        return result;
    }
}
