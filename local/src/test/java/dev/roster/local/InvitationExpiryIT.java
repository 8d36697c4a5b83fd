package dev.roster.local;

import dev.roster.core.config.RosterSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expiry sweep, run as EventBridge runs it, on a thousand due invitations across twenty orgs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvitationExpiryIT {

    private static final int ORGS = 20;
    private static final int PER_ORG = 50;

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private static final CallCounter calls = new CallCounter();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock, calls);
    private final List<Fixture.Org> orgs = new ArrayList<>();
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @BeforeAll
    void inviteManyInManyOrgs() {
        for (int o = 0; o < ORGS; o++) {
            Fixture.Org org = fx.org("ENTERPRISE", 0);
            orgs.add(org);
            for (int batch = 0; batch < PER_ORG / 10; batch++) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    items.add(Map.of("email", "due-" + o + "-" + batch + "-" + i + "@example.com", "role", "MEMBER"));
                }
                ApiClient.Res res = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of("invitations", items));
                assertEquals(10, res.num("created"), res::toString);
            }
        }
    }

    private ApiClient.Res sweep() {
        ApiClient.Res res = api.post("/_local/run/invitation-expiry", null, (String) null);
        assertEquals(200, res.status(), res::toString);
        return res;
    }

    @Test
    @Order(1)
    void nothingExpiresBeforeItsTime() {
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        calls.reset();

        ApiClient.Res res = sweep();

        assertEquals(0, res.num("expired"));
        assertEquals(0, calls.writes());
        assertEquals(PER_ORG, fx.org(orgs.get(0)).num("seats.pending"));
    }

    @Test
    @Order(2)
    void aThousandDueInvitationsExpireFreeTheirSeatsAndEachInviterHearsOnce() {
        clock.advance(Duration.ofSeconds(2));
        int mailBefore = Mailbox.count(stack.local().mailDirectory());

        ApiClient.Res res = sweep();

        assertEquals(ORGS * PER_ORG, res.num("expired"), res::toString);
        assertEquals(true, res.at("complete"));
        assertEquals(ORGS, res.num("inviterEmails"));
        assertEquals(mailBefore + ORGS, Mailbox.count(stack.local().mailDirectory()));
        for (Fixture.Org org : orgs) {
            ApiClient.Res after = fx.org(org);
            assertEquals(1, after.num("seats.used"));
            assertEquals(0, after.num("seats.pending"));
            assertEquals(PER_ORG, api.get("/orgs/" + org.id() + "/invitations?status=EXPIRED&limit=100", org.owner())
                    .list("items").size());
            assertEquals(PER_ORG, AuditLog.entries(stack.local(), org.id(), "invitation.expired").size());
            List<Mailbox.Message> notices = Mailbox.to(stack.local().mailDirectory(), org.owner().email()).stream()
                    .filter(m -> m.header("subject").contains("expired")).toList();
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).header("subject").startsWith(PER_ORG + " of your invitations to "));
            assertTrue(notices.get(0).text().contains(stack.local().baseUri() + "/orgs/" + org.id() + "/invitations"));
        }
        Mailbox.Message notice = Mailbox.to(stack.local().mailDirectory(), orgs.get(3).owner().email()).stream()
                .filter(m -> m.header("subject").contains("expired")).findFirst().orElseThrow();
        assertTrue(notice.text().contains("due-3-0-0@example.com"), notice.text());
        assertTrue(notice.html().contains("due-3-4-9@example.com"), notice.html());
    }

    @Test
    @Order(3)
    void runningAgainChangesNothing() {
        int mailBefore = Mailbox.count(stack.local().mailDirectory());
        calls.reset();

        ApiClient.Res res = sweep();

        assertEquals(0, res.num("expired"));
        assertEquals(0, res.num("inviterEmails"));
        assertEquals(0, calls.writes(), calls.counts()::toString);
        assertEquals(mailBefore, Mailbox.count(stack.local().mailDirectory()));
    }

    @Test
    @Order(4)
    void expiredLinksSayExpiredAndTheEmailCanBeInvitedAgain() {
        Fixture.Org org = orgs.get(0);
        String email = "due-0-0-0@example.com";
        ApiClient.Res again = fx.invite(org, org.owner(), email, "VIEWER");
        assertEquals(201, again.status(), again::toString);
        assertEquals(1, fx.org(org).num("seats.pending"));
    }

    @Test
    @Order(5)
    void decidedInvitationsArePurgedByTtlAfterTheRetentionAndPendingOnesAreNot() {
        Fixture.Org org = orgs.get(1);
        DynamoDbClient dynamo = stack.local().context().getBean(DynamoDbClient.class);
        String table = stack.local().context().getBean(RosterSettings.class).table();
        Map<String, Object> expired = (Map<String, Object>) api.get("/orgs/" + org.id() + "/invitations?status=EXPIRED&limit=1",
                org.owner()).list("items").get(0);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("ORG#" + org.id()), "SK", AttributeValue.fromS("INVITATION#" + expired.get("id"))))).item();

        long decidedAt = Instant.parse(item.get("decidedAt").s()).getEpochSecond();
        assertEquals(decidedAt + Duration.ofDays(30).toSeconds(), Long.parseLong(item.get("ttl").n()));
        assertNull(item.get("GSI3PK"), "an expired invitation leaves the expiry index");

        ApiClient.Res pending = fx.invite(org, org.owner(), Fixture.uniqueEmail("fresh"), "MEMBER");
        Map<String, AttributeValue> pendingItem = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("ORG#" + org.id()),
                "SK", AttributeValue.fromS("INVITATION#" + pending.str("invitation.id"))))).item();
        assertFalse(pendingItem.containsKey("ttl"));
        var audit = AuditLog.entries(stack.local(), org.id(), "invitation.expired").get(0);
        assertTrue(Long.parseLong(audit.get("ttl").n()) > decidedAt + Duration.ofDays(300).toSeconds(), "audit stays a year");
    }

    @Test
    @Order(6)
    void aRunShortOfTimeStopsBetweenInvitationsAndTheNextRunFinishes() throws Exception {
        Fixture.Org org = fx.org("ENTERPRISE", 0);
        for (int i = 0; i < 5; i++) {
            fx.invited(org, Fixture.uniqueEmail("late"), "MEMBER");
        }
        clock.advance(Duration.ofDays(8));
        AtomicInteger asked = new AtomicInteger();
        // Time for the first two checks, then the clock is down to the reserve the function keeps back.
        LocalLambdaContext shortOfTime = new LocalLambdaContext("InvitationExpiryFunction", UUID.randomUUID().toString(),
                () -> asked.incrementAndGet() <= 2 ? 60_000 : 29_000);
        Map<String, Object> event = Map.of("id", UUID.randomUUID().toString());

        Map<?, ?> first = (Map<?, ?>) stack.local().scheduledHandler("InvitationExpiryFunction").handleRequest(event, shortOfTime);

        assertEquals(false, first.get("complete"), first::toString);
        int handled = ((Number) first.get("expired")).intValue();
        assertTrue(handled >= 1 && handled <= 2, first::toString);
        assertTrue(fx.org(org).num("seats.pending") >= 3, "the rest waits for the next run");
        ApiClient.Res second = sweep();
        assertEquals(true, second.at("complete"));
        assertEquals(0, fx.org(org).num("seats.pending"));
    }
}
