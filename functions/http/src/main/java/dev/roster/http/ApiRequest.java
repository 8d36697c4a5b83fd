package dev.roster.http;

import dev.roster.core.domain.Caller;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;

import java.util.Map;
import java.util.Optional;

/** What a handler needs of an API Gateway HTTP API request, independent of the event class. */
public record ApiRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                         Map<String, String> headers, byte[] body, Optional<Caller> caller, String requestId) {

    /** A path parameter; those naming ids were checked by {@link ApiRouter} before the route ran. */
    public String path(String name) {
        return pathParameters.getOrDefault(name, "");
    }

    /** A request header; names are matched case-insensitively, as HTTP has them. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT))).filter(v -> !v.isEmpty());
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    /** A query parameter naming one of our ids; a value that cannot be such an id is that id's "not found". */
    public Optional<String> queryId(IdParameter id) {
        return query(id.parameterName()).map(id::require);
    }

    /** The signed-in caller; routes behind the JWT authorizer always have one in AWS. */
    public Caller requireCaller() {
        return caller.orElseThrow(() -> new RosterException(ErrorCode.UNAUTHENTICATED, "Sign in to use this route."));
    }
}
