package dev.roster.core.usecase;

import java.time.Instant;

/** Filters of the audit log; each null when not filtering on it. {@code from} and {@code to} are inclusive. */
public record AuditQuery(String actor, String action, Instant from, Instant to) {
}
