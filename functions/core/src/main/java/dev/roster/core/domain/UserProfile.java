package dev.roster.core.domain;

import java.time.Instant;

/** The last identity a user presented; lets other features find a user by email. */
public record UserProfile(String userId, EmailAddress email, String name, Instant updatedAt) {
}
