package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.json.ProblemJson;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Lambda function behind the HTTP API: finds the route by the event's route key, runs it, and answers JSON or
 * a problem. Subclasses only declare their routes, each a call of one use case.
 */
public abstract class ApiFunction extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFunction.class);

    /** One route: a request in, a response out. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request);
    }

    @Inject
    protected JsonMapper json;

    private final Map<String, Route> routes;

    protected ApiFunction() {
        super();
        this.routes = Map.copyOf(routes());
    }

    /** For the local API, which serves every function from one application context. */
    protected ApiFunction(ApplicationContext context) {
        super(context);
        this.routes = Map.copyOf(routes());
    }

    /** Route keys as API Gateway writes them, e.g. {@code POST /orgs/{orgId}/invitations}, to their routes. */
    protected abstract Map<String, Route> routes();

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        MDC.put("requestId", requestId == null ? "" : requestId);
        MDC.put("route", String.valueOf(event.getRouteKey()));
        try {
            Route route = routes.get(event.getRouteKey());
            if (route == null) {
                throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "This function does not serve " + event.getRouteKey() + ".");
            }
            return respond(route.handle(HttpApiEvents.request(event)));
        } catch (RosterException e) {
            LOG.info("Answered {} {}: {}", e.code().status(), e.code(), e.getMessage());
            return problem(e);
        } catch (RuntimeException e) {
            LOG.error("Unhandled failure", e);
            return problem(Problems.unexpected(e));
        } finally {
            MDC.clear();
        }
    }

    private APIGatewayV2HTTPResponse respond(ApiResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
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

    private APIGatewayV2HTTPResponse problem(RosterException e) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/problem+json"));
        if (e.retryAfter() != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        ProblemJson body = Problems.of(e);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(body.status()).withHeaders(headers)
                .withBody(write(body)).build();
    }

    private String write(Object body) {
        try {
            return new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Response could not be serialised", e);
        }
    }
}
