package dev.roster.core.domain;

/**
 * The signed-in user as the JWT authorizer vouches for them. Only identity comes from the token: role and
 * status are always read from the table.
 */
public record Caller(String userId, String email, String name, boolean emailVerified) {

    /** OpenID Connect Core 1.0 §2: a {@code sub} "MUST NOT exceed 255 ASCII characters in length". */
    public static final int MAX_USER_ID_LENGTH = 255;

    /**
     * Whether {@code candidate} could be a user id, that is a token's {@code sub}: 1 to 255 printable ASCII
     * characters (Cognito's are UUIDs; the local API's are derived from the email). Anything else names no user.
     */
    public static boolean isPossibleUserId(String candidate) {
        return candidate != null && !candidate.isEmpty() && candidate.length() <= MAX_USER_ID_LENGTH
                && candidate.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
