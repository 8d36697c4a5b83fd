package dev.roster.http;

import dev.roster.core.domain.InvitationToken;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrimingTest {

    @Test
    void primingRequestsComeFromACallerOfNoOrgAboutIdsNothingHas() {
        var event = Priming.event("GET /orgs/{orgId}/members/{userId}");

        assertEquals(Map.of("orgId", Priming.ID, "userId", Priming.ID), event.getPathParameters());
        assertEquals("/orgs/" + Priming.ID + "/members/" + Priming.ID, event.getRawPath());
        assertEquals(Priming.ID, HttpApiEvents.request(event).requireCaller().userId());
        assertNull(event.getBody());
    }

    @Test
    void anInvitationTokenIsWellFormedSoItIsLookedUpRatherThanRefusedUnread() {
        var event = Priming.event("POST /invitations/{token}/accept");

        assertTrue(InvitationToken.isWellFormed(event.getPathParameters().get("token")));
        assertEquals("{}", event.getBody());
    }

    @Test
    void theMapFormReadsAsTheSameRequest() {
        String route = "POST /orgs/{orgId}/billing/checkout";
        ApiRequest typed = HttpApiEvents.request(Priming.event(route));
        ApiRequest map = HttpApiEvents.request(Priming.eventMap(route));

        assertEquals(typed.routeKey(), map.routeKey());
        assertEquals(typed.path("orgId"), map.path("orgId"));
        assertEquals(typed.requireCaller(), map.requireCaller());
        assertArrayEquals(typed.body(), map.body());
    }
}
