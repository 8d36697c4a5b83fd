package dev.roster.core.domain;

/**
 * The signed-in user as the JWT authorizer vouches for them. Only identity comes from the token: role and
 * status are always read from the table.
 */
public record Caller(String userId, String email, String name, boolean emailVerified) {

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
