package dev.roster.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear 400 problem and writes nothing; no input makes a handler answer 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final CallCounter calls = new CallCounter();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), calls);
    private final ApiClient api = stack.api();
    private Fixture.Org org;
    private ApiClient.User member;

    @BeforeAll
    void createAnOrgWithAMember() {
        Fixture fx = stack.fixture();
        org = fx.org("PRO", 0);
        member = fx.member(org, "member", "MEMBER");
    }

    static Stream<Arguments> badInvitations() {
        String big = "x".repeat(70 * 1024);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"email\": ", "MALFORMED_JSON", null),
                Arguments.of("not an object", "[1,2]", "VALIDATION_FAILED", ""),
                Arguments.of("empty body", "", "VALIDATION_FAILED", ""),
                Arguments.of("email of wrong type", "{\"email\": 5, \"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("role of wrong type", "{\"email\": \"a@example.com\", \"role\": [\"MEMBER\"]}", "VALIDATION_FAILED", "role"),
                Arguments.of("permissions of wrong type", "{\"email\": \"a@example.com\", \"role\": \"MEMBER\", \"permissions\": \"crm\"}", "VALIDATION_FAILED", "permissions"),
                Arguments.of("unknown field", "{\"email\": \"a@example.com\", \"role\": \"MEMBER\", \"isAdmin\": true}", "VALIDATION_FAILED", "isAdmin"),
                Arguments.of("body over 64 KiB", "{\"email\": \"a@example.com\", \"role\": \"MEMBER\", \"pad\": \"" + big + "\"}", "PAYLOAD_TOO_LARGE", null),
                Arguments.of("missing email", "{\"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("invalid email", "{\"email\": \"not-an-email\", \"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("email without domain dot", "{\"email\": \"a@localhost\", \"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("email with header injection", "{\"email\": \"a@example.com\\r\\nBcc: x@evil.com\", \"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("email with spaces inside", "{\"email\": \"a b@example.com\", \"role\": \"MEMBER\"}", "VALIDATION_FAILED", "email"),
                Arguments.of("unknown role", "{\"email\": \"a@example.com\", \"role\": \"SUPERUSER\"}", "VALIDATION_FAILED", "role"),
                Arguments.of("OWNER role", "{\"email\": \"a@example.com\", \"role\": \"OWNER\"}", "VALIDATION_FAILED", "role"),
                Arguments.of("unknown permission", "{\"email\": \"a@example.com\", \"role\": \"MEMBER\", \"permissions\": [\"crm\", \"root\"]}", "VALIDATION_FAILED", "permissions[1]"),
                Arguments.of("unknown workspace", "{\"email\": \"a@example.com\", \"role\": \"MEMBER\", \"workspaceIds\": [\"ws-nope\"]}", "VALIDATION_FAILED", "workspaceIds[0]"),
                Arguments.of("bulk over ten", bulk(11), "VALIDATION_FAILED", "invitations"),
                Arguments.of("bulk empty", "{\"invitations\": []}", "VALIDATION_FAILED", "invitations"),
                Arguments.of("bulk with a bad item", "{\"invitations\": [{\"email\": \"a@example.com\", \"role\": \"MEMBER\"}, {\"email\": \"bad\", \"role\": \"MEMBER\"}]}", "VALIDATION_FAILED", "invitations[1].email"),
                Arguments.of("bulk repeating an email", "{\"invitations\": [{\"email\": \"a@example.com\", \"role\": \"MEMBER\"}, {\"email\": \"A@example.com\", \"role\": \"VIEWER\"}]}", "VALIDATION_FAILED", "invitations[1].email"),
                Arguments.of("bulk mixed with single fields", "{\"email\": \"a@example.com\", \"invitations\": [{\"email\": \"b@example.com\", \"role\": \"MEMBER\"}]}", "VALIDATION_FAILED", "email"));
    }

    private static String bulk(int n) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("{\"email\": \"bulk").append(i).append("@example.com\", \"role\": \"MEMBER\"}");
        }
        return "{\"invitations\": [" + items + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInvitations")
    void badInvitationRequestsAre400ProblemsAndWriteNothing(String name, String body, String code, String field) {
        int mailBefore = Mailbox.count(stack.local().mailDirectory());
        calls.reset();

        ApiClient.Res res = api.send("POST", "/orgs/" + org.id() + "/invitations", org.owner(),
                body.getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(400, res.status(), res::toString);
        assertEquals("application/problem+json", res.header("content-type"));
        assertEquals(code, res.str("code"));
        assertEquals(400, res.num("status"));
        assertNotNull(res.str("title"));
        assertNotNull(res.str("detail"));
        if (field != null) {
            assertTrue(res.list("errors").stream().anyMatch(e -> field.equals(((Map<?, ?>) e).get("field"))), res::toString);
        }
        assertEquals(0, calls.writes(), () -> "writes: " + calls.counts());
        assertEquals(mailBefore, Mailbox.count(stack.local().mailDirectory()));
    }

    static Stream<Arguments> badOrgNames() {
        return Stream.of(
                Arguments.of("{}", "name"),
                Arguments.of("{\"name\": \"\"}", "name"),
                Arguments.of("{\"name\": \"   \"}", "name"),
                Arguments.of("{\"name\": \"" + "n".repeat(101) + "\"}", "name"),
                Arguments.of("{\"name\": \"Acme\\u0000Corp\"}", "name"),
                Arguments.of("{\"name\": 42}", "name"),
                Arguments.of("{\"name\": \"Acme\", \"plan\": \"ENTERPRISE\"}", "plan"));
    }

    @ParameterizedTest
    @MethodSource("badOrgNames")
    void badOrgRequestsAre400ProblemsAndWriteNothing(String body, String field) {
        calls.reset();

        ApiClient.Res res = api.post("/orgs", member, body);

        assertEquals(400, res.status(), res::toString);
        assertEquals(field, res.str("errors[0].field"));
        assertEquals(0, calls.writes());
    }

    static Stream<Arguments> badMemberChanges() {
        return Stream.of(
                Arguments.of("PATCH", "", "malformed JSON", "{\"role\": ", "MALFORMED_JSON", null),
                Arguments.of("PATCH", "", "empty body", "", "VALIDATION_FAILED", ""),
                Arguments.of("PATCH", "", "nothing to change", "{}", "VALIDATION_FAILED", ""),
                Arguments.of("PATCH", "", "unknown field", "{\"role\": \"VIEWER\", \"status\": \"ACTIVE\"}", "VALIDATION_FAILED", "status"),
                Arguments.of("PATCH", "", "role of wrong type", "{\"role\": 3}", "VALIDATION_FAILED", "role"),
                Arguments.of("PATCH", "", "unknown role", "{\"role\": \"GOD\"}", "VALIDATION_FAILED", "role"),
                Arguments.of("PATCH", "", "OWNER by PATCH", "{\"role\": \"OWNER\"}", "VALIDATION_FAILED", "role"),
                Arguments.of("PATCH", "", "permissions not a list", "{\"permissions\": \"crm\"}", "VALIDATION_FAILED", "permissions"),
                Arguments.of("PATCH", "", "unknown permission", "{\"permissions\": [\"crm\", \"sudo\"]}", "VALIDATION_FAILED", "permissions[1]"),
                Arguments.of("PATCH", "", "unknown workspace", "{\"workspaceIds\": [\"ws-nope\"]}", "VALIDATION_FAILED", "workspaceIds[0]"),
                Arguments.of("POST", "/suspend", "a body where none is taken", "{\"reason\": \"spam\"}", "VALIDATION_FAILED", "reason"),
                Arguments.of("POST", "/reactivate", "a body that is not JSON", "please", "MALFORMED_JSON", null));
    }

    @ParameterizedTest(name = "{0} member{1}: {2}")
    @MethodSource("badMemberChanges")
    void badMemberChangesAre400ProblemsAndWriteNothing(String method, String suffix, String name, String body, String code,
                                                       String field) {
        calls.reset();

        ApiClient.Res res = api.send(method, Fixture.memberPath(org, member) + suffix, org.owner(),
                body.getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(400, res.status(), res::toString);
        assertEquals("application/problem+json", res.header("content-type"));
        assertEquals(code, res.str("code"));
        if (field != null) {
            assertTrue(res.list("errors").stream().anyMatch(e -> field.equals(((Map<?, ?>) e).get("field"))), res::toString);
        }
        assertEquals(0, calls.writes(), () -> "writes: " + calls.counts());
    }

    @Test
    void badTransfersWorkspacesAndAccessQuestionsAre400AndWriteNothing() {
        String orgPath = "/orgs/" + org.id();
        calls.reset();
        List<ApiClient.Res> answers = List.of(
                api.post(orgPath + "/transfer-ownership", org.owner(), "{}"),
                api.post(orgPath + "/transfer-ownership", org.owner(), "{\"userId\": 7}"),
                api.post(orgPath + "/transfer-ownership", org.owner(), "{\"userId\": \"nobody-here\"}"),
                api.post(orgPath + "/workspaces", org.owner(), "{\"name\": \"\"}"),
                api.post(orgPath + "/workspaces", org.owner(), "{\"name\": \"North\", \"members\": []}"),
                api.post(orgPath + "/leave", member, "{\"why\": \"bored\"}"),
                api.get(orgPath + "/access?permission=root", member),
                api.get(orgPath + "/workspaces?limit=0", member));
        for (ApiClient.Res res : answers) {
            assertEquals(400, res.status(), res::toString);
            assertEquals("application/problem+json", res.header("content-type"));
        }
        assertEquals(0, calls.writes(), () -> "writes: " + calls.counts());
        assertEquals("MEMBER", api.get(Fixture.memberPath(org, member), org.owner()).str("role"));
        assertEquals("OWNER", api.get(Fixture.memberPath(org, org.owner()), org.owner()).str("role"));
        assertEquals(List.of(), api.get(orgPath + "/workspaces", member).list("items"));
        assertTrue(AuditLog.entries(stack.local(), org.id(), null).stream().noneMatch(e -> e.get("action").s().startsWith("workspace.")
                || e.get("action").s().equals("org.ownership_transferred") || e.get("action").s().equals("member.left")));
    }

    @Test
    void badQueryParametersAre400() {
        for (String query : List.of("?limit=0", "?limit=101", "?limit=ten", "?status=LOST", "?cursor=%25%25", "?cursor=bm90LWEtY3Vyc29y")) {
            ApiClient.Res res = api.get("/orgs/" + org.id() + "/invitations" + query, org.owner());
            assertEquals(400, res.status(), () -> query + " " + res);
            assertEquals("application/problem+json", res.header("content-type"));
        }
        for (String query : List.of("?status=GONE", "?include=everything", "?cursor=x.y")) {
            assertEquals(400, api.get("/orgs/" + org.id() + "/members" + query, org.owner()).status(), query);
        }
    }

    @Test
    void base64BodiesAreDecodedAndGarbageIsRefused() {
        String json = "{\"email\":\"b64@example.com\",\"role\":\"MEMBER\"}";
        ApiClient.Res binary = api.send("POST", "/orgs/" + org.id() + "/invitations", org.owner(),
                json.getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/octet-stream"));
        assertEquals(201, binary.status(), binary::toString);

        byte[] garbage = new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x01};
        ApiClient.Res res = api.send("POST", "/orgs/" + org.id() + "/invitations", org.owner(), garbage,
                Map.of("content-type", "application/octet-stream"));
        assertEquals(400, res.status(), res::toString);
        assertEquals("MALFORMED_JSON", res.str("code"));
    }

    @Test
    void noInputMakesAnyRouteAnswer500OrLeakAStackTrace() {
        Random random = new Random(20261122);
        List<String> paths = List.of("/orgs", "/orgs/" + org.id() + "/invitations", "/invitations/x/accept",
                "/invitations/" + "A".repeat(43) + "/decline");
        String[] fragments = {"{", "}", "[", "]", "\"email\"", "\"role\"", ":", ",", "null", "true", "1e999", "-0",
                "\"\\u0000\"", "\"invitations\"", "\"OWNER\"", "{\"a\":", "\"\\ud800\"", "9".repeat(40)};
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder();
            int parts = random.nextInt(12);
            for (int j = 0; j < parts; j++) {
                body.append(fragments[random.nextInt(fragments.length)]);
            }
            String path = paths.get(random.nextInt(paths.size()));
            ApiClient.Res res = api.post(path, org.owner(), body.toString());
            assertTrue(res.status() < 500, () -> path + " " + body + " -> " + res);
            assertFalse(res.body().contains("Exception") || res.body().contains("\tat "), res::toString);
        }
        for (String token : List.of("%00", "..%2F..%2Fetc", "A".repeat(4000), "%F0%9F%98%80", "'%20OR%201=1")) {
            ApiClient.Res res = api.get("/invitations/" + token, null);
            assertTrue(res.status() == 404 || res.status() == 400, () -> token + " -> " + res);
        }
        ApiClient.Res res = api.get("/orgs/" + Base64.getUrlEncoder().encodeToString(new byte[300]), org.owner());
        assertEquals(404, res.status(), res::toString);
    }
}
