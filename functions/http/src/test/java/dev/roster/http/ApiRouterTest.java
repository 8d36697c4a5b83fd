package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiRouterTest {

    private static final String REQUEST_ID = "req-0001";

    private static ApiRequest request(String routeKey) {
        return new ApiRequest(routeKey, Map.of(), Map.of(), Map.of(), new byte[0], Optional.empty(), REQUEST_ID);
    }

    private static APIGatewayV2HTTPResponse answer(ApiFunction.Route route) {
        ApiRouter router = new ApiRouter(Map.of("GET /thing", route), JsonMapper.createDefault());
        return router.handle("GET /thing", REQUEST_ID, () -> request("GET /thing"));
    }

    @Test
    void aDomainErrorIsAProblemCarryingItsCodeAndTheRequestId() {
        APIGatewayV2HTTPResponse res = answer(r -> {
            throw new RosterException(ErrorCode.SEAT_LIMIT_REACHED, "All seats are taken.");
        });
        assertEquals(409, res.getStatusCode());
        assertEquals("application/problem+json", res.getHeaders().get("Content-Type"));
        assertTrue(res.getBody().contains("\"code\":\"SEAT_LIMIT_REACHED\""), res.getBody());
        assertTrue(res.getBody().contains("\"requestId\":\"" + REQUEST_ID + "\""), res.getBody());
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatNamesNoClassAndCarriesTheRequestId() {
        APIGatewayV2HTTPResponse res = answer(r -> {
            throw new IllegalStateException("secret internals of dev.roster.Something");
        });
        assertEquals(500, res.getStatusCode());
        assertTrue(res.getBody().contains("\"requestId\":\"" + REQUEST_ID + "\""), res.getBody());
        assertFalse(res.getBody().contains("IllegalStateException") || res.getBody().contains("dev.roster"), res.getBody());
    }

    private static APIGatewayV2HTTPResponse answer(String routeKey, Map<String, String> path, ApiFunction.Route route) {
        ApiRouter router = new ApiRouter(Map.of(routeKey, route), JsonMapper.createDefault());
        return router.handle(routeKey, REQUEST_ID, () ->
                new ApiRequest(routeKey, path, Map.of(), Map.of(), new byte[0], Optional.empty(), REQUEST_ID));
    }

    @Test
    void aPathIdThatCannotBeOursIs404OfItsKindBeforeTheRouteRuns() {
        String routeKey = "DELETE /orgs/{orgId}/workspaces/{workspaceId}";
        ApiFunction.Route mustNotRun = r -> {
            throw new AssertionError("the route ran with " + r.pathParameters());
        };
        APIGatewayV2HTTPResponse res = answer(routeKey, Map.of("orgId", "01JORG", "workspaceId", "W".repeat(2000)), mustNotRun);
        assertEquals(404, res.getStatusCode());
        assertTrue(res.getBody().contains("\"code\":\"WORKSPACE_NOT_FOUND\""), res.getBody());

        APIGatewayV2HTTPResponse both = answer(routeKey, Map.of("orgId", "O".repeat(2000), "workspaceId", "%zz"), mustNotRun);
        assertTrue(both.getBody().contains("\"code\":\"ORG_NOT_FOUND\""), "the org is checked first: " + both.getBody());
    }

    @Test
    void possibleIdsReachTheRoute() {
        APIGatewayV2HTTPResponse res = answer("GET /orgs/{orgId}/members/{userId}",
                Map.of("orgId", "01JORG", "userId", "auth0|5f7c8ec7c33c6c004bbafe82"), r -> ApiResponse.noContent());
        assertEquals(204, res.getStatusCode());
    }

    @Test
    void aRouteWithAPathParameterNoIdParameterDescribesDoesNotStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new ApiRouter(Map.of("GET /orgs/{orgId}/things/{thingId}", r -> ApiResponse.noContent()), JsonMapper.createDefault()));
    }
}
