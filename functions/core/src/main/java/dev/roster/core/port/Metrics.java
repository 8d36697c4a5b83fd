package dev.roster.core.port;

/**
 * Business metrics: what the use cases count, as CloudWatch metrics of namespace {@code Roster} with the dimension
 * {@code FunctionName} (docs/operations.md, "Business metrics", lists each one and when it is emitted).
 */
public interface Metrics {

    /** The metrics Roster emits: their names and units are what the dashboard and the operations guide use. */
    enum Metric {
        INVITATIONS_CREATED("InvitationsCreated", Unit.COUNT),
        INVITATIONS_ACCEPTED("InvitationsAccepted", Unit.COUNT),
        INVITATIONS_EXPIRED("InvitationsExpired", Unit.COUNT),
        INVITATIONS_BOUNCED("InvitationsBounced", Unit.COUNT),
        SEAT_UTILIZATION("SeatUtilization", Unit.PERCENT),
        SEAT_LIMIT_REACHED("SeatLimitReached", Unit.COUNT),
        MEMBERS_CHANGED("MembersChanged", Unit.COUNT),
        WEBHOOKS_APPLIED("WebhooksApplied", Unit.COUNT),
        WEBHOOKS_DUPLICATE("WebhooksDuplicate", Unit.COUNT),
        WEBHOOKS_IGNORED("WebhooksIgnored", Unit.COUNT),
        WEBHOOKS_REJECTED("WebhooksRejected", Unit.COUNT),
        EVENTS_PUBLISHED("EventsPublished", Unit.COUNT),
        EVENTS_RETRIED("EventsRetried", Unit.COUNT);

        private final String metricName;
        private final Unit unit;

        Metric(String metricName, Unit unit) {
            this.metricName = metricName;
            this.unit = unit;
        }

        public String metricName() {
            return metricName;
        }

        public Unit unit() {
            return unit;
        }
    }

    enum Unit { COUNT, PERCENT }

    /** Records {@code value} of {@code metric} now (a count of several is one data point of that value). */
    void record(Metric metric, double value);

    default void count(Metric metric) {
        record(metric, 1);
    }
}
