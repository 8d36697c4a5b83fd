package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** lastSeenAt follows a member's requests to within five minutes, and costs a write on few of them. */
class PresenceIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private static final CallCounter calls = new CallCounter();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock, calls);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private int presenceWrites(ApiClient.User who, String path) {
        calls.reset();
        ApiClient.Res res = api.get(path, who);
        assertEquals(200, res.status(), res::toString);
        return calls.counts().getOrDefault("UpdateItem", 0);
    }

    @Test
    void lastSeenAtIsRefreshedAtMostOnceEveryFiveMinutes() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        Instant joined = Instant.parse(fx.memberOf(org, ivan).str("lastSeenAt"));
        String orgPath = "/orgs/" + org.id();

        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, presenceWrites(ivan, orgPath), "seen 4 minutes ago: nothing to write");
        assertEquals(joined, Instant.parse(fx.memberOf(org, ivan).str("lastSeenAt")));

        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, presenceWrites(ivan, orgPath + "/members"), "seen 6 minutes ago: one write");
        Instant refreshed = Instant.parse(fx.memberOf(org, ivan).str("lastSeenAt"));
        assertEquals(clock.instant(), refreshed);

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertEquals(0, presenceWrites(ivan, orgPath + "/workspaces"));
        }
        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, presenceWrites(ivan, orgPath + "/access?permission=read"));
    }
}
