package dev.roster.core.events;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The detail of every domain event: the audit entry of the change. docs/events.md has its schema per detail-type. */
@Serdeable
public record EventDetail(String id, String orgId, String time, String actor, String action, String target,
                          Map<String, Object> before, Map<String, Object> after, String requestId) {
}
