package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workspaces (limits, grants, deletion) and the access check other services ask before they act. */
class WorkspaceAccessIT {

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of());
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private ApiClient.Res createWorkspace(Fixture.Org org, String name) {
        return api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", name));
    }

    private ApiClient.Res access(Fixture.Org org, ApiClient.User who, String query) {
        ApiClient.Res res = api.get("/orgs/" + org.id() + "/access" + query, who);
        assertEquals(200, res.status(), res::toString);
        return res;
    }

    @Test
    void aNewWorkspaceIsListedToMembersAndGrantedToNobody() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User member = fx.member(org, "member", "MEMBER");

        ApiClient.Res created = createWorkspace(org, "Field team");

        assertEquals(201, created.status(), created::toString);
        assertEquals("Field team", created.str("name"));
        ApiClient.Res listed = api.get("/orgs/" + org.id() + "/workspaces", member);
        assertEquals(List.of(created.str("id")), listed.list("items").stream().map(w -> ((Map<?, ?>) w).get("id")).toList());
        assertEquals(List.of(), fx.memberOf(org, member).list("workspaceIds"));
        ApiClient.Res denied = access(org, member, "?workspaceId=" + created.str("id") + "&permission=read");
        assertEquals(false, denied.at("allowed"));
        assertEquals("WORKSPACE_NOT_GRANTED", denied.str("reason"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "workspace.created").size());
    }

    @Test
    void theFreePlanHasOneWorkspaceAndNoPlanMoreThanTen() {
        Fixture.Org free = fx.org("FREE", 0);
        assertEquals(201, createWorkspace(free, "Only").status());
        ApiClient.Res second = createWorkspace(free, "Second");
        assertEquals(409, second.status(), second::toString);
        assertEquals("WORKSPACE_LIMIT_REACHED", second.str("code"));
        assertTrue(second.str("detail").contains("upgrade"), second::toString);

        Fixture.Org enterprise = fx.org("ENTERPRISE", 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(201, createWorkspace(enterprise, "W" + i).status());
        }
        ApiClient.Res eleventh = createWorkspace(enterprise, "W10");
        assertEquals(409, eleventh.status(), eleventh::toString);
        assertEquals(10, api.get("/orgs/" + enterprise.id() + "/workspaces", enterprise.owner()).list("items").size());
    }

    @Test
    void deletingAWorkspaceFreesItsPlaceAndRemovesEveryGrantOfIt() {
        Fixture.Org org = fx.org("FREE", 0);
        String keep;
        Fixture.Org paid = fx.org("PRO", 0);
        String doomed = createWorkspace(paid, "Doomed").str("id");
        keep = createWorkspace(paid, "Kept").str("id");
        ApiClient.User granted = fx.member(paid, "granted", "MEMBER");
        assertEquals(200, api.patch(memberPath(paid, granted), paid.owner(), Map.of("workspaceIds", List.of(doomed, keep))).status());
        ApiClient.Res pending = api.post("/orgs/" + paid.id() + "/invitations", paid.owner(),
                Map.of("email", Fixture.uniqueEmail("later"), "role", "MEMBER", "workspaceIds", List.of(doomed)));
        assertEquals(201, pending.status(), pending::toString);

        ApiClient.Res deleted = api.delete("/orgs/" + paid.id() + "/workspaces/" + doomed, paid.owner());

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(List.of(keep), fx.memberOf(paid, granted).list("workspaceIds"));
        ApiClient.Res invitations = api.get("/orgs/" + paid.id() + "/invitations?status=PENDING", paid.owner());
        assertEquals(List.of(), ((Map<?, ?>) invitations.list("items").get(0)).get("workspaceIds"));
        assertEquals(404, api.delete("/orgs/" + paid.id() + "/workspaces/" + doomed, paid.owner()).status());
        ApiClient.Res gone = api.get("/orgs/" + paid.id() + "/access?workspaceId=" + doomed + "&permission=read", granted);
        assertEquals(404, gone.status(), gone::toString);
        assertEquals("WORKSPACE_NOT_FOUND", gone.str("code"));
        assertEquals(1, AuditLog.entries(stack.local(), paid.id(), "workspace.deleted").size());

        String only = createWorkspace(org, "One").str("id");
        assertEquals(204, api.delete("/orgs/" + org.id() + "/workspaces/" + only, org.owner()).status());
        assertEquals(201, createWorkspace(org, "Again").status(), "a deleted workspace no longer counts");
    }

    @Test
    void aGrantCannotNameAWorkspaceOfAnotherOrg() {
        Fixture.Org org = fx.org("PRO", 0);
        Fixture.Org other = fx.org("PRO", 0);
        String foreign = createWorkspace(other, "Theirs").str("id");
        ApiClient.User member = fx.member(org, "member", "MEMBER");

        ApiClient.Res res = api.patch(memberPath(org, member), org.owner(), Map.of("workspaceIds", List.of(foreign)));

        assertEquals(400, res.status(), res::toString);
        assertEquals("workspaceIds[0]", ((Map<?, ?>) res.list("errors").get(0)).get("field"));
    }

    @Test
    void accessFollowsRoleGrantsAndPermissions() {
        Fixture.Org org = fx.org("PRO", 0);
        String ws = createWorkspace(org, "North").str("id");
        String other = createWorkspace(org, "South").str("id");
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");
        for (ApiClient.User user : List.of(member, viewer)) {
            assertEquals(200, api.patch(memberPath(org, user), org.owner(),
                    Map.of("workspaceIds", List.of(ws), "permissions", List.of("crm"))).status());
        }

        record Case(ApiClient.User who, String query, boolean allowed, String role, String reason) {
        }
        List<Case> cases = List.of(
                new Case(org.owner(), "?workspaceId=" + other + "&permission=billing", true, "OWNER", "ROLE_GRANTS_ALL"),
                new Case(admin, "?workspaceId=" + other + "&permission=write", true, "ADMIN", "ROLE_GRANTS_ALL"),
                new Case(member, "?workspaceId=" + ws + "&permission=write", true, "MEMBER", "GRANTED"),
                new Case(member, "?workspaceId=" + ws + "&permission=crm", true, "MEMBER", "GRANTED"),
                new Case(member, "?workspaceId=" + ws + "&permission=billing", false, "MEMBER", "PERMISSION_NOT_GRANTED"),
                new Case(member, "?workspaceId=" + other + "&permission=read", false, "MEMBER", "WORKSPACE_NOT_GRANTED"),
                new Case(member, "?permission=read", true, "MEMBER", "GRANTED"),
                new Case(viewer, "?workspaceId=" + ws + "&permission=read", true, "VIEWER", "GRANTED"),
                new Case(viewer, "?workspaceId=" + ws + "&permission=write", false, "VIEWER", "VIEWER_IS_READ_ONLY"),
                new Case(viewer, "?permission=write", false, "VIEWER", "VIEWER_IS_READ_ONLY"),
                new Case(viewer, "?permission=crm", true, "VIEWER", "GRANTED"));
        for (Case c : cases) {
            ApiClient.Res res = access(org, c.who(), c.query());
            assertEquals(c.allowed(), res.at("allowed"), c + " -> " + res);
            assertEquals(c.role(), res.str("role"), c + " -> " + res);
            assertEquals(c.reason(), res.str("reason"), c + " -> " + res);
        }
        assertFalse(access(org, member, "?permission=handoffs").at("allowed").equals(true));
    }

    @Test
    void anAccessCheckThatNamesNoPermissionIsRefusedRatherThanAnsweredYes() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User member = fx.member(org, "member", "MEMBER");

        for (String query : List.of("", "?workspaceId=" + createWorkspace(org, "North").str("id"))) {
            ApiClient.Res res = api.get("/orgs/" + org.id() + "/access" + query, member);
            assertEquals(400, res.status(), query + " -> " + res);
            assertEquals("VALIDATION_FAILED", res.str("code"));
            assertEquals("permission", res.str("errors[0].field"));
        }
    }
}
