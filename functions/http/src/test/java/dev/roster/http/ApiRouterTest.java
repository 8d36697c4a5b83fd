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
}
