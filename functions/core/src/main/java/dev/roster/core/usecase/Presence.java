package dev.roster.core.usecase;

import dev.roster.core.domain.Member;
import dev.roster.core.port.RosterStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a member's {@code lastSeenAt} current to within {@link #REFRESH}: a request by a member seen less than
 * that long ago writes nothing, so presence costs a write on few requests.
 */
@Singleton
public class Presence {

    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

    private final RosterStore store;
    private final Clock clock;

    public Presence(RosterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Called once the caller's membership has been read and found active. */
    void seen(Member member) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(REFRESH);
        if (member.lastSeenAt() != null && !member.lastSeenAt().isBefore(staleBefore)) {
            return;
        }
        try {
            store.touchMember(member.orgId(), member.userId(), now, staleBefore);
        } catch (RuntimeException e) {
            // Presence is a hint; the request the member made must not fail because of it.
            LOG.warn("lastSeenAt of member {} in org {} not recorded: {}", member.userId(), member.orgId(), e.toString());
        }
    }
}
