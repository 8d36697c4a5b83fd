package dev.roster.core.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as Roster compares it: trimmed and lower-cased, so that the invited address and the
 * signed-in user's address match whatever case either was typed in.
 */
public record EmailAddress(String value) {

    // Deliberately conservative: a dot-atom local part and a domain with at least one dot. Quoted local
    // parts and IP-literal domains are valid RFC 5322 but never appear in invitations in practice, and
    // refusing them keeps CR/LF and other header-breaking characters out of mail headers.
    private static final Pattern SHAPE = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$");
    /** RFC 5321 §4.5.3.1: a local part of at most 64 octets, a path of at most 256 (254 without its brackets). */
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (!isValidNormalized(value)) {
            throw new IllegalArgumentException("not a normalized email address");
        }
    }

    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String normalized = raw.trim().toLowerCase(Locale.ROOT);
        return isValidNormalized(normalized) ? Optional.of(new EmailAddress(normalized)) : Optional.empty();
    }

    private static boolean isValidNormalized(String value) {
        return value != null && value.length() <= MAX_LENGTH && value.indexOf('@') <= MAX_LOCAL_PART
                && SHAPE.matcher(value).matches();
    }

    /** "alice@example.com" becomes "a***e@example.com": enough for the invitee to recognise, little for others. */
    public String masked() {
        int at = value.indexOf('@');
        String local = value.substring(0, at);
        String shown = local.length() <= 2
                ? local.charAt(0) + "***"
                : local.charAt(0) + "***" + local.charAt(local.length() - 1);
        return shown + value.substring(at);
    }

    @Override
    public String toString() {
        return value;
    }
}
