package dev.roster.core.port;

/** Another request changed the same items at the same moment; reading again and retrying is safe. */
public class ConcurrentChange extends RuntimeException {

    public ConcurrentChange() {
        super("transaction conflict", null, false, false);
    }
}
