package dev.roster.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A fresh invitation token: 32 bytes from {@link SecureRandom}, base64url without padding. The raw value goes
 * into the invite link and the email only; the table keeps {@link #hash(String)}.
 */
public record InvitationToken(String raw) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    /** base64url of 32 bytes without padding. */
    public static final int LENGTH = 43;

    public static InvitationToken generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new InvitationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String hash() {
        return hash(raw);
    }

    public static String hash(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** Whether {@code candidate} could be a token at all; anything else is unknown without a table read. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && candidate.length() == LENGTH && candidate.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    @Override
    public String toString() {
        return "InvitationToken[redacted]";
    }
}
