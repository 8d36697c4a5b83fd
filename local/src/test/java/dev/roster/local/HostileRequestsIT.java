package dev.roster.local;

import dev.roster.core.config.RosterSettings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile requests to every route of template.yaml, sent over real HTTP to the local API as the owner of a
 * seeded org, so that they get past the authorizer and the membership checks: malformed, mistyped, oversized and
 * random bodies; path ids that cannot be ours, ids nothing has, and ids of what exists; odd, huge and undecodable
 * query strings (with cursors of other lists) and headers.
 * <p>
 * Every try carries at least one hostile ingredient that its route reads: a body no route accepts, or, on a route
 * that reads no body, an id that names nothing. So no try may change anything, and after each the whole table
 * must hold exactly the items it held before. No answer may be a 5xx; every error is problem+json with a code and
 * the requestId; no body names an exception, a Java class or the event the function was given.
 * <p>
 * Tries: {@code jqwik.tries.default} (set in junit-platform.properties; a system property overrides it, see the
 * README's testing section).
 */
class HostileRequestsIT {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final int MAX_BODY = 64 * 1024;
    /** Every field name any route reads, so mistyped bodies hit real fields. */
    private static final List<String> FIELDS = List.of("name", "email", "role", "workspaceIds", "permissions",
            "invitations", "userId", "plan", "extraSeats", "id", "object", "type", "data");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "javax.", "dev.roster.", "jdk.",
            "<html", "<HTML", "requestContext", "routeKey", "isBase64Encoded", "stackTrace");

    private static LocalApi local;
    private static RawHttp http;
    private static Seeded seeded;
    private static List<Map<String, AttributeValue>> tableBefore;

    /** What the seeded org holds, for ids that name something real, and its owner's token. */
    record Seeded(String ownerToken, Map<String, List<String>> realIds, List<String> cursors) {
    }

    /** One path segment as it goes into the request line, and whether it names something real. */
    record Segment(String sent, boolean real) {
        @Override
        public String toString() {
            return (real ? "real " : "") + abbreviated(sent);
        }
    }

    /** A generated request. {@code body} null sends none. */
    record HostileRequest(TemplateRoutes.RouteDef route, Map<String, Segment> path, String query,
                          Map<String, String> headers, byte[] body) {

        String target() {
            String target = route.path();
            for (Map.Entry<String, Segment> parameter : path.entrySet()) {
                target = target.replace("{" + parameter.getKey() + "}", parameter.getValue().sent());
            }
            return query.isEmpty() ? target : target + "?" + query;
        }

        @Override
        public String toString() {
            return route.method() + " " + abbreviated(target()) + " headers=" + headers.keySet() + " body="
                    + (body == null ? "none" : abbreviated(new String(body, StandardCharsets.UTF_8)));
        }
    }

    @BeforeContainer
    static void seedAnOrgWithOneOfEverything() throws Exception {
        // A clock that stands still: no member's lastSeenAt goes stale, so reads write nothing either.
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        local = LocalStack.startApi(Map.of(), clock);
        http = new RawHttp(local.baseUri());
        ApiClient api = new ApiClient(local.baseUri());
        Fixture fx = new Fixture(api);
        Fixture.Org org = fx.org("PRO", 0);
        ApiClient.User member = fx.member(org, "member", "MEMBER");
        fx.member(org, "viewer", "VIEWER");
        String token = fx.invited(org, Fixture.uniqueEmail("pending"), "MEMBER");
        fx.invited(org, Fixture.uniqueEmail("pending"), "VIEWER");
        String invitationId = api.get("/orgs/" + org.id() + "/invitations?limit=1", org.owner()).str("items[0].id");
        String workspaceId = api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", "North")).str("id");
        api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", "South"));
        List<String> cursors = new ArrayList<>();
        for (String list : List.of("/members?limit=1", "/invitations?limit=1", "/invitations?status=PENDING&limit=1",
                "/workspaces?limit=1", "/audit?limit=1")) {
            String cursor = api.get("/orgs/" + org.id() + list, org.owner()).str("nextCursor");
            assertNotNull(cursor, list + " has a second page");
            cursors.add(cursor);
        }
        seeded = new Seeded(org.owner().token(), Map.of(
                "orgId", List.of(org.id()),
                "userId", List.of(member.sub(), org.owner().sub()),
                "invitationId", List.of(invitationId),
                "workspaceId", List.of(workspaceId),
                "token", List.of(token)), cursors);
        tableBefore = table();
    }

    @AfterContainer
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    // No edge cases: jqwik's would all fall on the first route; the generators name the edge values themselves.
    @Property(edgeCases = EdgeCasesMode.NONE)
    void noHostileRequestToAnyRouteAnswers5xxLeaksInternalsOrWritesAnItem(@ForAll("hostileRequests") HostileRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + seeded.ownerToken());
        if (request.body() != null && request.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(request.headers());
        byte[] body = request.body() == null ? new byte[0] : request.body();

        RawHttp.Response res = http.send(request.route().method(), request.target(), headers, body);

        Statistics.label("route").collect(request.route().routeKey());
        Statistics.label("status").collect(res.status());
        assertTrue(res.status() < 500, () -> "5xx for " + request + ": " + res);
        for (String leak : LEAKS) {
            assertFalse(res.body().contains(leak), () -> "the answer leaks '" + leak + "' for " + request + ": " + res);
        }
        if (res.status() >= 400) {
            assertEquals("application/problem+json", res.header("content-type"), () -> request + ": " + res);
            Map<String, Object> problem = res.json();
            assertEquals(res.status(), ((Number) problem.get("status")).intValue(), res::toString);
            assertTrue(problem.get("code") instanceof String code && code.matches("[A-Z][A-Z_]+"), res::toString);
            assertTrue(problem.get("requestId") instanceof String id && !id.isBlank(), res::toString);
        }
        assertTableUnchanged(request);
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return Arbitraries.of(local.routes()).flatMap(route -> paths(route).flatMap(path -> {
            boolean namesNothing = path.values().stream().anyMatch(segment -> !segment.real());
            Arbitrary<byte[]> bodies = route.method().equals("GET") || namesNothing
                    ? invalidBodies().injectNull(0.3) : invalidBodies();
            return Combinators.combine(queries(), headers(), bodies)
                    .as((query, headers, body) -> new HostileRequest(route, path, query, headers, body));
        }));
    }

    // --- path ids -----------------------------------------------------------------------------------------------

    private Arbitrary<Map<String, Segment>> paths(TemplateRoutes.RouteDef route) {
        Arbitrary<Map<String, Segment>> path = Arbitraries.just(new LinkedHashMap<>());
        Matcher m = PATH_PARAMETER.matcher(route.path());
        while (m.find()) {
            String name = m.group(1);
            path = path.flatMap(sofar -> segment(name).map(segment -> {
                Map<String, Segment> next = new LinkedHashMap<>(sofar);
                next.put(name, segment);
                return next;
            }));
        }
        return path;
    }

    private Arbitrary<Segment> segment(String parameter) {
        Arbitrary<Segment> real = Arbitraries.of(seeded.realIds().get(parameter)).map(id -> new Segment(id, true));
        Arbitrary<Segment> encoded = hostileIds().map(id -> new Segment(percentEncoded(id), false));
        // As sent, unencoded: stray % signs and characters a path should escape, but nothing that splits the path.
        Arbitrary<Segment> raw = Arbitraries.strings().withCharRange('!', '~').excludeChars('/', '?', '#')
                .ofMinLength(1).ofMaxLength(120).map(id -> new Segment(id, false));
        return Arbitraries.frequencyOf(Tuple.of(4, real), Tuple.of(4, encoded), Tuple.of(2, raw));
    }

    private Arbitrary<String> hostileIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(60).ofMaxLength(3000),
                Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(26),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars("-_")
                        .ofLength(43),
                Arbitraries.of("A".repeat(2000), "x".repeat(256), "..", "../../etc/passwd", "%zz", "%00", "\u0000",
                        "' OR '1'='1", "{\"$ne\":null}", "ORG#x#MEMBER#y", "\uD83D\uDE00", "\uD800", "null", " ", "\r\n",
                        "<script>alert(1)</script>"));
    }

    // --- query strings ------------------------------------------------------------------------------------------

    private Arbitrary<String> queries() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("limit", "cursor", "status", "include", "workspaceId",
                "permission", "actor", "action", "from", "to"), Arbitraries.strings().all().ofMaxLength(20));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of(seeded.cursors()),
                Arbitraries.of("-1", "0", "101", "1e9", "99999999999999999999", "NaN", "ten", "PENDING", "GONE",
                        "invitations", "read", "write", "billing", "root", "member.role_changed", "crm.*",
                        "2026-13-45T99:00:00Z", "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                        "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1000).ofMaxLength(4000));
        Arbitrary<String> encodedPairs = Combinators.combine(names, values)
                .as((name, value) -> percentEncoded(name) + "=" + percentEncoded(value))
                .list().ofMaxSize(4).map(pairs -> String.join("&", pairs));
        // As sent: bad percent-encoding and characters a query should escape, but nothing that ends the request line.
        Arbitrary<String> raw = Arbitraries.strings().withCharRange('!', '~').excludeChars('#').ofMaxLength(200);
        return Arbitraries.frequencyOf(Tuple.of(3, encodedPairs), Tuple.of(1, raw));
    }

    // --- headers ------------------------------------------------------------------------------------------------

    private Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.of("Content-Type", "Accept", "Stripe-Signature", "X-Forwarded-For", "Cookie",
                "Origin", "Content-Encoding", "Accept-Charset", "Accept-Language", "X-Amz-Date", "X-Roster-Anything");
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("application/json", "application/json; charset=utf-16", "application/octet-stream",
                        "text/plain", "text/csv", "multipart/form-data; boundary=x", "*/*", "gzip",
                        "t=99999999999999999999999,v1=" + "0".repeat(64), "t=1,v1=zz", "v1=,t=", "")),
                // visible ASCII and obs-text (bytes 0x80-0xFF), but no CR or LF: those would end the header
                Tuple.of(10, Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u0080', '\u00ff').ofMaxLength(200)),
                // over API Gateway's 10 KiB for the request line and headers
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(11_000).ofMaxLength(12_000)));
        return Arbitraries.maps(names, values).ofMaxSize(3);
    }

    // --- bodies -------------------------------------------------------------------------------------------------

    /** Bodies that no route accepts: each is malformed, of a wrong type, too large, or names a field none reads. */
    private Arbitrary<byte[]> invalidBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, malformedJson()),
                Tuple.of(3, mistypedObjects()),
                Tuple.of(2, objectsWithAnUnknownField()),
                Tuple.of(1, oversized()),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300)
                        .filter(text -> !isEmptyJsonObject(text)).map(HostileRequestsIT::utf8)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                        .filter(bytes -> !isEmptyJsonObject(new String(bytes, StandardCharsets.ISO_8859_1)))),
                Tuple.of(1, Arbitraries.of("[]", "[{}]", "1", "-0", "1e999", "\"x\"", "null", "true").map(HostileRequestsIT::utf8)));
    }

    /** A plausible request object, then broken: trailing tokens, a second value, a repeated key, or cut short. */
    private Arbitrary<byte[]> malformedJson() {
        Arbitrary<Map<String, String>> plausible = Arbitraries.maps(Arbitraries.of(FIELDS), plausibleValues())
                .ofMinSize(1).ofMaxSize(3);
        Arbitrary<String> trailing = Arbitraries.of(" trailing", "{}", "{\"name\":\"b\"}", "[", "]", "}", ",", "1", "null",
                "\u0000", "\"x\"");
        return Arbitraries.oneOf(
                Combinators.combine(plausible, trailing).as((fields, tail) -> object(fields) + tail),
                Combinators.combine(plausible, trailing).as((fields, tail) -> object(fields) + "\n" + tail),
                plausible.map(fields -> object(fields) + object(fields)),
                plausible.map(fields -> {
                    Map.Entry<String, String> first = fields.entrySet().iterator().next();
                    return "{\"" + first.getKey() + "\":" + first.getValue() + "," + object(fields).substring(1);
                }),
                plausible.map(HostileRequestsIT::object)
                        .flatMap(json -> Arbitraries.integers().between(1, json.length() - 1).map(cut -> json.substring(0, cut))))
                .map(HostileRequestsIT::utf8);
    }

    /** Fields every route reads, one of them with an object as its value, which no field takes. */
    private Arbitrary<byte[]> mistypedObjects() {
        Arbitrary<String> anyJson = Arbitraries.oneOf(plausibleValues(), Arbitraries.of("1", "-1", "2.5", "1e308", "true",
                "null", "[]", "[1,2]", "[[]]", "\"\"", "{}", "[{\"email\":1}]", "9".repeat(400)));
        return Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.maps(Arbitraries.of(FIELDS), anyJson).ofMaxSize(3))
                .as((mistyped, others) -> {
                    Map<String, String> fields = new LinkedHashMap<>(others);
                    fields.put(mistyped, "{\"nested\":true}");
                    return utf8(object(fields));
                });
    }

    private Arbitrary<byte[]> objectsWithAnUnknownField() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.maps(Arbitraries.of(FIELDS), plausibleValues()).ofMaxSize(3))
                .as((unknown, fields) -> {
                    Map<String, String> all = new LinkedHashMap<>(fields);
                    all.put("zz_" + unknown, "true");
                    return utf8(object(all));
                });
    }

    private Arbitrary<byte[]> oversized() {
        return Arbitraries.integers().between(MAX_BODY - 10, MAX_BODY + 4096)
                .map(size -> utf8("{\"name\":\"" + "n".repeat(size) + "\"}"));
    }

    /** JSON values a field might well be given: valid-looking, so only the breakage makes them wrong. */
    private Arbitrary<String> plausibleValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("\"Acme\"", "\"MEMBER\"", "\"ADMIN\"", "\"OWNER\"", "\"PRO\"", "\"crm\"", "[\"crm\"]", "[]",
                        "\"a@example.com\"", "\"" + "a".repeat(65) + "@example.com\"", "2", "0", "\"evt_1\"", "\"event\""),
                Arbitraries.of(seeded.realIds().values().stream().flatMap(List::stream).toList()).map(id -> "\"" + id + "\""));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void assertTableUnchanged(HostileRequest request) {
        List<Map<String, AttributeValue>> now = table();
        if (!now.equals(tableBefore)) {
            List<Map<String, AttributeValue>> added = new ArrayList<>(now);
            added.removeAll(tableBefore);
            List<Map<String, AttributeValue>> gone = new ArrayList<>(tableBefore);
            gone.removeAll(now);
            throw new AssertionError(request + " changed the table: new or changed " + added + ", gone or changed " + gone);
        }
    }

    /** The whole table, in key order. A Scan: test code only, on a table of a few dozen items. */
    private static List<Map<String, AttributeValue>> table() {
        DynamoDbClient dynamo = local.context().getBean(DynamoDbClient.class);
        String name = local.context().getBean(RosterSettings.class).table();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(name).consistentRead(true)).items().forEach(items::add);
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("PK").s())
                .thenComparing(item -> item.get("SK").s()));
        return items;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
        return json.append('}').toString();
    }

    /** Whether a body would pass as "no input": nothing but an empty object between JSON's whitespace. */
    private static boolean isEmptyJsonObject(String text) {
        return text.replaceAll("[ \t\r\n]", "").equals("{}");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every byte but RFC 3986's unreserved characters as %XX, so any string can travel in a path or query. */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "…(" + text.length() + " chars)";
    }
}
