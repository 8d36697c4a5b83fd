package dev.roster.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteRateLimitIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-10T21:00:00Z"));
    private LocalApi local;
    private ApiClient api;
    private Fixture fx;

    @BeforeAll
    void start() throws Exception {
        local = TestStack.start(Map.of("ROSTER_INVITES_PER_DAY", "3", "ROSTER_RESEND_COOLDOWN", "PT0S"), clock);
        api = new ApiClient(local.baseUri());
        fx = new Fixture(api);
    }

    @AfterAll
    void stop() {
        local.close();
    }

    @Test
    void beyondTheDailyCapInvitesAre429AndNoEmailIsSentUntilTheNextUtcDay() {
        Fixture.Org org = fx.org("PRO", 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(201, fx.invite(org, org.owner(), Fixture.uniqueEmail("ok" + i), "MEMBER").status());
        }
        int mail = Mailbox.count(local.mailDirectory());
        String email = Fixture.uniqueEmail("fourth");

        ApiClient.Res res = fx.invite(org, org.owner(), email, "MEMBER");

        assertEquals(429, res.status(), res::toString);
        assertEquals("INVITE_RATE_LIMITED", res.str("code"));
        assertEquals(Long.toString(Duration.ofHours(3).toSeconds()), res.header("retry-after"));
        assertEquals(mail, Mailbox.count(local.mailDirectory()));
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
