package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.json.ProblemJson;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs an HTTP API request: finds the route by its route key, refuses path ids that cannot be ours ({@link
 * IdParameter}), runs it, and answers JSON or a problem. Every failure becomes problem+json; nothing leaks a stack
 * trace.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final Map<String, ApiFunction.Route> routes;
    /** Each route's path parameters in path order, so an impossible orgId is answered before the ids under it. */
    private final Map<String, List<IdParameter>> pathIds;
    private final JsonMapper json;

    public ApiRouter(Map<String, ApiFunction.Route> routes, JsonMapper json) {
        this.routes = Map.copyOf(routes);
        this.pathIds = routes.keySet().stream().collect(Collectors.toUnmodifiableMap(key -> key, ApiRouter::pathIds));
        this.json = json;
    }

    /** Fails at start-up for a path parameter no {@link IdParameter} describes, so none goes unchecked. */
    private static List<IdParameter> pathIds(String routeKey) {
        List<IdParameter> ids = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(routeKey);
        while (m.find()) {
            String name = m.group(1);
            ids.add(IdParameter.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "Route " + routeKey + " has a path parameter {" + name + "} that no IdParameter describes")));
        }
        return List.copyOf(ids);
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    /**
     * Runs the request and logs one line about it: route (the route key, which holds no token), status, latency,
     * orgId (once checked to be a possible id), the caller's sub and the request id, as fields of the JSON line;
     * never a body, a header, a claim other than sub, or a query string.
     *
     * @param request reads the event; reading may itself fail with a problem (an oversized body, say)
     */
    public APIGatewayV2HTTPResponse handle(String routeKey, String requestId, Supplier<ApiRequest> request) {
        long started = System.nanoTime();
        MDC.put("requestId", requestId == null ? "" : requestId);
        MDC.put("route", String.valueOf(routeKey));
        APIGatewayV2HTTPResponse response = null;
        String outcome = "";
        try {
            response = run(routeKey, requestId, request);
            return response;
        } catch (RosterException e) {
            outcome = " " + e.code() + ": " + e.getMessage();
            response = problem(e, requestId);
            return response;
        } catch (RuntimeException e) {
            LOG.error("Unhandled failure", e);
            outcome = " " + ErrorCode.INTERNAL_ERROR;
            response = problem(Problems.unexpected(e), requestId);
            return response;
        } finally {
            int status = response == null ? 500 : response.getStatusCode();
            MDC.put("status", Integer.toString(status));
            MDC.put("latencyMs", Long.toString((System.nanoTime() - started) / 1_000_000));
            LOG.info("Answered {}{}", status, outcome);
            MDC.clear();
        }
    }

    private APIGatewayV2HTTPResponse run(String routeKey, String requestId, Supplier<ApiRequest> request) {
        ApiFunction.Route route = routes.get(routeKey);
        if (route == null) {
            throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "This function does not serve " + routeKey + ".");
        }
        ApiRequest read = request.get();
        read.caller().ifPresent(caller -> MDC.put("sub", caller.userId()));
        pathIds.get(routeKey).forEach(id -> id.require(read.path(id.parameterName())));
        if (pathIds.get(routeKey).contains(IdParameter.ORG_ID)) {
            MDC.put("orgId", read.path(IdParameter.ORG_ID.parameterName()));
        }
        return respond(route.handle(read), requestId);
    }

    /**
     * For a function that takes HTTP API events among other events, so the Lambda runtime hands them over as
     * plain JSON maps: the same handling, with the response as the map API Gateway reads.
     */
    public Map<String, Object> handle(Map<String, Object> event) {
        Object context = event.get("requestContext");
        Object requestId = context instanceof Map<?, ?> c ? c.get("requestId") : null;
        APIGatewayV2HTTPResponse response = handle(String.valueOf(event.get("routeKey")),
                requestId == null ? null : requestId.toString(), () -> HttpApiEvents.request(event));
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("statusCode", response.getStatusCode());
        wire.put("headers", response.getHeaders());
        if (response.getBody() != null) {
            wire.put("body", response.getBody());
        }
        wire.put("isBase64Encoded", false);
        return wire;
    }

    private APIGatewayV2HTTPResponse respond(ApiResponse response, String requestId) {
        Map<String, String> headers = withRequestId(new HashMap<>(response.headers()), requestId);
        if (response.body() == null) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers).build();
        }
        if (response.body() instanceof ApiResponse.Text text) {
            headers.put("Content-Type", text.contentType());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                    .withBody(text.content()).build();
        }
        headers.put("Content-Type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                .withBody(write(response.body())).build();
    }

    private APIGatewayV2HTTPResponse problem(RosterException e, String requestId) {
        Map<String, String> headers = withRequestId(new HashMap<>(Map.of("Content-Type", "application/problem+json")),
                requestId);
        if (e.retryAfter() != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        ProblemJson body = Problems.of(e, requestId);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(body.status()).withHeaders(headers)
                .withBody(write(body)).build();
    }

    /** Every answer names its request, so a client can quote it and an operator find its log lines. */
    private static Map<String, String> withRequestId(Map<String, String> headers, String requestId) {
        if (requestId != null) {
            headers.put("x-request-id", requestId);
        }
        return headers;
    }

    private String write(Object body) {
        try {
            return new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Response could not be serialised", e);
        }
    }
}
