package dev.roster.core.usecase;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs read-decide-write again when the write found the state moved on since the read. Each attempt reads
 * afresh, so the decision is always made on current state; the attempts are bounded.
 */
final class Retry {

    static final int ATTEMPTS = 12;

    /** Thrown by an attempt whose read went stale; the next attempt reads again. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    private Retry() {
    }

    static <T> T onStale(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (Stale | dev.roster.core.port.ConcurrentChange e) {
                if (i == ATTEMPTS) {
                    throw new RosterException(ErrorCode.CONCURRENT_MODIFICATION,
                            "Too many simultaneous changes to this organization; try again.");
                }
                pause(i);
            }
        }
    }

    private static void pause(int attempt) {
        long max = Math.min(200, 10L << Math.min(attempt, 4));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, max));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RosterException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted");
        }
    }
}
