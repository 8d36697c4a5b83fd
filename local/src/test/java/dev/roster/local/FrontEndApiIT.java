package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a web front end needs from the API alone: CORS for its origin, the caller's own role, the catalog of roles,
 * permissions and plans, pending invitations only where the caller may manage them, and a request id on every
 * answer.
 */
class FrontEndApiIT {

    private static final String FRONT_END = "https://app.roster.example";

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(
            "ROSTER_ALLOWED_ORIGINS", FRONT_END + ",http://localhost:5173",
            "ROSTER_PERMISSIONS", "crm,proposals,billing"));
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredBeforeAnyTokenIsAsked() {
        ApiClient.Res preflight = api.send("OPTIONS", "/orgs", null, null, Map.of("Origin", FRONT_END,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));

        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(FRONT_END, preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-methods").contains("PATCH"), preflight::toString);
        assertTrue(preflight.header("access-control-allow-headers").contains("authorization"), preflight::toString);
        assertNotNull(preflight.header("access-control-max-age"));
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeadersSoTheBrowserRefuses() {
        ApiClient.Res preflight = api.send("OPTIONS", "/orgs", null, null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"));

        assertEquals(204, preflight.status(), preflight::toString);
        assertNull(preflight.header("access-control-allow-origin"), preflight::toString);
    }

    @Test
    void answersToAnAllowedOriginExposeTheHeadersAFrontEndReadsAndOthersGetNone() {
        Fixture.Org org = fx.org("STARTER", 0);

        ApiClient.Res allowed = api.send("GET", "/orgs/" + org.id(), org.owner(), null, Map.of("Origin", FRONT_END));
        ApiClient.Res refused = api.send("GET", "/orgs/" + org.id(), org.owner(), null, Map.of("Origin", "https://evil.example"));
        ApiClient.Res problem = api.send("GET", "/orgs/" + org.id() + "/members?status=NOPE", org.owner(), null,
                Map.of("Origin", FRONT_END));

        assertEquals(FRONT_END, allowed.header("access-control-allow-origin"));
        assertTrue(allowed.header("access-control-expose-headers").contains("x-request-id"), allowed::toString);
        assertTrue(allowed.header("access-control-expose-headers").contains("x-next-cursor"), allowed::toString);
        assertNull(refused.header("access-control-allow-origin"));
        assertEquals(200, refused.status(), "CORS is the browser's to enforce; the API answers");
        assertEquals(FRONT_END, problem.header("access-control-allow-origin"), "problems are readable too");
    }

    @Test
    void theOrgAnswersTheCallersOwnRoleAndStatus() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");

        ApiClient.Res asOwner = api.get("/orgs/" + org.id(), org.owner());
        ApiClient.Res asViewer = api.get("/orgs/" + org.id(), viewer);
        ApiClient.Res created = api.post("/orgs", viewer, Map.of("name", "Viewer's own"));

        assertEquals("OWNER", asOwner.str("role"));
        assertEquals("ACTIVE", asOwner.str("status"));
        assertEquals("VIEWER", asViewer.str("role"));
        assertEquals("OWNER", created.str("role"), "the creator owns the new org");
    }

    @Test
    void theCatalogOffersThisDeploymentsRolesPermissionsAndPlansToAnyMember() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");

        ApiClient.Res catalog = api.get("/orgs/" + org.id() + "/catalog", viewer);

        assertEquals(200, catalog.status(), catalog::toString);
        assertEquals(List.of("billing", "crm", "proposals"), catalog.list("permissions"));
        assertEquals(List.of("OWNER", "ADMIN", "MEMBER", "VIEWER"),
                catalog.list("roles").stream().map(r -> ((Map<?, ?>) r).get("name")).toList());
        assertEquals(false, catalog.at("roles[0].invitable"), "ownership moves only by transfer");
        assertEquals(true, catalog.at("roles[1].allPermissions"));
        Map<?, ?> pro = catalog.list("plans").stream().map(p -> (Map<?, ?>) p)
                .filter(p -> "PRO".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(10, ((Number) pro.get("seats")).intValue());
        assertEquals(true, pro.get("extraSeats"));
        assertEquals(404, api.get("/orgs/" + org.id() + "/catalog", fx.user("stranger")).status(), "no existence leak");
    }

    @Test
    void pendingInvitationsAndTheirAddressesAreShownToOwnersAndAdminsOnly() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        String pending = Fixture.uniqueEmail("pending");
        fx.invited(org, pending, "VIEWER");

        for (String query : List.of("?include=invitations", "?status=INVITED")) {
            ApiClient.Res refused = api.get("/orgs/" + org.id() + "/members" + query, member);
            assertEquals(403, refused.status(), query + " " + refused);
            assertEquals("FORBIDDEN", refused.str("code"));
            assertTrue(api.get("/orgs/" + org.id() + "/members" + query, admin).body().contains(pending), query);
        }
        assertTrue(!api.get("/orgs/" + org.id() + "/members", member).body().contains(pending),
                "the plain list holds members only");
    }

    @Test
    void ownersAndAdminsAreShownHoldingEveryPermissionAndWorkspaceOthersWhatTheyWereGranted() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        api.patch("/orgs/" + org.id() + "/members/" + member.sub(), org.owner(), Map.of("permissions", List.of("crm")));

        ApiClient.Res owner = api.get("/orgs/" + org.id() + "/members/" + org.owner().sub(), org.owner());
        ApiClient.Res adminSeen = api.get("/orgs/" + org.id() + "/members/" + admin.sub(), org.owner());
        ApiClient.Res memberSeen = api.get("/orgs/" + org.id() + "/members/" + member.sub(), org.owner());

        assertEquals(List.of("billing", "crm", "proposals"), owner.list("permissions"));
        assertEquals(true, owner.at("allWorkspaces"));
        assertEquals(List.of("billing", "crm", "proposals"), adminSeen.list("permissions"));
        assertEquals(List.of("crm"), memberSeen.list("permissions"));
        assertEquals(false, memberSeen.at("allWorkspaces"));
    }

    @Test
    void thePreviewShowsWhatTheInvitationGrantsBeforeSigningIn() {
        Fixture.Org org = fx.org("PRO", 0);
        String workspace = api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", "North")).str("id");
        ApiClient.Res invited = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of(
                "email", Fixture.uniqueEmail("grant"), "role", "MEMBER", "workspaceIds", List.of(workspace),
                "permissions", List.of("crm")));

        ApiClient.Res preview = api.get("/invitations/" + Fixture.token(invited), null);

        assertEquals(200, preview.status(), preview::toString);
        assertEquals(List.of(workspace), preview.list("workspaceIds"));
        assertEquals(List.of("crm"), preview.list("permissions"));
    }

    @Test
    void invitationsAndMembersNameWhoInvitedThem() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        fx.invited(org, Fixture.uniqueEmail("pending"), "VIEWER");
        api.post("/invitations/" + fx.invited(org, ivan.email(), "MEMBER") + "/accept", ivan, (String) null);

        ApiClient.Res invitations = api.get("/orgs/" + org.id() + "/invitations?status=PENDING", org.owner());
        ApiClient.Res member = api.get("/orgs/" + org.id() + "/members/" + ivan.sub(), org.owner());

        assertEquals(Map.of("userId", org.owner().sub(), "name", "owner"), invitations.at("items[0].invitedBy"));
        assertEquals(Map.of("userId", org.owner().sub(), "name", "owner"), member.at("invitedBy"));
        assertNull(api.get("/orgs/" + org.id() + "/members/" + org.owner().sub(), org.owner()).at("invitedBy"),
                "the founder was invited by nobody");
    }

    @Test
    void membersAreListedByNameThenEmailAndTheCursorKeepsTheOrder() {
        Fixture.Org org = fx.org("STARTER", 0);
        fx.member(org, "carol", "MEMBER");
        fx.member(org, "Alice", "VIEWER");
        fx.member(org, "bob", "MEMBER");

        List<Object> names = new java.util.ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Res page = api.get("/orgs/" + org.id() + "/members?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    org.owner());
            assertEquals(200, page.status(), page::toString);
            page.list("items").forEach(m -> names.add(((Map<?, ?>) m).get("name")));
            cursor = (String) page.at("nextCursor");
        } while (cursor != null);

        assertEquals(List.of("Alice", "bob", "carol", "owner"), names);
    }

    @Test
    void everyAnswerNamesItsRequestAndAProblemQuotesTheSameId() {
        Fixture.Org org = fx.org("STARTER", 0);

        ApiClient.Res ok = api.get("/orgs/" + org.id(), org.owner());
        ApiClient.Res problem = api.get("/orgs/" + org.id() + "/access", org.owner());

        assertNotNull(ok.header("x-request-id"), ok::toString);
        assertEquals(400, problem.status(), "an access check without a permission fails closed");
        assertEquals(problem.header("x-request-id"), problem.str("requestId"));
    }
}
