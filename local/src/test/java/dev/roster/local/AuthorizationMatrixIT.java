package dev.roster.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every route of the API, called by each kind of caller, against the contract: an OWNER, ADMIN, MEMBER and VIEWER
 * of the org, a SUSPENDED member, a member of another org, and no token. Other orgs are 404 (no existence leak),
 * what a role may not do is 403, no token is API Gateway's 401. Each route gets a fresh org, and each cell its own
 * target, so no cell depends on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    enum Who { ADMIN, MEMBER, VIEWER, SUSPENDED, OTHER_ORG, NO_TOKEN, OWNER }

    /** One org with a caller of every kind. OWNER is tried last: some routes change what the owner is. */
    record World(Fixture.Org org, Map<Who, ApiClient.User> callers) {
        String path(String suffix) {
            return "/orgs/" + org.id() + suffix;
        }
    }

    private static final StripeApi stripe = new StripeApi();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment(Map.of("ROSTER_RESEND_COOLDOWN", "PT0S")))
            .closing(stripe);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private final java.util.Set<String> subscribed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    void stripeOpensCheckoutsAndPortals() {
        stripe.checkoutAnswers("https://checkout.stripe.com/c/pay/cs_test_matrix");
        stripe.portalAnswers("https://billing.stripe.com/p/session/test_matrix");
    }

    private static Map<Who, Integer> signedIn(int status) {
        return expect(status, status, status, status, status, status);
    }

    private static Map<Who, Integer> members(int status) {
        return expect(status, status, status, status, 403, 404);
    }

    private static Map<Who, Integer> managers(int status) {
        return expect(status, status, 403, 403, 403, 404);
    }

    private static Map<Who, Integer> owner(int status) {
        return expect(status, 403, 403, 403, 403, 404);
    }

    private static Map<Who, Integer> expect(int owner, int admin, int member, int viewer, int suspended, int otherOrg) {
        Map<Who, Integer> cells = new EnumMap<>(Who.class);
        cells.put(Who.OWNER, owner);
        cells.put(Who.ADMIN, admin);
        cells.put(Who.MEMBER, member);
        cells.put(Who.VIEWER, viewer);
        cells.put(Who.SUSPENDED, suspended);
        cells.put(Who.OTHER_ORG, otherOrg);
        cells.put(Who.NO_TOKEN, 401);
        return cells;
    }

    private record Row(String route, Map<Who, Integer> expected, BiFunction<World, ApiClient.User, ApiClient.Res> call) {
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST /orgs", signedIn(201), (w, u) -> api.post("/orgs", u, Map.of("name", "Another"))));
        rows.add(new Row("GET /me", signedIn(200), (w, u) -> api.get("/me", u)));
        rows.add(new Row("GET /orgs/{orgId}/catalog", members(200), (w, u) -> api.get(w.path("/catalog"), u)));
        rows.add(new Row("GET /orgs/{orgId}", members(200), (w, u) -> api.get(w.path(""), u)));
        rows.add(new Row("GET /orgs/{orgId}/members", members(200), (w, u) -> api.get(w.path("/members"), u)));
        rows.add(new Row("GET /orgs/{orgId}/members (with invitations)", managers(200),
                (w, u) -> api.get(w.path("/members?include=invitations"), u)));
        rows.add(new Row("GET /orgs/{orgId}/members (invited only)", managers(200),
                (w, u) -> api.get(w.path("/members?status=INVITED"), u)));
        rows.add(new Row("GET /orgs/{orgId}/members/{userId} (someone else)", managers(200),
                (w, u) -> api.get(memberPath(w.org(), target(w)), u)));
        rows.add(new Row("GET /orgs/{orgId}/members/{userId} (self)", members(200),
                (w, u) -> api.get(w.path("/members/" + (u == null ? "nobody" : u.sub())), u)));
        rows.add(new Row("POST /orgs/{orgId}/invitations", managers(201),
                (w, u) -> fx.invite(w.org(), u, Fixture.uniqueEmail("invitee"), "MEMBER")));
        rows.add(new Row("GET /orgs/{orgId}/invitations", managers(200), (w, u) -> api.get(w.path("/invitations"), u)));
        rows.add(new Row("POST /orgs/{orgId}/invitations/{invitationId}/resend", managers(200),
                (w, u) -> api.post(w.path("/invitations/" + invitationId(w) + "/resend"), u, (String) null)));
        rows.add(new Row("DELETE /orgs/{orgId}/invitations/{invitationId}", managers(204),
                (w, u) -> api.delete(w.path("/invitations/" + invitationId(w)), u)));
        rows.add(new Row("GET /invitations/{token}", expectAll(200),
                (w, u) -> api.get("/invitations/" + fx.invited(w.org(), Fixture.uniqueEmail("preview"), "MEMBER"), u)));
        rows.add(new Row("POST /invitations/{token}/accept (not the invitee)", signedIn(403),
                (w, u) -> api.post("/invitations/" + fx.invited(w.org(), Fixture.uniqueEmail("x"), "MEMBER") + "/accept", u, (String) null)));
        rows.add(new Row("POST /invitations/{token}/decline (not the invitee)", signedIn(403),
                (w, u) -> api.post("/invitations/" + fx.invited(w.org(), Fixture.uniqueEmail("x"), "MEMBER") + "/decline", u, (String) null)));
        rows.add(new Row("PATCH /orgs/{orgId}/members/{userId}", managers(200),
                (w, u) -> api.patch(memberPath(w.org(), target(w)), u, Map.of("role", "VIEWER"))));
        rows.add(new Row("POST /orgs/{orgId}/members/{userId}/suspend", managers(200),
                (w, u) -> api.post(memberPath(w.org(), target(w)) + "/suspend", u, (String) null)));
        rows.add(new Row("POST /orgs/{orgId}/members/{userId}/reactivate", managers(200),
                (w, u) -> api.post(memberPath(w.org(), fx.suspended(w.org(), "target", "MEMBER")) + "/reactivate", u, (String) null)));
        rows.add(new Row("DELETE /orgs/{orgId}/members/{userId}", managers(204),
                (w, u) -> api.delete(memberPath(w.org(), target(w)), u)));
        rows.add(new Row("POST /orgs/{orgId}/leave", expect(403, 204, 204, 204, 403, 404),
                (w, u) -> api.post(w.path("/leave"), u, (String) null)));
        rows.add(new Row("POST /orgs/{orgId}/transfer-ownership", owner(200),
                (w, u) -> api.post(w.path("/transfer-ownership"), u, Map.of("userId", target(w).sub()))));
        rows.add(new Row("POST /orgs/{orgId}/workspaces", managers(201),
                (w, u) -> api.post(w.path("/workspaces"), u, Map.of("name", "Team"))));
        rows.add(new Row("GET /orgs/{orgId}/workspaces", members(200), (w, u) -> api.get(w.path("/workspaces"), u)));
        rows.add(new Row("DELETE /orgs/{orgId}/workspaces/{workspaceId}", managers(204),
                (w, u) -> api.delete(w.path("/workspaces/" + workspaceId(w)), u)));
        rows.add(new Row("GET /orgs/{orgId}/audit", managers(200), (w, u) -> api.get(w.path("/audit?limit=5"), u)));
        rows.add(new Row("GET /orgs/{orgId}/access", members(200), (w, u) -> api.get(w.path("/access?permission=read"), u)));
        rows.add(new Row("POST /orgs/{orgId}/billing/checkout", managers(200),
                (w, u) -> api.post(w.path("/billing/checkout"), u, Map.of("plan", "PRO", "extraSeats", 2))));
        rows.add(new Row("PATCH /orgs/{orgId}/subscription", managers(200),
                (w, u) -> api.patch(subscribed(w).path("/subscription"), u, Map.of("extraSeats", 2))));
        rows.add(new Row("POST /orgs/{orgId}/billing/portal", managers(200),
                (w, u) -> api.post(subscribed(w).path("/billing/portal"), u, (String) null)));
        rows.add(new Row("POST /webhooks/stripe (unsigned)", expectAll(400),
                (w, u) -> api.post("/webhooks/stripe", u, "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"invoice.paid\"}")));
        return rows;
    }

    private static Map<Who, Integer> expectAll(int status) {
        Map<Who, Integer> cells = expect(status, status, status, status, status, status);
        cells.put(Who.NO_TOKEN, status);
        return cells;
    }

    private ApiClient.User target(World w) {
        return fx.member(w.org(), "target", "MEMBER");
    }

    /** The world's org on a running PRO subscription (once), which Stripe changes to two extra seats when asked. */
    private World subscribed(World w) {
        if (subscribed.add(w.org().id())) {
            String subscription = "sub_matrix_" + w.org().id();
            stripe.subscription(subscription, w.org().id(), "active", StripeApi.PRO, 0);
            stripe.changeAnswers(subscription, w.org().id(), "active", StripeApi.items(StripeApi.PRO, 2));
            ApiClient.Res applied = StripeEvents.deliver(api, StripeEvents.checkoutCompleted(StripeEvents.newId("evt"),
                    subscription, w.org().id()), java.time.Instant.now());
            assertEquals("APPLIED", applied.str("result"), applied::toString);
        }
        return w;
    }

    private String invitationId(World w) {
        ApiClient.Res res = fx.invite(w.org(), w.org().owner(), Fixture.uniqueEmail("pending"), "MEMBER");
        assertEquals(201, res.status(), res::toString);
        return res.str("invitation.id");
    }

    private String workspaceId(World w) {
        ApiClient.Res res = api.post(w.path("/workspaces"), w.org().owner(), Map.of("name", "Doomed"));
        assertEquals(201, res.status(), res::toString);
        return res.str("id");
    }

    private World world() {
        Fixture.Org org = fx.org("ENTERPRISE", 0);
        Map<Who, ApiClient.User> callers = new EnumMap<>(Who.class);
        callers.put(Who.OWNER, org.owner());
        callers.put(Who.ADMIN, fx.member(org, "admin", "ADMIN"));
        callers.put(Who.MEMBER, fx.member(org, "member", "MEMBER"));
        callers.put(Who.VIEWER, fx.member(org, "viewer", "VIEWER"));
        callers.put(Who.SUSPENDED, fx.suspended(org, "suspended", "ADMIN"));
        callers.put(Who.OTHER_ORG, fx.org("STARTER", 0).owner());
        callers.put(Who.NO_TOKEN, null);
        return new World(org, callers);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEachKindOfCallerAsTheContractSays() {
        List<Row> rows = rows();
        assertEquals(new TreeSet<>(stack.local().routes().stream().map(TemplateRoutes.RouteDef::routeKey).toList()),
                new TreeSet<>(rows.stream().map(r -> r.route().replaceAll(" \\(.*\\)$", "")).toList()),
                "every route of template.yaml has a row");
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.route(), () -> {
            World world = world();
            List<Executable> cells = new ArrayList<>();
            for (Who who : Who.values()) {
                ApiClient.Res res = row.call().apply(world, world.callers().get(who));
                int expected = row.expected().get(who);
                cells.add(() -> assertEquals(expected, res.status(), who + ": " + res));
            }
            assertAll(row.route(), cells);
        }));
    }
}
