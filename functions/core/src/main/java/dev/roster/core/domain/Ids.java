package dev.roster.core.domain;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Identifiers that sort by creation time (ULID layout: 48-bit milliseconds, 80 random bits, Crockford base32),
 * so that "newest first" is a key order rather than a sort.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The longest id {@link #isPossible} admits: ours are 26 characters, and this leaves room for another format
     * (a UUID is 36) while keeping every key built from an id far below DynamoDB's key size limits.
     */
    public static final int MAX_LENGTH = 64;

    private Ids() {
    }

    public static String newId(Instant at) {
        char[] out = new char[26];
        long time = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
            lo = (lo << 8) | (random[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    /**
     * Whether {@code candidate} could name something Roster created: 1 to {@link #MAX_LENGTH} letters, digits,
     * {@code -} or {@code _}. Anything else names nothing, so it can be answered "not found" without a read.
     */
    public static boolean isPossible(String candidate) {
        return candidate != null && !candidate.isEmpty() && candidate.length() <= MAX_LENGTH
                && candidate.chars().allMatch(Ids::isIdCharacter);
    }

    private static boolean isIdCharacter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
