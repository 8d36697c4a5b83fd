package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** "Invites expire — if the link wasn't used by the invitee, just resend": resending an expired invitation. */
class ExpiredInvitationResendIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-04-06T09:00:00Z"));
    private static final CallCounter calls = new CallCounter();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock, calls);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    /** Invites {@code email}, lets the invitation expire and sweeps it: its seat is free again. */
    private ApiClient.Res expiredInvitation(Fixture.Org org, String email) {
        ApiClient.Res issued = fx.invite(org, org.owner(), email, "MEMBER");
        assertEquals(201, issued.status(), issued::toString);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        ApiClient.Res sweep = api.post("/_local/run/invitation-expiry", null, (String) null);
        assertEquals(200, sweep.status(), sweep::toString);
        assertEquals("EXPIRED", status(org, issued.str("invitation.id")));
        return issued;
    }

    private ApiClient.Res resend(Fixture.Org org, String invitationId) {
        return api.post("/orgs/" + org.id() + "/invitations/" + invitationId + "/resend", org.owner(), (String) null);
    }

    private String status(Fixture.Org org, String invitationId) {
        return fx.invitations(org, "").stream().map(i -> (Map<?, ?>) i)
                .filter(i -> invitationId.equals(i.get("id"))).map(i -> (String) i.get("status")).findFirst().orElseThrow();
    }

    @Test
    void anExpiredInvitationResentIsPendingAgainWithASeatANewExpiryAndOnlyTheNewLinkWorks() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        ApiClient.Res issued = expiredInvitation(org, ivan.email());
        String id = issued.str("invitation.id");
        assertEquals(0, fx.org(org).num("seats.pending"));

        ApiClient.Res resent = resend(org, id);

        assertEquals(200, resent.status(), resent::toString);
        assertEquals("PENDING", resent.str("invitation.status"));
        assertEquals("SENT", resent.str("invitation.emailStatus"));
        assertEquals(clock.instant().plus(Duration.ofDays(7)), Instant.parse(resent.str("invitation.expiresAt")));
        assertNotEquals(Fixture.token(issued), Fixture.token(resent));
        assertEquals(2, fx.org(org).num("seats.used"));
        assertEquals(1, fx.org(org).num("seats.pending"));
        assertEquals(404, api.get("/invitations/" + Fixture.token(issued), null).status());
        assertEquals(2, Mailbox.to(stack.local().mailDirectory(), ivan.email()).size());
        List<Map<String, AttributeValue>> audit = AuditLog.entries(stack.local(), org.id(), "invitation.resent");
        assertEquals(1, audit.size());
        assertEquals("EXPIRED", audit.get(0).get("before").m().get("status").s());
        assertEquals("PENDING", audit.get(0).get("after").m().get("status").s());

        ApiClient.Res accepted = api.post("/invitations/" + Fixture.token(resent) + "/accept", ivan, (String) null);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals(0, fx.org(org).num("seats.pending"));
        assertEquals(2, fx.org(org).num("seats.used"));
    }

    @Test
    void anExpiredInvitationIsNotResentWhenEverySeatIsTaken() {
        Fixture.Org org = fx.org("STARTER", 0);
        String id = expiredInvitation(org, Fixture.uniqueEmail("ivan")).str("invitation.id");
        for (int i = 0; i < 4; i++) {
            fx.invited(org, Fixture.uniqueEmail("seat" + i), "VIEWER");
        }

        ApiClient.Res res = resend(org, id);

        assertEquals(409, res.status(), res::toString);
        assertEquals("SEAT_LIMIT_REACHED", res.str("code"));
        assertEquals("EXPIRED", status(org, id));
        assertEquals(5, fx.org(org).num("seats.used"));
    }

    @Test
    void anExpiredInvitationWhoseAddressWasInvitedAgainOrJoinedIsNotResent() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        String id = expiredInvitation(org, ivan.email()).str("invitation.id");
        String newer = fx.invited(org, ivan.email(), "VIEWER");

        ApiClient.Res whileInvited = resend(org, id);
        assertEquals(409, whileInvited.status(), whileInvited::toString);
        assertEquals("NEWER_INVITATION_PENDING", whileInvited.str("code"));

        assertEquals(200, api.post("/invitations/" + newer + "/accept", ivan, (String) null).status());
        ApiClient.Res afterJoining = resend(org, id);
        assertEquals(409, afterJoining.status(), afterJoining::toString);
        assertEquals("ALREADY_MEMBER", afterJoining.str("code"));
        assertEquals("EXPIRED", status(org, id));
        assertEquals(2, fx.org(org).num("seats.used"));
    }

    @Test
    void anAcceptedInvitationIsNotResent() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        ApiClient.Res issued = fx.invite(org, org.owner(), ivan.email(), "MEMBER");
        api.post("/invitations/" + Fixture.token(issued) + "/accept", ivan, (String) null);
        clock.advance(Duration.ofMinutes(2));

        ApiClient.Res res = resend(org, issued.str("invitation.id"));

        assertEquals(409, res.status(), res::toString);
        assertEquals("INVITATION_NOT_PENDING", res.str("code"));
    }

    @Test
    void concurrentResendsOfAnExpiredInvitationTakeOneSeatAndSendOneLink() throws Exception {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        String id = expiredInvitation(org, email).str("invitation.id");
        List<Callable<ApiClient.Res>> resends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            resends.add(() -> resend(org, id));
        }

        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (Future<ApiClient.Res> f : pool.invokeAll(resends)) {
                statuses.add(f.get().status());
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(19, statuses.stream().filter(s -> s == 429).count(), statuses::toString);
        assertEquals(1, fx.org(org).num("seats.pending"));
        assertEquals(2, fx.org(org).num("seats.used"));
        assertEquals(2, Mailbox.to(stack.local().mailDirectory(), email).size());
    }

    @Test
    void resendingAnExpiredInvitationIsOneReadAndOneTransaction() {
        Fixture.Org org = fx.org("STARTER", 0);
        String id = expiredInvitation(org, Fixture.uniqueEmail("ivan")).str("invitation.id");
        fx.org(org);
        calls.reset();

        ApiClient.Res res = resend(org, id);

        assertEquals(200, res.status(), res::toString);
        assertEquals(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), calls.counts());
    }
}
