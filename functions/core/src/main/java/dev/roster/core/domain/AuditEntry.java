package dev.roster.core.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One change, written in the same transaction as the change itself.
 *
 * @param actor   the user id, or {@code system:<name>} for changes without a signed-in user
 * @param target  what changed, e.g. {@code invitation:<id>} or {@code member:<userId>}
 * @param before  the relevant fields before the change; empty for creations
 * @param after   the relevant fields after the change; empty for deletions
 */
public record AuditEntry(String orgId, String id, Instant time, String actor, String action, String target,
                         Map<String, Object> before, Map<String, Object> after, String requestId) {
}
