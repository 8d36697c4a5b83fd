package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.port.WarmUp;
import dev.roster.logging.UnconvertibleEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.Map;
import java.util.Set;

/**
 * A Lambda function behind the HTTP API. Subclasses only declare their routes, each a call of one use case;
 * {@link ApiRouter} runs them. Under SnapStart, each route is primed before the snapshot (see {@link Priming}).
 */
public abstract class ApiFunction extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>
        implements Resource {

    /** One route: a request in, a response out. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request);
    }

    @Inject
    protected JsonMapper json;

    @Inject
    protected RosterSettings settings;

    private final ApiRouter router;

    protected ApiFunction() {
        super();
        this.router = new ApiRouter(routes(), json);
        Core.getGlobalContext().register(this);
    }

    /** For the local API, which serves every function from one application context. */
    protected ApiFunction(ApplicationContext context) {
        super(context);
        this.router = new ApiRouter(routes(), json);
    }

    /** The tool permissions of this deployment, which member answers list in full for OWNER and ADMIN. */
    protected Set<String> catalog() {
        return settings.permissionCatalog();
    }

    /** Route keys as API Gateway writes them, e.g. {@code POST /orgs/{orgId}/invitations}, to their routes. */
    protected abstract Map<String, Route> routes();

    public Set<String> routeKeys() {
        return router.routeKeys();
    }

    /** The routes primed before a snapshot: all of them, unless a function leaves out one that creates. */
    protected Set<String> primedRoutes() {
        return routeKeys();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        WarmUp.all(getApplicationContext());
        Priming.run(getClass().getSimpleName(), primedRoutes(), route -> execute(Priming.event(route)));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the SDK re-opens connections and refreshes credentials as it needs them.
    }

    /**
     * Reached only when the runtime did not build the event itself, as with a {@code Handler} naming a method:
     * refused without Micronaut's own message, which would carry the whole event (claims, body, tokens) into the
     * error report and the logs.
     */
    @Override
    protected APIGatewayV2HTTPEvent convertInput(Object input) {
        throw new IllegalArgumentException(UnconvertibleEvent.describe(input, APIGatewayV2HTTPEvent.class));
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return router.handle(event.getRouteKey(), requestId, () -> HttpApiEvents.request(event));
    }
}
