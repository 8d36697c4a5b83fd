package dev.roster.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /orgs/{orgId}/audit: newest first, filtered by actor, action and time, paginated, and as CSV. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogApiIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T08:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of(), clock);
    private final ApiClient api = stack.api();
    private Fixture.Org org;
    private ApiClient.User admin;
    private ApiClient.User plain;
    private String auditPath;

    @BeforeAll
    void recordAHistory() {
        Fixture fx = stack.fixture();
        org = fx.org("PRO", 0);                                    // 08:00 org.created, seats.changed
        clock.advance(Duration.ofHours(1));
        admin = fx.member(org, "admin", "ADMIN");                   // 09:00 invitation.created, invitation.accepted
        clock.advance(Duration.ofHours(1));
        ApiClient.User ivan = fx.member(org, "ivan", "VIEWER");     // 10:00 invitation.created (by owner), accepted
        clock.advance(Duration.ofHours(1));
        api.patch(memberPath(org, ivan), admin, Map.of("role", "MEMBER"));   // 11:00 member.role_changed by admin
        clock.advance(Duration.ofMinutes(1));
        api.post(memberPath(org, ivan) + "/suspend", admin, (String) null);  // 11:01 member.suspended by admin
        clock.advance(Duration.ofMinutes(1));
        api.post("/orgs/" + org.id() + "/workspaces", org.owner(), Map.of("name", "=HYPERLINK(\"http://evil\")")); // 11:02
        clock.advance(Duration.ofHours(1));
        plain = fx.member(org, "plain", "MEMBER");                  // 12:02 invitation.created, invitation.accepted
        auditPath = "/orgs/" + org.id() + "/audit";
    }

    private List<String> actions(ApiClient.Res res) {
        assertEquals(200, res.status(), res::toString);
        return res.list("items").stream().map(i -> (String) ((Map<?, ?>) i).get("action")).toList();
    }

    @Test
    void entriesComeNewestFirstWithEveryField() {
        ApiClient.Res res = api.get(auditPath, org.owner());

        List<String> actions = actions(res);
        assertEquals(11, actions.size(), actions::toString);
        assertEquals(java.util.Set.of("org.created", "seats.changed"), java.util.Set.copyOf(actions.subList(9, 11)),
                "the org's first entries, made in the same millisecond, come last");
        assertEquals("workspace.created", actions.get(2));
        List<String> times = res.list("items").stream().map(i -> (String) ((Map<?, ?>) i).get("time")).toList();
        assertEquals(times.stream().sorted(java.util.Comparator.reverseOrder()).toList(), times);
        for (String field : List.of("id", "time", "actor", "action", "target", "before", "after", "requestId")) {
            assertTrue(res.at("items[0]." + field) != null, field);
        }
        assertNull(res.at("nextCursor"));
    }

    @Test
    void filtersByActorActionAndTimeCombine() {
        assertEquals(List.of("member.suspended", "member.role_changed"),
                actions(api.get(auditPath + "?actor=" + admin.sub(), org.owner())).subList(0, 2));
        assertEquals(List.of("invitation.accepted", "invitation.accepted", "invitation.accepted"),
                actions(api.get(auditPath + "?action=invitation.accepted", org.owner())));
        assertEquals(List.of("invitation.accepted", "invitation.created"), actions(api.get(auditPath
                + "?from=2026-09-01T09:30:00Z&to=2026-09-01T10:30:00Z", org.owner())).stream().sorted().toList());
        assertEquals(List.of("member.role_changed"), actions(api.get(auditPath
                + "?actor=" + admin.sub() + "&action=member.role_changed&from=2026-09-01T11:00:00Z", org.owner())));
        assertEquals(List.of(), actions(api.get(auditPath + "?to=2026-09-01T07:00:00Z", org.owner())));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Res page = api.get(auditPath + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertEquals(200, page.status(), page::toString);
            page.list("items").forEach(i -> ids.add((String) ((Map<?, ?>) i).get("id")));
            cursor = page.str("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(11, ids.size());
        assertEquals(11, new java.util.HashSet<>(ids).size());
        assertTrue(pages >= 6, "pages: " + pages);
    }

    @Test
    void csvExportHasTheSameEntriesAndDefusesFormulas() {
        ApiClient.Res json = api.get(auditPath + "?limit=100", org.owner());
        ApiClient.Res csv = api.send("GET", auditPath + "?limit=100", org.owner(), null, Map.of("accept", "text/csv"));

        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.header("content-type").startsWith("text/csv"), csv.header("content-type"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("id,time,actor,action,target,before,after,requestId", lines.get(0));
        assertEquals(json.list("items").size() + 1, lines.size());
        for (int i = 0; i < json.list("items").size(); i++) {
            assertTrue(lines.get(i + 1).startsWith(json.str("items[" + i + "].id") + ","), lines.get(i + 1));
        }
        String workspaceLine = lines.stream().filter(l -> l.contains("workspace.created")).findFirst().orElseThrow();
        assertTrue(workspaceLine.contains("\"{\"\"name\"\":\"\"=HYPERLINK("), workspaceLine);
    }

    @Test
    void numbersInBeforeAndAfterStayWholeNumbers() {
        ApiClient.Res seats = api.get(auditPath + "?action=seats.changed", org.owner());
        assertEquals(10, seats.at("items[0].after.seatLimit"), seats::toString);
        assertEquals(0, seats.at("items[0].after.extraSeats"), seats::toString);
        ApiClient.Res csv = api.send("GET", auditPath + "?action=seats.changed", org.owner(), null, Map.of("accept", "text/csv"));
        assertTrue(csv.body().contains("\"\"seatLimit\"\":10"), csv.body());
    }

    @Test
    void badFiltersAre400AndOnlyOwnersAndAdminsMayRead() {
        for (String query : List.of("?action=member.exploded", "?from=yesterday", "?from=2026-09-02T00:00:00Z&to=2026-09-01T00:00:00Z",
                "?limit=0", "?cursor=bm9wZQ")) {
            ApiClient.Res res = api.get(auditPath + query, org.owner());
            assertEquals(400, res.status(), () -> query + " " + res);
        }
        assertEquals(403, api.get(auditPath, plain).status());
    }
}
