package dev.roster.core.domain;

import java.time.Instant;

public record Workspace(String orgId, String id, String name, Instant createdAt) {
}
