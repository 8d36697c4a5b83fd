package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.roster.core.domain.Caller;
import dev.roster.logging.JsonLayout;
import io.micronaut.core.type.Argument;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
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

    /** The JSON lines ApiRouter logged while {@code run} ran, as the function's log group receives them. */
    private static List<Map<String, Object>> logLines(Runnable run) throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ApiRouter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            run.run();
        } finally {
            logger.detachAppender(appender);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            lines.add(JsonMapper.createDefault().readValue(new JsonLayout().doLayout(event), Argument.mapOf(String.class, Object.class)));
        }
        return lines;
    }

    @Test
    void eachRequestLogsOneLineWithRouteStatusLatencyOrgCallerAndRequestIdButNoBodyEmailOrToken() throws Exception {
        String routeKey = "POST /orgs/{orgId}/invitations";
        String orgId = "01JDSAMPLE0RG0000000000000";
        ApiRouter router = new ApiRouter(Map.of(routeKey, r -> ApiResponse.created(Map.of("ok", true))), JsonMapper.createDefault());
        ApiRequest request = new ApiRequest(routeKey, Map.of("orgId", orgId), Map.of("q", "ivan@example.com"),
                Map.of("authorization", "Bearer secret-token"), "{\"email\":\"ivan@example.com\"}".getBytes(),
                Optional.of(new Caller("user-olivia", "olivia@example.com", "Olivia", true)), REQUEST_ID);

        List<Map<String, Object>> lines = logLines(() -> router.handle(routeKey, REQUEST_ID, () -> request));

        assertEquals(1, lines.size(), lines::toString);
        Map<String, Object> line = lines.get(0);
        assertEquals(routeKey, line.get("route"));
        assertEquals("201", line.get("status"));
        assertTrue(Long.parseLong((String) line.get("latencyMs")) >= 0);
        assertEquals(orgId, line.get("orgId"));
        assertEquals("user-olivia", line.get("sub"));
        assertEquals(REQUEST_ID, line.get("requestId"));
        String text = lines.toString();
        for (String secret : List.of("ivan@example.com", "olivia@example.com", "secret-token", "Olivia\"")) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
    }

    @Test
    void aProblemIsLoggedOnceWithItsStatusAndCodeAndAnImpossibleOrgIdIsNotLogged() throws Exception {
        String routeKey = "GET /orgs/{orgId}";
        ApiRouter router = new ApiRouter(Map.of(routeKey, r -> ApiResponse.ok(Map.of())), JsonMapper.createDefault());

        List<Map<String, Object>> lines = logLines(() -> router.handle(routeKey, REQUEST_ID, () -> new ApiRequest(routeKey,
                Map.of("orgId", "<script>"), Map.of(), Map.of(), new byte[0], Optional.empty(), REQUEST_ID)));

        assertEquals(1, lines.size(), lines::toString);
        assertEquals("404", lines.get(0).get("status"));
        assertTrue(String.valueOf(lines.get(0).get("message")).contains("ORG_NOT_FOUND"), lines::toString);
        assertFalse(lines.get(0).containsKey("orgId"), lines::toString);
        assertFalse(lines.get(0).containsKey("sub"), lines::toString);
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
