package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Access that ends by itself: {@code accessExpiresAt} on a member, enforced from that instant, recorded by the sweep. */
class MemberAccessExpiryIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-05-11T08:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private ApiClient.Res endAccess(Fixture.Org org, ApiClient.User member, Object at) {
        Map<String, Object> body = new HashMap<>();
        body.put("accessExpiresAt", at);
        return api.patch(memberPath(org, member), org.owner(), body);
    }

    private ApiClient.Res sweep() {
        ApiClient.Res res = api.post("/_local/run/invitation-expiry", null, (String) null);
        assertEquals(200, res.status(), res::toString);
        return res;
    }

    @Test
    void fromTheInstantAccessEndsEveryRequestIsMemberSuspendedWithoutWaitingForTheSweep() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "ADMIN");
        Instant end = clock.instant().plus(Duration.ofHours(1));

        ApiClient.Res set = endAccess(org, ivan, end.toString());

        assertEquals(200, set.status(), set::toString);
        assertEquals(end, Instant.parse(set.str("accessExpiresAt")));
        assertEquals(end, Instant.parse(fx.memberOf(org, ivan).str("accessExpiresAt")));
        assertEquals(200, api.get("/orgs/" + org.id(), ivan).status());

        clock.advance(Duration.ofHours(1));

        for (ApiClient.Res res : List.of(api.get("/orgs/" + org.id(), ivan),
                api.get("/orgs/" + org.id() + "/members", ivan),
                fx.invite(org, ivan, Fixture.uniqueEmail("rita"), "VIEWER"))) {
            assertEquals(403, res.status(), res::toString);
            assertEquals("MEMBER_SUSPENDED", res.str("code"));
        }
        assertEquals("ACTIVE", fx.memberOf(org, ivan).str("status"), "nothing is written until the sweep records it");
    }

    @Test
    void theSweepRecordsTheEndAsASuspensionWithItsAuditEntryOnceAndReactivationClearsIt() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        ApiClient.User stays = fx.member(org, "stays", "MEMBER");
        sweep(); // the ends other tests of this class left due
        endAccess(org, ivan, clock.instant().plus(Duration.ofMinutes(30)).toString());
        endAccess(org, stays, clock.instant().plus(Duration.ofDays(30)).toString());
        clock.advance(Duration.ofMinutes(31));

        ApiClient.Res first = sweep();
        ApiClient.Res second = sweep();

        assertEquals(1, first.num("membersSuspended"), first::toString);
        assertEquals(0, second.num("membersSuspended"), second::toString);
        assertEquals("SUSPENDED", fx.memberOf(org, ivan).str("status"));
        assertEquals("ACTIVE", fx.memberOf(org, stays).str("status"));
        assertEquals(3, fx.org(org).num("seats.used"), "a suspended member keeps their seat");
        List<Map<String, AttributeValue>> audit = AuditLog.entries(stack.local(), org.id(), "member.suspended");
        assertEquals(1, audit.size());
        assertEquals("system:access-expiry", audit.get(0).get("actor").s());
        assertEquals("member:" + ivan.sub(), audit.get(0).get("target").s());

        ApiClient.Res reactivated = api.post(memberPath(org, ivan) + "/reactivate", org.owner(), (String) null);

        assertEquals(200, reactivated.status(), reactivated::toString);
        assertEquals("ACTIVE", reactivated.str("status"));
        assertNull(reactivated.at("accessExpiresAt"));
        assertEquals(200, api.get("/orgs/" + org.id(), ivan).status());
        assertEquals(0, sweep().num("membersSuspended"));
    }

    @Test
    void nullClearsTheEndAndTheMemberKeepsAccess() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        endAccess(org, ivan, clock.instant().plus(Duration.ofMinutes(10)).toString());

        ApiClient.Res cleared = endAccess(org, ivan, null);
        clock.advance(Duration.ofMinutes(11));

        assertEquals(200, cleared.status(), cleared::toString);
        assertNull(cleared.at("accessExpiresAt"));
        assertEquals(200, api.get("/orgs/" + org.id(), ivan).status());
        assertEquals(0, sweep().num("membersSuspended"));
    }

    @Test
    void theEndMustBeAFutureTimeSetByAnotherOwnerOrAdmin() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");

        ApiClient.Res past = endAccess(org, ivan, clock.instant().minusSeconds(1).toString());
        ApiClient.Res notATime = endAccess(org, ivan, "tomorrow");
        ApiClient.Res fiveDigitYear = endAccess(org, ivan, "+10000-01-01T00:00:00Z");
        ApiClient.Res self = api.patch(memberPath(org, admin), admin,
                Map.of("accessExpiresAt", clock.instant().plus(Duration.ofDays(1)).toString()));
        ApiClient.Res byMember = api.patch(memberPath(org, admin), ivan,
                Map.of("accessExpiresAt", clock.instant().plus(Duration.ofDays(1)).toString()));

        for (ApiClient.Res res : List.of(past, notATime, fiveDigitYear)) {
            assertEquals(400, res.status(), res::toString);
            assertEquals("VALIDATION_FAILED", res.str("code"));
            assertEquals("accessExpiresAt", ((Map<?, ?>) res.list("errors").get(0)).get("field"));
        }
        assertEquals(403, self.status(), self::toString);
        assertEquals("CANNOT_CHANGE_SELF", self.str("code"));
        assertEquals(403, byMember.status(), byMember::toString);
        assertEquals("FORBIDDEN", byMember.str("code"));
        assertNull(fx.memberOf(org, ivan).at("accessExpiresAt"));
    }
}
