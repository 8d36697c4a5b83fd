package dev.roster.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds orgs and invitations through the API for the tests. */
final class Fixture {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final ApiClient api;

    Fixture(ApiClient api) {
        this.api = api;
    }

    record Org(String id, ApiClient.User owner) {
    }

    static String uniqueEmail(String name) {
        return name + "-" + SEQUENCE.incrementAndGet() + "@example.com";
    }

    ApiClient.User user(String name) {
        return api.user(uniqueEmail(name), name);
    }

    Org org(String plan, int extraSeats) {
        ApiClient.User owner = user("owner");
        ApiClient.Res created = api.post("/orgs", owner, Map.of("name", "Org " + SEQUENCE.incrementAndGet()));
        assertEquals(201, created.status(), created::toString);
        String id = created.str("id");
        if (!plan.equals("FREE")) {
            ApiClient.Res planned = api.post("/_local/orgs/" + id + "/plan", null, Map.of("plan", plan, "extraSeats", extraSeats));
            assertEquals(200, planned.status(), planned::toString);
        }
        return new Org(id, owner);
    }

    ApiClient.Res invite(Org org, ApiClient.User by, String email, String role) {
        return api.post("/orgs/" + org.id() + "/invitations", by, Map.of("email", email, "role", role));
    }

    /** Invites and returns the raw token from the invite URL. */
    String invited(Org org, String email, String role) {
        ApiClient.Res res = invite(org, org.owner(), email, role);
        assertEquals(201, res.status(), res::toString);
        return token(res);
    }

    static String token(ApiClient.Res issued) {
        String url = issued.str("inviteUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Invites {@code name} as {@code role} and has them accept; returns the member. */
    ApiClient.User member(Org org, String name, String role) {
        ApiClient.User user = user(name);
        String token = invited(org, user.email(), role);
        ApiClient.Res accepted = api.post("/invitations/" + token + "/accept", user, (String) null);
        assertEquals(200, accepted.status(), accepted::toString);
        return user;
    }

    /** A member suspended by the owner. */
    ApiClient.User suspended(Org org, String name, String role) {
        ApiClient.User user = member(org, name, role);
        ApiClient.Res res = api.post(memberPath(org, user) + "/suspend", org.owner(), (String) null);
        assertEquals(200, res.status(), res::toString);
        return user;
    }

    static String memberPath(Org org, ApiClient.User user) {
        return "/orgs/" + org.id() + "/members/" + user.sub();
    }

    /** The member as the owner sees it. */
    ApiClient.Res memberOf(Org org, ApiClient.User user) {
        return api.get(memberPath(org, user), org.owner());
    }

    ApiClient.Res org(Org org) {
        return api.get("/orgs/" + org.id(), org.owner());
    }

    List<?> invitations(Org org, String query) {
        ApiClient.Res res = api.get("/orgs/" + org.id() + "/invitations" + query, org.owner());
        assertEquals(200, res.status(), res::toString);
        return res.list("items");
    }
}
