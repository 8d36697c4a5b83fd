package dev.roster.local;

import dev.roster.core.domain.InvitationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvitationLifecycleIT {

    private static final String BASE_URL = "https://app.roster.test";

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_BASE_URL", BASE_URL), clock);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @Test
    void inviteEmailsALinkBuiltFromTheConfiguredBaseUrlNeverFromRequestHeaders() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        ApiClient.Res res = api.send("POST", "/orgs/" + org.id() + "/invitations", org.owner(),
                ApiClient.write(Map.of("email", email, "role", "MEMBER")).getBytes(),
                Map.of("x-forwarded-host", "evil.example", "origin", "https://evil.example"));

        assertEquals(201, res.status(), res::toString);
        String url = res.str("inviteUrl");
        assertTrue(url.startsWith(BASE_URL + "/invitations/"), url);
        assertEquals(InvitationToken.LENGTH, Fixture.token(res).length());
        assertEquals("PENDING", res.str("invitation.status"));
        assertEquals("SENT", res.str("invitation.emailStatus"));
        assertEquals(Instant.parse(res.str("invitation.createdAt")).plus(Duration.ofDays(7)),
                Instant.parse(res.str("invitation.expiresAt")));

        List<Mailbox.Message> mail = Mailbox.to(stack.local().mailDirectory(), email);
        assertEquals(1, mail.size());
        Mailbox.Message message = mail.get(0);
        assertTrue(message.text().contains(url), message.text());
        assertTrue(message.html().contains(url), message.html());
        assertTrue(message.header("subject").contains("invited you to join"), message.header("subject"));
        assertFalse(message.text().contains("evil.example"));
    }

    @Test
    void previewShowsOrgRoleInviterMaskedEmailAndExpiryWithoutSignIn() {
        Fixture.Org org = fx.org("STARTER", 0);
        String token = fx.invited(org, "alice.smith@example.com", "VIEWER");

        ApiClient.Res preview = api.get("/invitations/" + token, null);

        assertEquals(200, preview.status(), preview::toString);
        assertEquals("VIEWER", preview.str("role"));
        assertEquals("owner", preview.str("invitedBy"));
        assertEquals("a***h@example.com", preview.str("email"));
        assertEquals("PENDING", preview.str("status"));
        assertNotNull(preview.str("orgName"));
        assertFalse(preview.body().contains("alice.smith"));
    }

    @Test
    void acceptWithOtherEmailIsRejectedAndInvitationStaysPending() {
        Fixture.Org org = fx.org("STARTER", 0);
        String token = fx.invited(org, Fixture.uniqueEmail("ivan"), "MEMBER");

        ApiClient.Res res = api.post("/invitations/" + token + "/accept", fx.user("mallory"), (String) null);

        assertEquals(403, res.status(), res::toString);
        assertEquals("EMAIL_MISMATCH", res.str("code"));
        assertEquals("PENDING", api.get("/invitations/" + token, null).str("status"));
        assertEquals(1, fx.org(org).num("seats.pending"));
    }

    @Test
    void acceptRequiresAVerifiedEmailAndLeavesTheInvitationPending() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        String token = fx.invited(org, email, "MEMBER");
        ApiClient.User unverified = api.user(Map.of("email", email, "emailVerified", false));

        ApiClient.Res res = api.post("/invitations/" + token + "/accept", unverified, (String) null);

        assertEquals(403, res.status(), res::toString);
        assertEquals("EMAIL_NOT_VERIFIED", res.str("code"));
        assertEquals("PENDING", api.get("/invitations/" + token, null).str("status"));
    }

    @Test
    void acceptMatchesEmailsWhateverTheirCaseAndSurroundingSpace() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("bob");
        String token = fx.invited(org, "  " + email.toUpperCase() + " ", "ADMIN");
        ApiClient.User bob = api.user(email, "Bob");

        ApiClient.Res res = api.post("/invitations/" + token + "/accept", bob, (String) null);

        assertEquals(200, res.status(), res::toString);
        assertEquals(email, res.str("email"));
        assertEquals("ADMIN", res.str("role"));
    }

    @Test
    void acceptingAgainReturnsTheSameMembershipAndTheSeatMovesFromPendingToMember() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        String token = fx.invited(org, ivan.email(), "MEMBER");
        assertEquals(2, fx.org(org).num("seats.used"));

        ApiClient.Res first = api.post("/invitations/" + token + "/accept", ivan, (String) null);
        ApiClient.Res second = api.post("/invitations/" + token + "/accept", ivan, (String) null);

        assertEquals(200, first.status(), first::toString);
        assertEquals(200, second.status(), second::toString);
        assertEquals(first.map(), second.map());
        List<Mailbox.Message> joined = Mailbox.to(stack.local().mailDirectory(), org.owner().email()).stream()
                .filter(m -> m.header("subject").contains("joined")).toList();
        assertEquals(1, joined.size(), "the inviter hears once, not on the repeated accept");
        assertTrue(joined.get(0).text().contains(ivan.email()));
        assertTrue(joined.get(0).text().contains(BASE_URL + "/orgs/" + org.id() + "/members"));
        ApiClient.Res after = fx.org(org);
        assertEquals(2, after.num("seats.used"));
        assertEquals(0, after.num("seats.pending"));
        ApiClient.Res me = api.get("/me", ivan);
        assertEquals(org.id(), me.str("memberships[0].orgId"));
        assertEquals("MEMBER", me.str("memberships[0].role"));
        assertEquals("ACTIVE", me.str("memberships[0].status"));
    }

    @Test
    void anAcceptedLinkCannotBeUsedByAnotherAccountWithTheSameEmail() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        String token = fx.invited(org, email, "MEMBER");
        assertEquals(200, api.post("/invitations/" + token + "/accept", api.user(email, "Ivan"), (String) null).status());

        ApiClient.User other = api.user(Map.of("email", email, "sub", "another-account"));
        ApiClient.Res res = api.post("/invitations/" + token + "/accept", other, (String) null);

        assertEquals(409, res.status(), res::toString);
        assertEquals("INVITATION_ALREADY_USED", res.str("code"));
    }

    @Test
    void declineFreesTheSeatAndTheLinkCannotBeAcceptedAfterwards() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        String token = fx.invited(org, ivan.email(), "MEMBER");

        ApiClient.Res declined = api.post("/invitations/" + token + "/decline", ivan, (String) null);

        assertEquals(204, declined.status(), declined::toString);
        assertEquals(1, fx.org(org).num("seats.used"));
        assertEquals(0, fx.org(org).num("seats.pending"));
        ApiClient.Res accept = api.post("/invitations/" + token + "/accept", ivan, (String) null);
        assertEquals(409, accept.status(), accept::toString);
        assertEquals("INVITATION_ALREADY_USED", accept.str("code"));
        assertEquals("DECLINED", api.get("/invitations/" + token, null).str("status"));
    }

    @Test
    void declineByAnyoneButTheInviteeIsRefused() {
        Fixture.Org org = fx.org("STARTER", 0);
        String token = fx.invited(org, Fixture.uniqueEmail("ivan"), "MEMBER");

        ApiClient.Res res = api.post("/invitations/" + token + "/decline", fx.user("mallory"), (String) null);

        assertEquals(403, res.status(), res::toString);
        assertEquals("EMAIL_MISMATCH", res.str("code"));
        assertEquals(1, fx.org(org).num("seats.pending"));
    }

    @Test
    void revokeFreesTheSeatAndTheLinkBecomesNotFound() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.Res issued = fx.invite(org, org.owner(), Fixture.uniqueEmail("ivan"), "MEMBER");
        String id = issued.str("invitation.id");

        ApiClient.Res revoked = api.delete("/orgs/" + org.id() + "/invitations/" + id, org.owner());

        assertEquals(204, revoked.status(), revoked::toString);
        assertEquals(1, fx.org(org).num("seats.used"));
        ApiClient.Res preview = api.get("/invitations/" + Fixture.token(issued), null);
        assertEquals(404, preview.status());
        assertEquals("INVITATION_NOT_FOUND", preview.str("code"));
        ApiClient.Res again = api.delete("/orgs/" + org.id() + "/invitations/" + id, org.owner());
        assertEquals(409, again.status());
        assertEquals("INVITATION_NOT_PENDING", again.str("code"));
    }

    @Test
    void unknownRevokedAndSupersededLinksAreTheSameNotFound() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        String superseded = fx.invited(org, email, "MEMBER");
        fx.invited(org, email, "VIEWER");
        ApiClient.Res revokedIssue = fx.invite(org, org.owner(), Fixture.uniqueEmail("rita"), "MEMBER");
        api.delete("/orgs/" + org.id() + "/invitations/" + revokedIssue.str("invitation.id"), org.owner());

        ApiClient.Res a = api.get("/invitations/" + superseded, null);
        ApiClient.Res b = api.get("/invitations/" + Fixture.token(revokedIssue), null);
        ApiClient.Res c = api.get("/invitations/" + InvitationToken.generate().raw(), null);
        ApiClient.Res d = api.get("/invitations/not-even-a-token", null);

        for (ApiClient.Res res : List.of(a, b, c, d)) {
            assertEquals(404, res.status(), res::toString);
            assertEquals("INVITATION_NOT_FOUND", res.str("code"));
        }
        assertEquals(a.map().get("detail"), c.map().get("detail"));
        assertEquals(b.map().get("detail"), d.map().get("detail"));
    }

    @Test
    void invitingTheSameEmailAgainSupersedesTheOldInvitationWithoutTakingASeat() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        ApiClient.Res first = fx.invite(org, org.owner(), ivan.email(), "VIEWER");
        ApiClient.Res second = fx.invite(org, org.owner(), ivan.email(), "ADMIN");

        assertEquals(201, second.status(), second::toString);
        assertEquals(2, fx.org(org).num("seats.used"));
        assertEquals(1, fx.org(org).num("seats.pending"));
        assertEquals(404, api.post("/invitations/" + Fixture.token(first) + "/accept", ivan, (String) null).status());
        List<?> superseded = fx.invitations(org, "?status=SUPERSEDED");
        assertEquals(1, superseded.size());
        assertEquals(first.str("invitation.id"), ((Map<?, ?>) superseded.get(0)).get("id"));
        ApiClient.Res accepted = api.post("/invitations/" + Fixture.token(second) + "/accept", ivan, (String) null);
        assertEquals("ADMIN", accepted.str("role"));
    }

    @Test
    void invitingACurrentMemberIsAlreadyMember() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.member(org, "ivan", "MEMBER");

        ApiClient.Res res = fx.invite(org, org.owner(), ivan.email().toUpperCase(), "ADMIN");

        assertEquals(409, res.status(), res::toString);
        assertEquals("ALREADY_MEMBER", res.str("code"));
        assertEquals(409, fx.invite(org, org.owner(), org.owner().email(), "ADMIN").status());
    }

    @Test
    void resendIssuesANewTokenAndExpiryKillsTheOldLinkAndHonoursTheCooldown() {
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("ivan");
        ApiClient.Res issued = fx.invite(org, org.owner(), email, "MEMBER");
        String path = "/orgs/" + org.id() + "/invitations/" + issued.str("invitation.id") + "/resend";

        ApiClient.Res tooSoon = api.post(path, org.owner(), (String) null);
        assertEquals(429, tooSoon.status(), tooSoon::toString);
        assertEquals("RESEND_COOLDOWN", tooSoon.str("code"));
        assertEquals("60", tooSoon.header("retry-after"));

        clock.advance(Duration.ofSeconds(61));
        ApiClient.Res resent = api.post(path, org.owner(), (String) null);

        assertEquals(200, resent.status(), resent::toString);
        assertNotEquals(Fixture.token(issued), Fixture.token(resent));
        assertTrue(Instant.parse(resent.str("invitation.expiresAt")).isAfter(Instant.parse(issued.str("invitation.expiresAt"))));
        assertEquals(404, api.get("/invitations/" + Fixture.token(issued), null).status());
        assertEquals(200, api.get("/invitations/" + Fixture.token(resent), null).status());
        List<Mailbox.Message> mail = Mailbox.to(stack.local().mailDirectory(), email);
        assertEquals(2, mail.size());
        assertTrue(mail.get(1).text().contains(resent.str("inviteUrl")));
        assertEquals(2, fx.org(org).num("seats.used"));
    }

    @Test
    void anExpiredInvitationSaysSoAndCannotBeAcceptedEvenBeforeAnySweep() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        String token = fx.invited(org, ivan.email(), "MEMBER");

        clock.advance(Duration.ofDays(7));
        ApiClient.Res preview = api.get("/invitations/" + token, null);
        ApiClient.Res accept = api.post("/invitations/" + token + "/accept", ivan, (String) null);

        assertEquals(410, preview.status(), preview::toString);
        assertEquals("INVITATION_EXPIRED", preview.str("code"));
        assertEquals(410, accept.status(), accept::toString);
        assertEquals("INVITATION_EXPIRED", accept.str("code"));
        assertEquals("PENDING", ((Map<?, ?>) fx.invitations(org, "?status=PENDING").get(0)).get("status"));
        assertEquals(0, api.get("/me", ivan).list("memberships").size());
    }

    @Test
    void seatsCountMembersAndPendingInvitationsAndTheLimitIsSeatLimitReached() {
        Fixture.Org org = fx.org("STARTER", 0);
        fx.member(org, "m1", "MEMBER");
        for (int i = 0; i < 3; i++) {
            fx.invited(org, Fixture.uniqueEmail("p" + i), "VIEWER");
        }
        ApiClient.Res full = fx.org(org);
        assertEquals(Map.of("limit", 5, "used", 5, "pending", 3, "available", 0), full.at("seats"));

        String email = Fixture.uniqueEmail("one-too-many");
        ApiClient.Res res = fx.invite(org, org.owner(), email, "MEMBER");

        assertEquals(409, res.status(), res::toString);
        assertEquals("SEAT_LIMIT_REACHED", res.str("code"));
        assertEquals(0, Mailbox.to(stack.local().mailDirectory(), email).size());
    }

    @Test
    void theFreePlanAllowsNoInvitations() {
        Fixture.Org org = fx.org("FREE", 0);

        ApiClient.Res res = fx.invite(org, org.owner(), Fixture.uniqueEmail("ivan"), "MEMBER");

        assertEquals(403, res.status(), res::toString);
        assertEquals("PLAN_DOES_NOT_ALLOW_INVITES", res.str("code"));
    }

    @Test
    void extraSeatsRaiseTheLimitAndEnterpriseIsUnlimited() {
        Fixture.Org pro = fx.org("PRO", 3);
        assertEquals(13, fx.org(pro).num("seats.limit"));
        Fixture.Org enterprise = fx.org("ENTERPRISE", 0);
        ApiClient.Res org = fx.org(enterprise);
        assertEquals(null, org.at("seats.limit"));
        assertEquals(null, org.at("seats.available"));
        assertEquals(201, fx.invite(enterprise, enterprise.owner(), Fixture.uniqueEmail("e"), "MEMBER").status());
    }

    @Test
    void seatsDroppingBelowThoseInUseBlockInvitationsAndRemoveNobody() {
        Fixture.Org org = fx.org("PRO", 0);
        fx.member(org, "m1", "MEMBER");
        fx.member(org, "m2", "MEMBER");
        for (int i = 0; i < 4; i++) {
            fx.invited(org, Fixture.uniqueEmail("p" + i), "VIEWER");
        }

        ApiClient.Res downgraded = api.post("/_local/orgs/" + org.id() + "/plan", null, Map.of("plan", "STARTER"));

        assertEquals(200, downgraded.status(), downgraded::toString);
        ApiClient.Res after = fx.org(org);
        assertEquals(7, after.num("seats.used"));
        assertEquals(5, after.num("seats.limit"));
        assertEquals(0, after.num("seats.available"));
        assertEquals(true, after.at("invitationsBlocked"));
        assertEquals(3, api.get("/orgs/" + org.id() + "/members", org.owner()).list("items").size());
        assertEquals("SEAT_LIMIT_REACHED", fx.invite(org, org.owner(), Fixture.uniqueEmail("x"), "MEMBER").str("code"));
        assertEquals(4, fx.invitations(org, "?status=PENDING").size());
    }

    @Test
    void onlyOwnersAndAdminsInviteAndOutsidersSeeNotFound() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User admin = fx.member(org, "admin", "ADMIN");
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        ApiClient.User viewer = fx.member(org, "viewer", "VIEWER");
        ApiClient.User outsider = fx.user("outsider");

        assertEquals(201, fx.invite(org, admin, Fixture.uniqueEmail("a"), "MEMBER").status());
        assertEquals("FORBIDDEN", fx.invite(org, member, Fixture.uniqueEmail("b"), "MEMBER").str("code"));
        assertEquals("FORBIDDEN", fx.invite(org, viewer, Fixture.uniqueEmail("c"), "MEMBER").str("code"));
        assertEquals(403, api.get("/orgs/" + org.id() + "/invitations", member).status());
        ApiClient.Res outside = fx.invite(org, outsider, Fixture.uniqueEmail("d"), "MEMBER");
        assertEquals(404, outside.status());
        assertEquals("ORG_NOT_FOUND", outside.str("code"));
        ApiClient.Res unknown = fx.invite(new Fixture.Org("01AAAAAAAAAAAAAAAAAAAAAAAA", org.owner()), org.owner(),
                Fixture.uniqueEmail("e"), "MEMBER");
        assertEquals(outside.problemWithoutRequestId(), unknown.problemWithoutRequestId());
        assertEquals(404, api.get("/orgs/" + org.id(), outsider).status());
        assertEquals(404, api.get("/orgs/" + org.id() + "/members", outsider).status());
        assertEquals(200, api.get("/orgs/" + org.id() + "/members", viewer).status());
    }

    @Test
    void withoutATokenTheGatewayAnswersUnauthorizedExceptForThePreview() {
        Fixture.Org org = fx.org("STARTER", 0);
        String token = fx.invited(org, Fixture.uniqueEmail("ivan"), "MEMBER");

        assertEquals(401, api.get("/orgs/" + org.id(), null).status());
        assertEquals(401, api.post("/invitations/" + token + "/accept", null, (String) null).status());
        ApiClient.User forged = new ApiClient.User(org.owner().token() + "x", "x", "x");
        assertEquals(401, api.get("/me", forged).status());
        assertEquals(200, api.get("/invitations/" + token, null).status());
    }

    @Test
    void invitationsListNewestFirstByStatusAndPageWithCursors() {
        Fixture.Org org = fx.org("PRO", 0);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(5));
            fx.invited(org, "list" + i + "-" + Fixture.uniqueEmail("l"), "MEMBER");
        }
        ApiClient.Res revoked = fx.invite(org, org.owner(), Fixture.uniqueEmail("r"), "MEMBER");
        api.delete("/orgs/" + org.id() + "/invitations/" + revoked.str("invitation.id"), org.owner());

        List<?> pending = fx.invitations(org, "?status=PENDING");
        assertEquals(5, pending.size());
        assertTrue(((Map<?, ?>) pending.get(0)).get("email").toString().startsWith("list4"));
        assertTrue(((Map<?, ?>) pending.get(4)).get("email").toString().startsWith("list0"));
        assertEquals(6, fx.invitations(org, "").size());
        assertEquals(1, fx.invitations(org, "?status=revoked").size());

        ApiClient.Res page1 = api.get("/orgs/" + org.id() + "/invitations?status=PENDING&limit=2", org.owner());
        ApiClient.Res page2 = api.get("/orgs/" + org.id() + "/invitations?status=PENDING&limit=2&cursor="
                + page1.str("nextCursor"), org.owner());
        ApiClient.Res page3 = api.get("/orgs/" + org.id() + "/invitations?status=PENDING&limit=2&cursor="
                + page2.str("nextCursor"), org.owner());
        assertEquals(2, page1.list("items").size());
        assertEquals(2, page2.list("items").size());
        assertEquals(1, page3.list("items").size());
        assertEquals(null, page3.at("nextCursor"));
        assertEquals(pending.get(2), page2.list("items").get(0));

        Fixture.Org other = fx.org("PRO", 0);
        ApiClient.Res foreign = api.get("/orgs/" + other.id() + "/invitations?status=PENDING&cursor="
                + page1.str("nextCursor"), other.owner());
        assertEquals(400, foreign.status(), foreign::toString);
        assertEquals("INVALID_CURSOR", foreign.str("code"));
    }

    @Test
    void membersListIncludesPendingInvitationsAsInvitedWhenAsked() {
        Fixture.Org org = fx.org("STARTER", 0);
        fx.member(org, "m", "MEMBER");
        String email = Fixture.uniqueEmail("pending");
        fx.invited(org, email, "VIEWER");

        ApiClient.Res plain = api.get("/orgs/" + org.id() + "/members", org.owner());
        ApiClient.Res with = api.get("/orgs/" + org.id() + "/members?include=invitations", org.owner());
        ApiClient.Res invitedOnly = api.get("/orgs/" + org.id() + "/members?status=INVITED", org.owner());

        assertEquals(2, plain.list("items").size());
        assertEquals(3, with.list("items").size());
        assertEquals(null, with.at("nextCursor"));
        assertEquals("INVITED", with.str("items[2].status"));
        assertEquals(email, with.str("items[2].email"));
        assertEquals(1, invitedOnly.list("items").size());
        ApiClient.Res paged = api.get("/orgs/" + org.id() + "/members?include=invitations&limit=2", org.owner());
        ApiClient.Res rest = api.get("/orgs/" + org.id() + "/members?include=invitations&limit=2&cursor="
                + paged.str("nextCursor"), org.owner());
        assertEquals(2, paged.list("items").size());
        assertEquals(email, rest.str("items[0].email"));
    }

    @Test
    void bulkInviteReportsEachItemAndCreatesTheRest() {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        String a = Fixture.uniqueEmail("a");
        String b = Fixture.uniqueEmail("b");

        ApiClient.Res res = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of("invitations", List.of(
                Map.of("email", a, "role", "MEMBER"),
                Map.of("email", member.email(), "role", "MEMBER"),
                Map.of("email", b, "role", "VIEWER", "permissions", List.of("crm")))));

        assertEquals(201, res.status(), res::toString);
        assertEquals(2, res.num("created"));
        assertEquals(1, res.num("failed"));
        assertEquals(201, res.num("results[0].status"));
        assertEquals(409, res.num("results[1].status"));
        assertEquals("ALREADY_MEMBER", res.str("results[1].error.code"));
        assertEquals("VIEWER", res.str("results[2].invitation.role"));
        assertEquals(1, Mailbox.to(stack.local().mailDirectory(), a).size());
        assertEquals(1, Mailbox.to(stack.local().mailDirectory(), b).size());
        assertEquals(4, fx.org(org).num("seats.used"));
    }

    @Test
    void bulkInviteBeyondTheFreeSeatsCreatesWhatFitsInRequestOrder() {
        Fixture.Org org = fx.org("STARTER", 0);
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(Map.of("email", Fixture.uniqueEmail("bulk" + i), "role", "MEMBER"));
        }

        ApiClient.Res res = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of("invitations", items));

        assertEquals(201, res.status(), res::toString);
        assertEquals(4, res.num("created"));
        assertEquals("SEAT_LIMIT_REACHED", res.str("results[4].error.code"));
        assertEquals("SEAT_LIMIT_REACHED", res.str("results[5].error.code"));
        assertEquals(5, fx.org(org).num("seats.used"));
    }
}
