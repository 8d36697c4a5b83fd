package dev.roster.local;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two optional membership policies a deployment can switch on; both are off unless set. */
class MembershipPoliciesIT {

    @Nested
    class OneOrgPerUser {

        @RegisterExtension
        static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_ONE_ORG_PER_USER", "true"));
        private final ApiClient api = stack.api();
        private final Fixture fx = stack.fixture();

        @Test
        void acceptingWhileInAnotherOrgIs409AndTheInvitationStaysPendingUntilTheyLeave() {
            Fixture.Org first = fx.org("PRO", 0);
            Fixture.Org second = fx.org("PRO", 0);
            ApiClient.User ivan = fx.member(first, "ivan", "MEMBER");
            String token = fx.invited(second, ivan.email(), "MEMBER");

            ApiClient.Res refused = api.post("/invitations/" + token + "/accept", ivan, (String) null);

            assertEquals(409, refused.status(), refused::toString);
            assertEquals("ALREADY_IN_ANOTHER_ORG", refused.str("code"));
            assertEquals("PENDING", api.get("/invitations/" + token, null).str("status"));
            assertEquals(1, api.get("/me", ivan).list("memberships").size());
            ApiClient.Res founding = api.post("/orgs", ivan, Map.of("name", "Mine"));
            assertEquals(409, founding.status(), "creating a second org is refused too: " + founding);

            assertEquals(204, api.post("/orgs/" + first.id() + "/leave", ivan, (String) null).status());
            ApiClient.Res accepted = api.post("/invitations/" + token + "/accept", ivan, (String) null);
            assertEquals(200, accepted.status(), accepted::toString);
            assertEquals(second.id(), api.get("/me", ivan).str("memberships[0].orgId"));
        }

        @Test
        void ofConcurrentAcceptsIntoDifferentOrgsExactlyOneSucceeds() throws Exception {
            ApiClient.User ivan = fx.user("ivan");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tokens.add(fx.invited(fx.org("PRO", 0), ivan.email(), "MEMBER"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiClient.Res>> results = new ArrayList<>();
                for (String token : tokens) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return api.post("/invitations/" + token + "/accept", ivan, (String) null);
                    }));
                }
                go.countDown();
                int joined = 0;
                for (Future<ApiClient.Res> f : results) {
                    ApiClient.Res res = f.get();
                    if (res.status() == 200) {
                        joined++;
                    } else {
                        assertEquals("ALREADY_IN_ANOTHER_ORG", res.str("code"), res::toString);
                    }
                }
                assertEquals(1, joined);
                assertEquals(1, api.get("/me", ivan).list("memberships").size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class AddExistingUsersDirectly {

        @RegisterExtension
        static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_ADD_EXISTING_USERS_DIRECTLY", "true"));
        private final ApiClient api = stack.api();
        private final Fixture fx = stack.fixture();

        @Test
        void someoneWithAnAccountBecomesAMemberAtOnceWithoutAnEmail() {
            Fixture.Org org = fx.org("STARTER", 0);
            ApiClient.User known = fx.org("FREE", 0).owner();
            int usedBefore = fx.org(org).num("seats.used");
            int mailBefore = Mailbox.to(stack.local().mailDirectory(), known.email()).size();

            ApiClient.Res res = api.post("/orgs/" + org.id() + "/invitations", org.owner(),
                    Map.of("email", known.email(), "role", "VIEWER", "permissions", List.of("crm")));

            assertEquals(201, res.status(), res::toString);
            assertEquals(true, res.at("addedDirectly"));
            assertEquals(known.sub(), res.str("member.userId"));
            assertEquals("VIEWER", res.str("member.role"));
            assertNull(res.at("inviteUrl"));
            assertEquals(mailBefore, Mailbox.to(stack.local().mailDirectory(), known.email()).size());
            assertEquals(usedBefore + 1, fx.org(org).num("seats.used"));
            assertEquals(0, fx.org(org).num("seats.pending"));
            assertEquals(200, api.get("/orgs/" + org.id(), known).status());
            assertEquals(1, AuditLog.entries(stack.local(), org.id(), "member.added").size());
            assertEquals(409, fx.invite(org, org.owner(), known.email(), "MEMBER").status(), "now already a member");

            ApiClient.Res stranger = fx.invite(org, org.owner(), Fixture.uniqueEmail("new"), "MEMBER");
            assertEquals(201, stranger.status(), stranger::toString);
            assertTrue(stranger.str("inviteUrl").contains("/invitations/"), "no account yet: a normal invitation");
        }
    }

    /** A deployment that sets neither policy. */
    @Nested
    class NeitherPolicy {

        @RegisterExtension
        static final LocalStack stack = LocalStack.forClass(Map.of());
        private final ApiClient api = stack.api();
        private final Fixture fx = stack.fixture();

        @Test
        void withThePolicyOffPeopleJoinAsManyOrgsAsTheyAreInvitedTo() {
            ApiClient.User ivan = fx.member(fx.org("PRO", 0), "ivan", "MEMBER");
            String token = fx.invited(fx.org("PRO", 0), ivan.email(), "MEMBER");
            assertEquals(200, api.post("/invitations/" + token + "/accept", ivan, (String) null).status());
            assertEquals(2, api.get("/me", ivan).list("memberships").size());
        }

        @Test
        void withThePolicyOffSomeoneWithAnAccountIsInvitedByEmail() {
            Fixture.Org org = fx.org("STARTER", 0);
            ApiClient.User known = fx.org("FREE", 0).owner();

            ApiClient.Res res = fx.invite(org, org.owner(), known.email(), "MEMBER");

            assertEquals(201, res.status(), res::toString);
            assertEquals("PENDING", res.str("invitation.status"));
            assertEquals(1, Mailbox.to(stack.local().mailDirectory(), known.email()).size());
        }
    }
}
