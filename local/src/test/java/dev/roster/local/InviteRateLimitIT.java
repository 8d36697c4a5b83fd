package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InviteRateLimitIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-05-10T21:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(
            Map.of("ROSTER_INVITES_PER_DAY", "3", "ROSTER_RESEND_COOLDOWN", "PT0S"), clock);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @Test
    void beyondTheDailyCapInvitesAre429AndNoEmailIsSentUntilTheNextUtcDay() {
        Fixture.Org org = fx.org("PRO", 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("ok" + i), "MEMBER").status());
        }
        int mail = Mailbox.count(stack.local().mailDirectory());
        String email = Fixture.uniqueEmail("fourth");

        ApiClient.Res res = fx.invite(org, org.owner(), email, "MEMBER");

        assertEquals(429, res.status(), res::toString);
        assertEquals("INVITE_RATE_LIMITED", res.str("code"));
        assertEquals(Long.toString(Duration.ofHours(3).toSeconds()), res.header("retry-after"));
        assertEquals(mail, Mailbox.count(stack.local().mailDirectory()));
        assertEquals(3, fx.invitations(org, "").size());
        assertEquals(4, fx.org(org).num("seats.used"));
        ApiClient.Res bulk = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of("invitations",
                List.of(Map.of("email", Fixture.uniqueEmail("b"), "role", "MEMBER"))));
        assertEquals(429, bulk.status());

        clock.advance(Duration.ofHours(3));
        assertEquals(201, fx.invite(org, org.owner(), email, "MEMBER").status());
    }

    @Test
    void resendsCountAgainstTheCapAndTheCapIsPerOrg() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.Res issued = fx.invite(org, org.owner(), Fixture.uniqueEmail("r"), "MEMBER");
        String resend = "/orgs/" + org.id() + "/invitations/" + issued.str("invitation.id") + "/resend";
        assertEquals(200, api.post(resend, org.owner(), (String) null).status());
        assertEquals(200, api.post(resend, org.owner(), (String) null).status());

        ApiClient.Res res = api.post(resend, org.owner(), (String) null);

        assertEquals(429, res.status(), res::toString);
        assertEquals("INVITE_RATE_LIMITED", res.str("code"));
        Fixture.Org other = fx.org("PRO", 0);
        assertEquals(201, fx.invite(other, other.owner(), Fixture.uniqueEmail("other"), "MEMBER").status());
    }
}
