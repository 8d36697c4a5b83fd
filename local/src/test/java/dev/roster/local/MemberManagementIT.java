package dev.roster.local;

import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Role;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.RosterStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of "Members and authority": role changes, self-edit guards, the owner, suspension, removal, transfer. */
class MemberManagementIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private String workspace(Fixture.Org org, String name) {
        ApiClient.Res res = api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", name));
        assertEquals(201, res.status(), res::toString);
        return res.str("id");
    }

    @Test
    void anOwnerChangesRoleAndGrantsWithAnAuditEntryAndTheMemberIsEmailed() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "VIEWER");
        String ws = workspace(org, "North");

        ApiClient.Res res = api.patch(memberPath(org, ivan), org.owner(),
                Map.of("role", "MEMBER", "permissions", List.of("crm", "leads"), "workspaceIds", List.of(ws)));

        assertEquals(200, res.status(), res::toString);
        assertEquals("MEMBER", res.str("role"));
        assertEquals(List.of("crm", "leads"), res.list("permissions"));
        assertEquals(List.of(ws), res.list("workspaceIds"));
        ApiClient.Res seen = api.get(memberPath(org, ivan), ivan);
        assertEquals("MEMBER", seen.str("role"));
        assertEquals(List.of(ws), seen.list("workspaceIds"));
        var audit = AuditLog.entries(stack.local(), org.id(), "member.role_changed");
        assertEquals(1, audit.size());
        assertEquals("VIEWER", audit.get(0).get("before").m().get("role").s());
        assertEquals("MEMBER", audit.get(0).get("after").m().get("role").s());
        assertEquals(org.owner().sub(), audit.get(0).get("actor").s());
        List<Mailbox.Message> mail = Mailbox.to(stack.local().mailDirectory(), ivan.email()).stream()
                .filter(m -> m.header("subject").contains("role")).toList();
        assertEquals(1, mail.size());
        assertTrue(mail.get(0).header("subject").endsWith("is now Member"), mail.get(0).header("subject"));
        assertTrue(mail.get(0).text().contains("from Viewer to Member"), mail.get(0).text());
        assertTrue(mail.get(0).text().contains(stack.local().baseUri() + "/orgs/" + org.id()), mail.get(0).text());
    }

    @Test
    void changingOnlyGrantsIsAuditedAsAnAccessChangeAndSendsNoEmail() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        int mailBefore = Mailbox.count(stack.local().mailDirectory());

        ApiClient.Res res = api.patch(memberPath(org, ivan), org.owner(), Map.of("permissions", List.of("crm")));

        assertEquals(200, res.status(), res::toString);
        assertEquals("MEMBER", res.str("role"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.access_changed").size());
        assertEquals(0, AuditLog.entries(stack.local(), org.id(), "member.role_changed").size());
        assertEquals(mailBefore, Mailbox.count(stack.local().mailDirectory()));
    }

    @Test
    void anAdminManagesMembersButAMemberOrViewerMayNot() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");

        assertEquals(200, api.patch(memberPath(org, viewer), admin, Map.of("role", "MEMBER")).status());
        ApiClient.Res byMember = api.patch(memberPath(org, viewer), member, Map.of("role", "VIEWER"));
        assertEquals(403, byMember.status());
        assertEquals("FORBIDDEN", byMember.str("code"));
        assertEquals("MEMBER", fx.memberOf(org, viewer).str("role"));
    }

    @Test
    void nobodyChangesTheirOwnRoleSuspendsOrRemovesThemselves() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");

        ApiClient.Res promote = api.patch(memberPath(org, admin), admin, Map.of("role", "MEMBER"));
        ApiClient.Res suspend = api.post(memberPath(org, admin) + "/suspend", admin, (String) null);
        ApiClient.Res remove = api.delete(memberPath(org, admin), admin);

        for (ApiClient.Res res : List.of(promote, suspend, remove)) {
            assertEquals(403, res.status(), res::toString);
            assertEquals("CANNOT_CHANGE_SELF", res.str("code"));
        }
        ApiClient.Res after = fx.memberOf(org, admin);
        assertEquals("ADMIN", after.str("role"));
        assertEquals("ACTIVE", after.str("status"));
        ApiClient.Res ownerSelf = api.patch(memberPath(org, org.owner()), org.owner(), Map.of("role", "ADMIN"));
        assertEquals(403, ownerSelf.status(), ownerSelf::toString);
        assertEquals("OWNER", fx.memberOf(org, org.owner()).str("role"));
    }

    @Test
    void theOwnerCannotBeDemotedSuspendedOrRemovedAndNobodyGrantsOwnerByPatch() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        String owner = memberPath(org, org.owner());

        for (ApiClient.Res res : List.of(api.patch(owner, admin, Map.of("role", "ADMIN")),
                api.patch(owner, admin, Map.of("permissions", List.of("crm"))),
                api.post(owner + "/suspend", admin, (String) null), api.delete(owner, admin))) {
            assertEquals(403, res.status(), res::toString);
            assertEquals("OWNER_PROTECTED", res.str("code"));
        }
        ApiClient.Res grant = api.patch(memberPath(org, member), org.owner(), Map.of("role", "OWNER"));
        assertEquals(400, grant.status(), grant::toString);
        assertEquals("role", ((Map<?, ?>) grant.list("errors").get(0)).get("field"));
        assertEquals("MEMBER", fx.memberOf(org, member).str("role"));
        assertEquals(1, owners(org));
        assertEquals(0, AuditLog.entries(stack.local(), org.id(), "member.role_changed").size());
    }

    @Test
    void aSuspendedMemberKeepsRoleGrantsAndSeatAndIsRefusedEverythingUntilReactivated() {
        Fixture.Org org = fx.org("PRO", 0);
        String ws = workspace(org, "South");
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        assertEquals(200, api.patch(memberPath(org, ivan), org.owner(), Map.of("workspaceIds", List.of(ws),
                "permissions", List.of("crm"))).status());
        int usedBefore = fx.org(org).num("seats.used");

        ApiClient.Res suspended = api.post(memberPath(org, ivan) + "/suspend", org.owner(), (String) null);

        assertEquals(200, suspended.status(), suspended::toString);
        assertEquals("SUSPENDED", suspended.str("status"));
        assertEquals(usedBefore, fx.org(org).num("seats.used"));
        for (ApiClient.Res res : List.of(api.get("/orgs/" + org.id(), ivan), api.get("/orgs/" + org.id() + "/members", ivan),
                api.get("/orgs/" + org.id() + "/access?permission=crm", ivan),
                api.get("/orgs/" + org.id() + "/workspaces", ivan), api.post("/orgs/" + org.id() + "/leave", ivan, (String) null))) {
            assertEquals(403, res.status(), res::toString);
            assertEquals("MEMBER_SUSPENDED", res.str("code"));
        }
        ApiClient.Res me = api.get("/me", ivan);
        assertEquals("SUSPENDED", me.str("memberships[0].status"));

        ApiClient.Res reactivated = api.post(memberPath(org, ivan) + "/reactivate", org.owner(), (String) null);
        assertEquals(200, reactivated.status(), reactivated::toString);
        assertEquals("ACTIVE", reactivated.str("status"));
        assertEquals("MEMBER", reactivated.str("role"));
        assertEquals(List.of(ws), reactivated.list("workspaceIds"));
        assertEquals(List.of("crm"), reactivated.list("permissions"));
        assertEquals(200, api.get("/orgs/" + org.id(), ivan).status());
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.suspended").size());
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.reactivated").size());
    }

    @Test
    void anAdminDemotedAMomentAgoIsRefusedOnTheirNextRequest() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User target = fx.member(org, "target", "MEMBER");

        assertEquals(200, api.patch(memberPath(org, admin), org.owner(), Map.of("role", "VIEWER")).status());

        ApiClient.Res res = api.post(memberPath(org, target) + "/suspend", admin, (String) null);
        assertEquals(403, res.status(), res::toString);
        assertEquals("FORBIDDEN", res.str("code"));
        assertEquals("ACTIVE", fx.memberOf(org, target).str("status"));
    }

    @Test
    void theCallersAuthorityIsCheckedInsideTheTransactionNotOnlyWhenRead() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User target = fx.member(org, "target", "MEMBER");
        RosterStore store = stack.local().context().getBean(RosterStore.class);
        Member read = store.member(org.id(), target.sub()).orElseThrow();

        // The admin's request has read and decided; before it writes, the owner suspends the admin.
        assertEquals(200, api.post(memberPath(org, admin) + "/suspend", org.owner(), (String) null).status());
        ChangeRejected rejected = assertThrows(ChangeRejected.class, () -> store.commit(List.of(
                new Change.RequireMember(org.id(), admin.sub(), Role.MANAGERS, clock.instant()),
                new Change.PutMember(read.withStatus(MemberStatus.SUSPENDED), read.version()))));

        assertInstanceOf(Change.RequireMember.class, rejected.change());
        assertEquals(MemberStatus.SUSPENDED, ((Member) rejected.current()).status());
        assertEquals("ACTIVE", fx.memberOf(org, target).str("status"));
    }

    @Test
    void aRemovedMemberLosesAccessWithTheirTokenStillValidTheSeatIsFreedAndTheirHistoryStays() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");
        int usedBefore = fx.org(org).num("seats.used");
        int historyBefore = AuditLog.entries(stack.local(), org.id(), null).size();

        ApiClient.Res removed = api.delete(memberPath(org, ivan), org.owner());

        assertEquals(204, removed.status(), removed::toString);
        assertEquals(usedBefore - 1, fx.org(org).num("seats.used"));
        ApiClient.Res next = api.get("/orgs/" + org.id(), ivan);
        assertEquals(404, next.status(), next::toString);
        assertEquals("ORG_NOT_FOUND", next.str("code"));
        assertEquals(200, api.get("/me", ivan).status());
        assertEquals(List.of(), api.get("/me", ivan).list("memberships"));
        assertEquals(404, fx.memberOf(org, ivan).status());
        var history = AuditLog.entries(stack.local(), org.id(), null);
        assertEquals(historyBefore + 1, history.size());
        assertTrue(history.stream().anyMatch(e -> e.get("action").s().equals("invitation.accepted")
                && e.get("actor").s().equals(ivan.sub())), "the member's own history stays");
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.removed").size());
        List<Mailbox.Message> mail = Mailbox.to(stack.local().mailDirectory(), ivan.email()).stream()
                .filter(m -> m.header("subject").startsWith("You were removed from")).toList();
        assertEquals(1, mail.size());

        assertEquals(201, fx.invite(org, org.owner(), ivan.email(), "VIEWER").status(), "they can be invited again");
    }

    @Test
    void aMemberLeavesFreeingTheSeatButTheOwnerMustTransferFirst() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "ADMIN");
        int usedBefore = fx.org(org).num("seats.used");

        ApiClient.Res left = api.post("/orgs/" + org.id() + "/leave", ivan, (String) null);

        assertEquals(204, left.status(), left::toString);
        assertEquals(usedBefore - 1, fx.org(org).num("seats.used"));
        assertEquals(404, api.get("/orgs/" + org.id(), ivan).status());
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.left").size());
        ApiClient.Res ownerLeaves = api.post("/orgs/" + org.id() + "/leave", org.owner(), (String) null);
        assertEquals(403, ownerLeaves.status(), ownerLeaves::toString);
        assertEquals("OWNER_PROTECTED", ownerLeaves.str("code"));
        assertEquals("OWNER", fx.memberOf(org, org.owner()).str("role"));
    }

    @Test
    void transferMakesTheMemberOwnerAndTheOldOwnerAnAdmin() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User heir = fx.member(org, "heir", "MEMBER");

        ApiClient.Res res = api.post("/orgs/" + org.id() + "/transfer-ownership", org.owner(), Map.of("userId", heir.sub()));

        assertEquals(200, res.status(), res::toString);
        assertEquals("OWNER", res.str("owner.role"));
        assertEquals(heir.sub(), res.str("owner.userId"));
        assertEquals("ADMIN", res.str("previousOwner.role"));
        assertEquals(1, owners(org));
        assertEquals("OWNER", api.get(memberPath(org, heir), heir).str("role"));
        assertEquals("ADMIN", api.get(memberPath(org, org.owner()), heir).str("role"));
        ApiClient.Res again = api.post("/orgs/" + org.id() + "/transfer-ownership", org.owner(), Map.of("userId", heir.sub()));
        assertEquals(403, again.status(), "the old owner is an admin now: " + again);
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "org.ownership_transferred").size());
        assertEquals(204, api.post("/orgs/" + org.id() + "/leave", org.owner(), (String) null).status(),
                "the former owner may now leave");
    }

    @Test
    void ownershipGoesOnlyToAnActiveMemberOfTheOrg() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User sleeper = fx.suspended(org, "sleeper", "ADMIN");
        ApiClient.User outsider = fx.user("outsider");

        ApiClient.Res toSuspended = api.post("/orgs/" + org.id() + "/transfer-ownership", org.owner(), Map.of("userId", sleeper.sub()));
        ApiClient.Res toOutsider = api.post("/orgs/" + org.id() + "/transfer-ownership", org.owner(), Map.of("userId", outsider.sub()));
        ApiClient.Res toSelf = api.post("/orgs/" + org.id() + "/transfer-ownership", org.owner(), Map.of("userId", org.owner().sub()));

        assertEquals(409, toSuspended.status(), toSuspended::toString);
        assertEquals("MEMBER_NOT_ACTIVE", toSuspended.str("code"));
        assertEquals(400, toOutsider.status(), toOutsider::toString);
        assertEquals(400, toSelf.status(), toSelf::toString);
        assertEquals(1, owners(org));
        assertEquals("OWNER", fx.memberOf(org, org.owner()).str("role"));
    }

    @Test
    void memberDetailsShowRoleGrantsStatusJoinedInvitedByAndLastSeen() {
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");

        ApiClient.Res detail = fx.memberOf(org, ivan);

        assertEquals(200, detail.status(), detail::toString);
        for (String field : List.of("userId", "email", "name", "role", "permissions", "workspaceIds", "status",
                "joinedAt", "invitedBy", "lastSeenAt")) {
            assertNotNull(detail.at(field), field + " in " + detail);
        }
        assertEquals(org.owner().sub(), detail.str("invitedBy.userId"));
        assertEquals("owner", detail.str("invitedBy.name"), "the inviter is named, not just an id");
    }

    /** Counts OWNERs as the org's first owner sees the members list (they stay a member in every test). */
    private int owners(Fixture.Org org) {
        ApiClient.Res members = api.get("/orgs/" + org.id() + "/members?limit=100", org.owner());
        assertEquals(200, members.status(), members::toString);
        return (int) members.list("items").stream().filter(m -> "OWNER".equals(((Map<?, ?>) m).get("role"))).count();
    }
}
