package dev.roster.local;

import dev.roster.core.domain.InvitationToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile inputs of issue 13, each tried as an attacker would: every one is a 4xx problem+json with a code and
 * the requestId, and writes nothing (no DynamoDB write, no email).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String LONG_ID = "A".repeat(2000);

    private static final CallCounter calls = new CallCounter();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), calls);
    private LocalApi local;
    private ApiClient api;
    private RawHttp raw;
    private Fixture.Org org;
    private ApiClient.User member;
    private String invitationId;
    private String workspaceId;
    private int mailBefore;

    @BeforeAll
    void start() throws Exception {
        local = stack.local();
        api = new ApiClient(local.baseUri());
        raw = new RawHttp(local.baseUri());
        Fixture fx = new Fixture(api);
        org = fx.org("PRO", 0);
        member = fx.member(org, "member", "MEMBER");
        fx.member(org, "viewer", "VIEWER");
        fx.invited(org, Fixture.uniqueEmail("pending"), "MEMBER");
        fx.invited(org, Fixture.uniqueEmail("pending"), "VIEWER");
        invitationId = api.get(orgPath("/invitations?limit=1"), org.owner()).str("items[0].id");
        workspaceId = api.post(orgPath("/workspaces"), org.owner(), Map.of("name", "North")).str("id");
        api.post(orgPath("/workspaces"), org.owner(), Map.of("name", "South"));
    }

    @BeforeEach
    void countFromHere() {
        calls.reset();
        mailBefore = Mailbox.count(local.mailDirectory());
    }

    private String orgPath(String suffix) {
        return "/orgs/" + org.id() + suffix;
    }

    private void assertRefused(int status, String code, ApiClient.Res res) {
        assertEquals(status, res.status(), res::toString);
        assertEquals("application/problem+json", res.header("content-type"), res::toString);
        assertEquals(code, res.str("code"), res::toString);
        assertEquals(status, res.num("status"));
        assertFalse(res.str("requestId") == null || res.str("requestId").isBlank(), res::toString);
        assertWroteNothing();
    }

    private void assertWroteNothing() {
        assertEquals(0, calls.writes(), () -> "writes: " + calls.counts());
        assertEquals(mailBefore, Mailbox.count(local.mailDirectory()), "no email");
    }

    private ApiClient.Res send(String method, String path, String body) {
        return api.send(method, path, org.owner(), body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    // 1. One strict JSON reader ------------------------------------------------------------------------------

    Stream<Arguments> jsonFollowedByMore() {
        String invite = "{\"email\":\"trailing@example.com\",\"role\":\"MEMBER\"}";
        return Stream.of(
                Arguments.of("POST", "/orgs", "{\"name\":\"a\"} trailing"),
                Arguments.of("POST", "/orgs", "{\"name\":\"a\"}{\"name\":\"b\"}"),
                Arguments.of("POST", orgPath("/invitations"), invite + " trailing"),
                Arguments.of("POST", orgPath("/invitations"), invite + invite),
                Arguments.of("PATCH", Fixture.memberPath(org, member), "{\"role\":\"VIEWER\"} {\"role\":\"ADMIN\"}"),
                Arguments.of("PATCH", Fixture.memberPath(org, member), "{\"role\":\"VIEWER\",\"role\":\"ADMIN\"}"),
                Arguments.of("POST", orgPath("/workspaces"), "{\"name\":\"East\"}]"),
                Arguments.of("POST", orgPath("/transfer-ownership"), "{\"userId\":\"" + member.sub() + "\"}1"),
                Arguments.of("POST", orgPath("/billing/checkout"), "{\"plan\":\"PRO\"} null"),
                Arguments.of("POST", Fixture.memberPath(org, member) + "/suspend", "{} {}"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("jsonFollowedByMore")
    void anythingAfterTheFirstJsonValueIs400MalformedJsonAndChangesNothing(String method, String path, String body) {
        assertRefused(400, "MALFORMED_JSON", send(method, path, body));
    }

    @Test
    void aValidlySignedStripeEventFollowedByMoreJsonIs400MalformedJson() {
        String event = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), StripeEvents.newId("sub"), org.id());
        String payload = event + " " + event;
        String signature = StripeEvents.signature(payload, LocalApi.LOCAL_STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond());
        assertRefused(400, "MALFORMED_JSON", StripeEvents.deliver(api, payload, signature));
    }

    // 2. Email lengths ---------------------------------------------------------------------------------------

    @Test
    void anEmailWith65CharactersBeforeTheAtOr255InAllIsA400FieldErrorAndNoInvitation() {
        String domainOf190 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);
        for (String email : List.of("a".repeat(65) + "@example.com", "a".repeat(64) + "@" + domainOf190)) {
            ApiClient.Res res = api.post(orgPath("/invitations"), org.owner(), Map.of("email", email, "role", "MEMBER"));
            assertRefused(400, "VALIDATION_FAILED", res);
            assertEquals("email", res.str("errors[0].field"), res::toString);
        }
    }

    // 3. Path ids --------------------------------------------------------------------------------------------

    Stream<Arguments> impossibleIds() {
        String memberPath = Fixture.memberPath(org, member);
        return Stream.of(
                Arguments.of("GET", "/orgs/" + LONG_ID, null, "ORG_NOT_FOUND"),
                Arguments.of("POST", "/orgs/" + LONG_ID + "/invitations", "{\"email\":\"x@example.com\",\"role\":\"MEMBER\"}", "ORG_NOT_FOUND"),
                Arguments.of("POST", "/orgs/" + LONG_ID + "/workspaces", "{\"name\":\"W\"}", "ORG_NOT_FOUND"),
                Arguments.of("POST", "/orgs/" + LONG_ID + "/leave", null, "ORG_NOT_FOUND"),
                Arguments.of("POST", "/orgs/" + LONG_ID + "/billing/checkout", "{\"plan\":\"PRO\"}", "ORG_NOT_FOUND"),
                Arguments.of("GET", "/orgs/" + LONG_ID + "/audit", null, "ORG_NOT_FOUND"),
                Arguments.of("GET", "/orgs/org%20with%20spaces/members", null, "ORG_NOT_FOUND"),
                Arguments.of("GET", orgPath("/members/" + LONG_ID), null, "MEMBER_NOT_FOUND"),
                Arguments.of("PATCH", orgPath("/members/" + LONG_ID), "{\"role\":\"VIEWER\"}", "MEMBER_NOT_FOUND"),
                Arguments.of("POST", orgPath("/members/" + LONG_ID + "/suspend"), null, "MEMBER_NOT_FOUND"),
                Arguments.of("DELETE", orgPath("/members/" + "x".repeat(256)), null, "MEMBER_NOT_FOUND"),
                Arguments.of("DELETE", orgPath("/members/tab%09inside"), null, "MEMBER_NOT_FOUND"),
                Arguments.of("POST", orgPath("/invitations/" + LONG_ID + "/resend"), null, "INVITATION_NOT_FOUND"),
                Arguments.of("DELETE", orgPath("/invitations/" + LONG_ID), null, "INVITATION_NOT_FOUND"),
                Arguments.of("DELETE", orgPath("/workspaces/" + LONG_ID), null, "WORKSPACE_NOT_FOUND"),
                Arguments.of("GET", orgPath("/access?permission=read&workspaceId=" + LONG_ID), null, "WORKSPACE_NOT_FOUND"),
                Arguments.of("DELETE", memberPath.replace(org.id(), LONG_ID), null, "ORG_NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("impossibleIds")
    void anIdThatCannotBeOursIsThe404OfItsKindAndChangesNothing(String method, String path, String body, String code) {
        assertRefused(404, code, send(method, path, body));
    }

    @Test
    void anImpossibleTokenIsTheSame404AsAnUnknownOne() {
        Map<String, Object> unknown = api.get("/invitations/" + InvitationToken.generate().raw(), null).problemWithoutRequestId();
        for (String token : List.of(LONG_ID, "A".repeat(42), "A".repeat(44), "a%20b", "%2F".repeat(43), "=".repeat(43))) {
            for (String suffix : List.of("", "/accept", "/decline")) {
                ApiClient.Res res = suffix.isEmpty() ? api.get("/invitations/" + token, null)
                        : api.post("/invitations/" + token + suffix, member, (String) null);
                assertRefused(404, "INVITATION_NOT_FOUND", res);
                assertEquals(unknown, res.problemWithoutRequestId(), token + suffix);
            }
        }
    }

    @Test
    void routesThatTakeNoInputRefuseABodyAndChangeNothing() {
        for (String[] call : new String[][]{{"DELETE", Fixture.memberPath(org, member)}, {"DELETE", orgPath("/invitations/" + invitationId)},
                {"POST", orgPath("/invitations/" + invitationId + "/resend")}, {"DELETE", orgPath("/workspaces/" + workspaceId)}}) {
            assertRefused(400, "VALIDATION_FAILED", send(call[0], call[1], "{\"force\":true}"));
        }
        assertEquals(200, api.get(Fixture.memberPath(org, member), org.owner()).status(), "the member is still there");
    }

    // 4. Cursors ---------------------------------------------------------------------------------------------

    @Test
    void aCursorOfOneListOfTheOrgIs400InvalidCursorInEveryOtherList() {
        Map<String, String> cursors = new HashMap<>();
        for (String list : List.of("/members", "/invitations", "/invitations?status=PENDING", "/workspaces", "/audit")) {
            String cursor = api.get(orgPath(list + (list.contains("?") ? "&" : "?") + "limit=1"), org.owner()).str("nextCursor");
            assertNotNull(cursor, list);
            cursors.put(list, cursor);
        }
        cursors.forEach((from, cursor) -> cursors.keySet().stream().filter(to -> !to.equals(from)).forEach(to -> {
            calls.reset();
            ApiClient.Res res = api.get(orgPath(to + (to.contains("?") ? "&" : "?") + "cursor=" + cursor), org.owner());
            assertRefused(400, "INVALID_CURSOR", res);
        }));
    }

    @Test
    void anAuditCursorOutsideTheTimesAskedForIs400InvalidCursor() {
        String cursor = api.get(orgPath("/audit?limit=1"), org.owner()).str("nextCursor");
        assertRefused(400, "INVALID_CURSOR", api.get(orgPath("/audit?to=2000-01-01T00:00:00Z&cursor=" + cursor), org.owner()));
        assertRefused(400, "INVALID_CURSOR", api.get(orgPath("/audit?from=2999-01-01T00:00:00Z&cursor=" + cursor), org.owner()));
    }

    @Test
    void anOverlongCursorIs400InvalidCursor() {
        String cursor = "Q".repeat(5000);
        for (String list : List.of("/members", "/members?include=invitations&", "/invitations", "/workspaces", "/audit")) {
            String query = list.endsWith("&") ? list + "cursor=m." + cursor : list + "?cursor=" + cursor;
            assertRefused(400, "INVALID_CURSOR", api.get(orgPath(query), org.owner()));
        }
    }

    @Test
    void auditTimesOutsideFourDigitYearsAre400() {
        for (String query : List.of("from=%2B10000-01-01T00:00:00Z", "to=-0001-01-01T00:00:00Z",
                "from=2026-01-01T00:00:00Z&to=%2B10000-01-01T00:00:00Z")) {
            assertRefused(400, "VALIDATION_FAILED", api.get(orgPath("/audit?" + query), org.owner()));
        }
    }

    // 5. Stripe-Signature ------------------------------------------------------------------------------------

    @Test
    void aStripeSignatureTimestampThatOverflowsOrIsNoNumberIs400InvalidSignature() {
        String event = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), StripeEvents.newId("sub"), org.id());
        for (String header : List.of("t=99999999999999999999999,v1=" + "0".repeat(64), "t=now,v1=" + "0".repeat(64),
                "t=-5,v1=" + "0".repeat(64), "t=1,t=2,v1=" + "0".repeat(64))) {
            assertRefused(400, "INVALID_SIGNATURE", StripeEvents.deliver(api, event, header));
        }
    }

    // 6. Requests the local API cannot read ------------------------------------------------------------------

    @Test
    void unreadableRequestsAreProblemsWithARequestIdNeverAnHtmlPageOrAClassName() {
        String auth = "Authorization: Bearer " + org.owner().token();
        String host = "Host: localhost:" + local.port();
        List<RawHttp.Response> answers = List.of(
                raw.send("GET /orgs/%zz HTTP/1.1\r\n" + host + "\r\n" + auth, new byte[0]),
                raw.send("GET /orgs/%C3%28/members HTTP/1.1\r\n" + host + "\r\n" + auth, new byte[0]),
                raw.send("GET /orgs/%00 HTTP/1.1\r\n" + host + "\r\n" + auth, new byte[0]),
                raw.send("GET " + orgPath("/members?limit=%zz&cursor=%") + " HTTP/1.1\r\n" + host + "\r\n" + auth, new byte[0]),
                raw.send("GET " + orgPath("") + " HTTP/1.1\r\n" + host + "\r\n" + auth + "\r\nX-Big: " + "a".repeat(12_000), new byte[0]),
                raw.send("GET /" + "a".repeat(12_000) + " HTTP/1.1\r\n" + host, new byte[0]),
                raw.send("GET " + orgPath("") + " HTTP/9.9\r\n" + host + "\r\n" + auth, new byte[0]),
                raw.send("NOT A REQUEST LINE", new byte[0]),
                raw.send("GET " + orgPath("") + " HTTP/1.1\r\n" + host + "\r\nBad Header Name: x", new byte[0]),
                raw.send("POST /orgs HTTP/1.1\r\n" + host + "\r\n" + auth + "\r\nTransfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
                raw.send("GET /nowhere HTTP/1.1\r\n" + host, new byte[0]));
        for (RawHttp.Response res : answers) {
            assertTrue(res.status() >= 400 && res.status() < 500, res::toString);
            assertEquals("application/problem+json", res.header("content-type"), res::toString);
            Map<String, Object> problem = res.json();
            assertTrue(problem.get("code") instanceof String, res::toString);
            assertTrue(problem.get("requestId") instanceof String id && !id.isBlank(), res::toString);
            assertEquals(problem.get("requestId"), res.header("apigw-requestid"), res::toString);
            for (String leak : List.of("Exception", "<html", "<h1>", "java.", "org.eclipse")) {
                assertFalse(res.body().contains(leak), res::toString);
            }
        }
        assertWroteNothing();
    }

    // Bodies over 64 KiB -------------------------------------------------------------------------------------

    @Test
    void bodiesOver64KiBAre400PayloadTooLargeOnEveryRouteThatTakesOne() {
        String big = "{\"name\":\"" + "n".repeat(64 * 1024) + "\"}";
        for (String[] call : new String[][]{{"POST", "/orgs"}, {"POST", orgPath("/invitations")}, {"PATCH", Fixture.memberPath(org, member)},
                {"POST", orgPath("/workspaces")}, {"POST", orgPath("/transfer-ownership")}, {"POST", orgPath("/billing/checkout")},
                {"POST", "/webhooks/stripe"}}) {
            assertRefused(400, "PAYLOAD_TOO_LARGE", send(call[0], call[1], big));
        }
    }
}
