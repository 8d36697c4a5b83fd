package dev.roster.seats.stripe;

/**
 * The shape of a {@code Stripe-Signature} header: comma-separated {@code key=value} items with exactly one
 * timestamp {@code t} (whole seconds) and at least one {@code v1} signature (an HMAC-SHA256 in lower-case hex);
 * other schemes such as {@code v0} may be present and are ignored, as Stripe's documentation says.
 * <p>
 * Checked before stripe-java verifies the signature: stripe-java reads {@code t} with {@code Long.parseLong}, so a
 * timestamp that is not a number, or overflows a long ({@code t=99999999999999999999999}), escaped as a
 * {@code NumberFormatException} and answered 500 instead of 400.
 */
final class StripeSignatureHeader {

    /** Room for several v1 signatures (Stripe signs with each secret while one is being rolled) and a v0. */
    static final int MAX_LENGTH = 1024;
    /** Seconds since the epoch for the next few thousand years, and no long overflow when read. */
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private StripeSignatureHeader() {
    }

    static boolean isWellFormed(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
            return false;
        }
        int timestamps = 0;
        int signatures = 0;
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            if (key.equals("t")) {
                if (!isDigits(value, MAX_TIMESTAMP_DIGITS)) {
                    return false;
                }
                timestamps++;
            } else if (key.equals("v1")) {
                if (value.length() != SIGNATURE_HEX_LENGTH || !value.chars().allMatch(StripeSignatureHeader::isLowerHex)) {
                    return false;
                }
                signatures++;
            }
        }
        return timestamps == 1 && signatures >= 1;
    }

    private static boolean isDigits(String value, int maxDigits) {
        return !value.isEmpty() && value.length() <= maxDigits && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
