package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mutating route, through the local API, produces exactly one event of its type: the committed audit entry
 * travels the table's stream to the event publisher, which appends it to events.jsonl.
 */
class DomainEventsIT {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-08-03T09:00:00Z"));
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_RESEND_COOLDOWN", "PT0S"), clock);
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    private List<Map<String, Object>> events() {
        if (!Files.exists(stack.local().eventsFile())) {
            return List.of();
        }
        try {
            List<Map<String, Object>> result = new ArrayList<>();
            for (String line : Files.readAllLines(stack.local().eventsFile())) {
                result.add(new ApiClient.Res(200, Map.of(), line).map());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code action} and checks that exactly the events of {@code types} follow it. */
    private <T> T expect(List<String> types, Supplier<T> action) {
        int before = events().size();
        T result = action.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (events().size() < before + types.size() && System.nanoTime() < deadline) {
            pause(50);
        }
        pause(400);
        List<Map<String, Object>> fresh = events().subList(before, events().size());
        assertEquals(types.stream().sorted().toList(),
                fresh.stream().map(e -> (String) e.get("detailType")).sorted().toList(), () -> "after " + result);
        for (Map<String, Object> event : fresh) {
            assertEquals("roster", event.get("source"));
            Map<?, ?> detail = (Map<?, ?>) event.get("detail");
            assertEquals(event.get("detailType"), detail.get("action"));
            assertTrue(detail.get("id") instanceof String && detail.get("orgId") instanceof String, detail::toString);
        }
        return result;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyMutatingRouteProducesExactlyOneEventOfItsType() {
        ApiClient.User owner = fx.user("owner");
        ApiClient.Res created = expect(List.of("org.created"), () -> api.post("/orgs", owner, Map.of("name", "Evented")));
        Fixture.Org org = new Fixture.Org(created.str("id"), owner);
        String orgPath = "/orgs/" + org.id();
        expect(List.of("seats.changed"), () -> api.post("/_local/orgs/" + org.id() + "/plan", null, Map.of("plan", "PRO")));

        ApiClient.User ivan = fx.user("ivan");
        ApiClient.Res invited = expect(List.of("invitation.created"), () -> fx.invite(org, owner, ivan.email(), "MEMBER"));
        ApiClient.Res resent = expect(List.of("invitation.resent"),
                () -> api.post(orgPath + "/invitations/" + invited.str("invitation.id") + "/resend", owner, (String) null));
        expect(List.of("invitation.accepted"),
                () -> api.post("/invitations/" + Fixture.token(resent) + "/accept", ivan, (String) null));
        ApiClient.Res bulk = expect(List.of("invitation.created", "invitation.created"), () -> api.post(orgPath + "/invitations",
                owner, Map.of("invitations", List.of(Map.of("email", Fixture.uniqueEmail("b1"), "role", "VIEWER"),
                        Map.of("email", Fixture.uniqueEmail("b2"), "role", "VIEWER")))));
        expect(List.of("invitation.revoked"), () -> api.delete(orgPath + "/invitations/"
                + ((Map<?, ?>) ((Map<?, ?>) bulk.list("results").get(0)).get("invitation")).get("id"), owner));
        ApiClient.User dana = fx.user("dana");
        String declined = expect(List.of("invitation.created"), () -> fx.invited(org, dana.email(), "MEMBER"));
        expect(List.of("invitation.declined"), () -> api.post("/invitations/" + declined + "/decline", dana, (String) null));

        ApiClient.Res workspace = expect(List.of("workspace.created"),
                () -> api.post(orgPath + "/workspaces", owner, Map.of("name", "North")));
        expect(List.of("member.role_changed"), () -> api.patch(memberPath(org, ivan), owner, Map.of("role", "ADMIN")));
        expect(List.of("member.access_changed"),
                () -> api.patch(memberPath(org, ivan), owner, Map.of("workspaceIds", List.of(workspace.str("id")))));
        expect(List.of("workspace.deleted"), () -> api.delete(orgPath + "/workspaces/" + workspace.str("id"), owner));
        expect(List.of("member.suspended"), () -> api.post(memberPath(org, ivan) + "/suspend", owner, (String) null));
        expect(List.of("member.reactivated"), () -> api.post(memberPath(org, ivan) + "/reactivate", owner, (String) null));
        expect(List.of("org.ownership_transferred"),
                () -> api.post(orgPath + "/transfer-ownership", owner, Map.of("userId", ivan.sub())));
        expect(List.of("member.left"), () -> api.post(orgPath + "/leave", owner, (String) null));

        ApiClient.User rita = fx.user("rita");
        String ritaToken = expect(List.of("invitation.created"), () -> {
            ApiClient.Res res = fx.invite(org, ivan, rita.email(), "MEMBER");
            return Fixture.token(res);
        });
        expect(List.of("invitation.accepted"), () -> api.post("/invitations/" + ritaToken + "/accept", rita, (String) null));
        expect(List.of("member.removed"), () -> api.delete(memberPath(org, rita), ivan));

        expect(List.of("invitation.created"), () -> fx.invite(org, ivan, Fixture.uniqueEmail("late"), "MEMBER"));
        clock.advance(Duration.ofDays(8));
        expect(List.of("invitation.expired", "invitation.expired"), () -> api.post("/_local/run/invitation-expiry", null, (String) null));

        List<Map<String, Object>> all = events();
        assertEquals(all.size(), new HashSet<>(all.stream().map(e -> ((Map<?, ?>) e.get("detail")).get("id")).toList()).size(),
                "each audit entry is published once");
    }
}
