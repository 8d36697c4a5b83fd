package dev.roster.runtime;

import dev.roster.local.HttpApiEventFactory;
import dev.roster.local.TemplateRoutes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP API in front of the deployed functions: matches a request against template.yaml's routes, refuses what
 * the JWT authorizer would refuse, hands the function the payload-2.0 event API Gateway builds (with the
 * authorizer's claims, all strings) and turns its answer back into an HTTP response.
 */
public final class ApiGateway {

    /** A request as a browser or Stripe sends it; {@code claims} are what the JWT authorizer validated, or null. */
    public record Request(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
                          Map<String, String> claims, boolean binaryBody) {
    }

    /** The HTTP response; {@code functionError} is the error the function reported to its runtime, if any. */
    public record Response(int status, Map<String, String> headers, String body, String functionError) {
    }

    private final List<TemplateRoutes.RouteDef> routes;
    private final Map<String, DeployedFunction> functions;
    private final HttpApiEventFactory events;
    private final JsonMapper json;

    public ApiGateway(List<TemplateRoutes.RouteDef> routes, Map<String, DeployedFunction> functionsByLogicalId,
                      JsonMapper json) {
        this.routes = routes;
        this.functions = functionsByLogicalId;
        this.events = new HttpApiEventFactory(json);
        this.json = json;
    }

    public Response send(Request request) throws Exception {
        int q = request.pathAndQuery().indexOf('?');
        String path = q < 0 ? request.pathAndQuery() : request.pathAndQuery().substring(0, q);
        String query = q < 0 ? null : request.pathAndQuery().substring(q + 1);
        for (TemplateRoutes.RouteDef route : routes) {
            Map<String, String> parameters = route.match(request.method(), path);
            if (parameters == null) {
                continue;
            }
            if (route.authorized() && request.claims() == null) {
                return new Response(401, Map.of("content-type", "application/json"), "{\"message\":\"Unauthorized\"}", null);
            }
            String event = events.eventJson(new HttpApiEventFactory.Incoming(request.method(), path, query,
                    request.headers(), request.body(), "203.0.113.7", UUID.randomUUID().toString()), route.routeKey(), parameters,
                    route.authorized() ? request.claims() : null, Instant.now());
            if (request.binaryBody()) {
                event = asBinary(event, request.body());
            }
            RuntimeApiEmulator.Answer answer = functions.get(route.function()).invoke(event);
            if (answer.failed()) {
                return new Response(500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}", answer.text());
            }
            HttpApiEventFactory.Outgoing out = events.fromResponse(answer.text());
            return new Response(out.status(), out.headers(), new String(out.body(), StandardCharsets.UTF_8), null);
        }
        return new Response(404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}", null);
    }

    /** API Gateway base64-encodes a body it does not take for text. */
    private String asBinary(String event, byte[] body) throws Exception {
        Map<String, Object> map = json.readValue(event, Argument.mapOf(String.class, Object.class));
        map.put("body", Base64.getEncoder().encodeToString(body));
        map.put("isBase64Encoded", true);
        return new String(json.writeValueAsBytes(map), StandardCharsets.UTF_8);
    }
}
