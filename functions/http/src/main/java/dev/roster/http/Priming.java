package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests that run an HTTP function's request path before SnapStart takes its snapshot (CRaC's
 * {@code beforeCheckpoint}), so the snapshot holds loaded classes, built serializers and an exercised SDK client.
 * They come from a caller who belongs to no org, about ids that do not exist, so each ends in a read and a 4xx:
 * nothing is written. A function leaves out a route that any caller may use to create something.
 */
public final class Priming {

    /** Used for every path parameter and as the caller's subject: no org, member or invitation has it. */
    public static final String ID = "roster-priming";
    /** An invitation token of the well-formed length, so the priming request looks it up rather than refusing it. */
    static final String TOKEN = ID + "-" + "0".repeat(28);
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private Priming() {
    }

    /** Runs each route's priming request; a failure is logged, never thrown, so the snapshot is still taken. */
    public static void run(String function, Collection<String> routeKeys, Consumer<String> route) {
        long start = System.nanoTime();
        int failed = 0;
        for (String routeKey : routeKeys) {
            try {
                route.accept(routeKey);
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Priming {} on {} failed: {}", function, routeKey, e.toString());
            }
        }
        LOG.info("Primed {}: {} route(s), {} failed, in {} ms", function, routeKeys.size(), failed,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The priming request for a route, as API Gateway would send it. */
    public static APIGatewayV2HTTPEvent event(String routeKey) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims()).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(ID)
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(path(routeKey))
                .withPathParameters(pathParameters(routeKey)).withHeaders(Map.of("content-type", "application/json"))
                .withBody(body(routeKey)).withIsBase64Encoded(false).withRequestContext(context).build();
    }

    /** The same request as the plain JSON map a handler taking any event receives. */
    public static Map<String, Object> eventMap(String routeKey) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routeKey", routeKey);
        event.put("rawPath", path(routeKey));
        event.put("pathParameters", pathParameters(routeKey));
        event.put("headers", Map.of("content-type", "application/json"));
        String body = body(routeKey);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        event.put("requestContext", Map.of("requestId", ID, "authorizer", Map.of("jwt", Map.of("claims", claims()))));
        return event;
    }

    private static Map<String, String> claims() {
        return Map.of("sub", ID, "email", ID + "@roster.invalid", "email_verified", "true");
    }

    private static Map<String, String> pathParameters(String routeKey) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher m = PARAMETER.matcher(routeKey);
        while (m.find()) {
            parameters.put(m.group(1), m.group(1).equals("token") ? TOKEN : ID);
        }
        return parameters;
    }

    private static String path(String routeKey) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (Map.Entry<String, String> parameter : pathParameters(routeKey).entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        return path;
    }

    private static String body(String routeKey) {
        return routeKey.startsWith("GET ") || routeKey.startsWith("DELETE ") ? null : "{}";
    }
}
