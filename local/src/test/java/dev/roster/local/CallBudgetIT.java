package dev.roster.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route's DynamoDB requests, counted with an SDK interceptor: a mutation is one batch read plus one
 * TransactWriteItems (which carries its audit entry); a read is one request, plus the caller's membership for
 * lists. No route scans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallBudgetIT {

    private static final CallCounter calls = new CallCounter();
    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment(Map.of("ROSTER_RESEND_COOLDOWN", "PT0S")),
            calls).closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();
    private Fixture.Org org;

    @BeforeAll
    void createAnOrg() {
        org = fx.org("PRO", 0);
    }

    @BeforeEach
    void reset() {
        calls.reset();
    }

    private ApiClient.Res measured(Map<String, Integer> expected, Supplier<ApiClient.Res> call) {
        calls.reset();
        ApiClient.Res res = call.get();
        assertTrue(res.status() < 300, res::toString);
        assertEquals(expected, calls.counts(), res::toString);
        return res;
    }

    private int audits() {
        return AuditLog.entries(stack.local(), org.id(), null).size();
    }

    @Test
    void createOrgIsOneTransaction() {
        ApiClient.User someone = fx.user("founder");
        ApiClient.Res res = measured(Map.of("TransactWriteItems", 1), () -> api.post("/orgs", someone, Map.of("name", "New")));
        assertEquals(1, AuditLog.entries(stack.local(), res.str("id"), "org.created").size());
    }

    @Test
    void checkoutIsOneReadAndAStripeWebhookOneReadAndOneTransaction() {
        Fixture.Org org = fx.org("FREE", 0);
        stripe.checkoutAnswers("https://checkout.stripe.com/c/pay/cs_test_budget");
        measured(Map.of("BatchGetItem", 1),
                () -> api.post("/orgs/" + org.id() + "/billing/checkout", org.owner(), Map.of("plan", "PRO")));

        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 2);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        Supplier<ApiClient.Res> webhook = () -> StripeEvents.deliver(api, payload, java.time.Instant.now());
        assertEquals("APPLIED", measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), webhook).str("result"));
        assertEquals("DUPLICATE", measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), webhook).str("result"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").size());
    }

    @Test
    void changingTheSubscriptionIsOneReadAndOneTransactionAndThePortalOneRead() {
        Fixture.Org org = fx.org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 1);
        assertEquals("APPLIED", StripeEvents.deliver(api, StripeEvents.checkoutCompleted(StripeEvents.newId("evt"),
                subscription, org.id()), java.time.Instant.now()).str("result"));
        stripe.changeAnswers(subscription, org.id(), "active", StripeApi.items(StripeApi.PRO, 4));

        ApiClient.Res changed = measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1),
                () -> api.patch("/orgs/" + org.id() + "/subscription", org.owner(), Map.of("extraSeats", 4)));
        assertEquals(14, changed.num("seats.limit"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "seats.changed").stream()
                .filter(e -> e.get("actor").s().equals(org.owner().sub())).count());

        stripe.portalAnswers("https://billing.stripe.com/p/session/test_budget");
        measured(Map.of("BatchGetItem", 1), () -> api.post("/orgs/" + org.id() + "/billing/portal", org.owner(), (String) null));
    }

    @Test
    void aOneTimePaymentIsOneReadAndOneTransactionCarryingItsPurchase() {
        Fixture.Org org = fx.org("FREE", 0);
        String session = StripeEvents.newId("cs");
        String intent = StripeEvents.newId("pi");
        stripe.paymentSession(session, org.id(), intent, StripeEvents.newId("ch"), StripeApi.FOUNDER, true, false);
        Supplier<ApiClient.Res> completed = () -> StripeEvents.deliver(api, StripeEvents.paymentCompleted(
                StripeEvents.newId("evt"), "checkout.session.completed", session, org.id(), intent), java.time.Instant.now());

        assertEquals("APPLIED", measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), completed).str("result"));
        assertEquals("UNCHANGED", measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), completed).str("result"),
                "another event for the same payment finds it recorded");
    }

    @Test
    void readsAreOneRequestEach() {
        measured(Map.of("BatchGetItem", 1), () -> fx.org(org));
        measured(Map.of("Query", 1), () -> api.get("/me", org.owner()));
        measured(Map.of("GetItem", 1), () -> api.get("/orgs/" + org.id() + "/catalog", org.owner()));
        measured(Map.of("BatchGetItem", 1), () -> api.get("/orgs/" + org.id() + "/members/" + org.owner().sub(), org.owner()));
        measured(Map.of("GetItem", 1, "Query", 1), () -> api.get("/orgs/" + org.id() + "/invitations?status=PENDING", org.owner()));
        measured(Map.of("GetItem", 1, "Query", 1), () -> api.get("/orgs/" + org.id() + "/invitations", org.owner()));
        measured(Map.of("GetItem", 1, "Query", 1), () -> api.get("/orgs/" + org.id() + "/members", org.owner()));
        String token = fx.invited(org, Fixture.uniqueEmail("preview"), "MEMBER");
        measured(Map.of("Query", 1), () -> api.get("/invitations/" + token, null));
    }

    @Test
    void membersWithInvitationsCostAtMostOneMoreQueryOnThePageWhereMembersRunOut() {
        Fixture.Org small = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("pending");
        fx.invited(small, email, "MEMBER");
        measured(Map.of("GetItem", 1, "Query", 2), () -> api.get("/orgs/" + small.id() + "/members?include=invitations", small.owner()));

        List<Object> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String query = "/orgs/" + small.id() + "/members?include=invitations&limit=1" + (cursor == null ? "" : "&cursor=" + cursor);
            calls.reset();
            ApiClient.Res page = api.get(query, small.owner());
            assertEquals(1, calls.counts().get("GetItem"));
            assertTrue(calls.counts().get("Query") <= 2, calls.counts()::toString);
            seen.addAll(page.list("items").stream().map(i -> ((Map<?, ?>) i).get("email")).toList());
            cursor = page.str("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(small.owner().email(), email), seen);
    }

    @Test
    void mutationsAreOneReadAndOneTransactionCarryingTheirAuditEntry() {
        Fixture.Org org = fx.org("PRO", 0);
        java.util.function.IntSupplier audits = () -> AuditLog.entries(stack.local(), org.id(), null).size();
        int before = audits.getAsInt();
        ApiClient.Res issued = measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1),
                () -> fx.invite(org, org.owner(), Fixture.uniqueEmail("single"), "MEMBER"));
        assertEquals(before + 1, audits.getAsInt());

        measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1), () -> api.post("/orgs/" + org.id() + "/invitations",
                org.owner(), Map.of("invitations", List.of(
                        Map.of("email", Fixture.uniqueEmail("b1"), "role", "MEMBER"),
                        Map.of("email", Fixture.uniqueEmail("b2"), "role", "MEMBER"),
                        Map.of("email", Fixture.uniqueEmail("b3"), "role", "VIEWER")))));
        assertEquals(before + 4, audits.getAsInt());

        String id = issued.str("invitation.id");
        ApiClient.Res resent = measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1),
                () -> api.post("/orgs/" + org.id() + "/invitations/" + id + "/resend", org.owner(), (String) null));
        assertEquals(before + 5, audits.getAsInt());

        measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1),
                () -> api.delete("/orgs/" + org.id() + "/invitations/" + id, org.owner()));
        assertEquals(before + 6, audits.getAsInt());
        assertEquals(404, api.get("/invitations/" + Fixture.token(resent), null).status());

        ApiClient.User ivan = fx.user("ivan");
        String accept = fx.invited(org, ivan.email(), "MEMBER");
        measured(Map.of("Query", 1, "TransactWriteItems", 1), () -> api.post("/invitations/" + accept + "/accept", ivan, (String) null));
        ApiClient.User dana = fx.user("dana");
        String decline = fx.invited(org, dana.email(), "MEMBER");
        measured(Map.of("Query", 1, "TransactWriteItems", 1), () -> api.post("/invitations/" + decline + "/decline", dana, (String) null));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "invitation.accepted").size());
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "invitation.declined").size());
    }

    @Test
    void auditEntriesRecordActorTargetBeforeAfterRequestIdAndExpireAfterAYear() {
        ApiClient.Res issued = fx.invite(org, org.owner(), Fixture.uniqueEmail("audited"), "VIEWER");
        String id = issued.str("invitation.id");
        api.delete("/orgs/" + org.id() + "/invitations/" + id, org.owner());

        var entry = AuditLog.entries(stack.local(), org.id(), "invitation.revoked").stream()
                .filter(e -> e.get("target").s().equals("invitation:" + id)).findFirst().orElseThrow();

        assertEquals(org.owner().sub(), entry.get("actor").s());
        assertEquals("PENDING", entry.get("before").m().get("status").s());
        assertEquals("REVOKED", entry.get("after").m().get("status").s());
        assertFalse(entry.get("requestId").s().isEmpty());
        long time = java.time.Instant.parse(entry.get("time").s()).getEpochSecond();
        assertEquals(time + 365L * 24 * 3600, Long.parseLong(entry.get("ttl").n()));
    }

    @Test
    void refusedMutationsWriteNothing() {
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");
        int before = audits();
        calls.reset();

        ApiClient.Res res = fx.invite(org, viewer, Fixture.uniqueEmail("x"), "MEMBER");

        assertEquals(403, res.status());
        assertEquals(0, calls.writes(), calls.counts()::toString);
        assertEquals(before, audits());
    }

    @Test
    void memberChangesAreOneReadAndOneTransactionCarryingTheirAuditEntry() {
        Fixture.Org team = fx.org("PRO", 0);
        ApiClient.User ivan = fx.member(team, "ivan", "MEMBER");
        ApiClient.User heir = fx.member(team, "heir", "MEMBER");
        ApiClient.User leaver = fx.member(team, "leaver", "VIEWER");
        String path = Fixture.memberPath(team, ivan);
        java.util.function.IntSupplier audits = () -> AuditLog.entries(stack.local(), team.id(), null).size();
        int before = audits.getAsInt();
        Map<String, Integer> oneReadOneTransaction = Map.of("BatchGetItem", 1, "TransactWriteItems", 1);

        measured(oneReadOneTransaction, () -> api.patch(path, team.owner(), Map.of("role", "VIEWER", "permissions", List.of("crm"))));
        measured(oneReadOneTransaction, () -> api.post(path + "/suspend", team.owner(), (String) null));
        measured(oneReadOneTransaction, () -> api.post(path + "/reactivate", team.owner(), (String) null));
        measured(oneReadOneTransaction, () -> api.delete(path, team.owner()));
        measured(oneReadOneTransaction, () -> api.post("/orgs/" + team.id() + "/leave", leaver, (String) null));
        measured(oneReadOneTransaction, () -> api.post("/orgs/" + team.id() + "/transfer-ownership", team.owner(),
                Map.of("userId", heir.sub())));
        assertEquals(before + 6, audits.getAsInt());
        measured(Map.of("BatchGetItem", 1), () -> api.patch(Fixture.memberPath(team, heir), heir, Map.of("workspaceIds", List.of())));
    }

    @Test
    void workspaceRoutesAndTheAccessCheckKeepToTheBudget() {
        Fixture.Org team = fx.org("PRO", 0);
        ApiClient.User member = fx.member(team, "member", "MEMBER");
        ApiClient.Res created = measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 1),
                () -> api.post("/orgs/" + team.id() + "/workspaces", team.owner(), Map.of("name", "North")));
        String ws = created.str("id");
        measured(Map.of("GetItem", 1, "Query", 1), () -> api.get("/orgs/" + team.id() + "/workspaces", member));
        measured(Map.of("BatchGetItem", 1), () -> api.get("/orgs/" + team.id() + "/access?workspaceId=" + ws + "&permission=crm", member));
        measured(Map.of("GetItem", 1, "Query", 1), () -> api.get("/orgs/" + team.id() + "/audit?action=workspace.created", team.owner()));
        api.patch(Fixture.memberPath(team, member), team.owner(), Map.of("workspaceIds", List.of(ws)));
        // Deleting also takes the grant away: one query of members and one of pending invitations find the
        // holders, and each holder costs one more write.
        measured(Map.of("BatchGetItem", 1, "TransactWriteItems", 2, "Query", 2),
                () -> api.delete("/orgs/" + team.id() + "/workspaces/" + ws, team.owner()));
    }
}
