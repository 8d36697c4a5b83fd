package dev.roster.core.events;

import java.time.Instant;

/**
 * One committed change as an EventBridge event: source {@value #SOURCE}, the audit action as detail-type, and the
 * audit entry as detail, whose {@code id} lets consumers drop a redelivered event.
 */
public record DomainEvent(String id, String detailType, Instant time, String detail) {

    public static final String SOURCE = "roster";
}
