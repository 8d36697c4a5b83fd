package dev.roster.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.roster.core.domain.Caller;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads an API Gateway HTTP API (payload 2.0) event into an {@link ApiRequest}. */
final class HttpApiEvents {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private HttpApiEvents() {
    }

    static ApiRequest request(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var jwt = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().getJwt();
        return request(event.getRouteKey(), event.getPathParameters(), event.getQueryStringParameters(),
                event.getHeaders(), event.getBody(), event.getIsBase64Encoded(),
                context == null ? null : context.getRequestId(), jwt == null ? null : jwt.getClaims());
    }

    /** The same event as the Lambda runtime hands a handler that takes any JSON as a map. */
    static ApiRequest request(Map<String, Object> event) {
        Map<String, Object> context = object(event.get("requestContext"));
        Map<String, Object> jwt = object(object(context.get("authorizer")).get("jwt"));
        return request(text(event.get("routeKey")), strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")), strings(event.get("headers")), text(event.get("body")),
                Boolean.TRUE.equals(event.get("isBase64Encoded")), text(context.get("requestId")),
                jwt.containsKey("claims") ? strings(jwt.get("claims")) : null);
    }

    private static ApiRequest request(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                                      Map<String, String> headers, String body, boolean base64, String requestId,
                                      Map<String, String> claims) {
        return new ApiRequest(routeKey, orEmpty(pathParameters), orEmpty(query), lowerCaseKeys(headers),
                body(body, base64), caller(claims), requestId == null ? "" : requestId);
    }

    private static byte[] body(String body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes;
        try {
            bytes = base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RosterException(ErrorCode.MALFORMED_JSON, "The request body could not be decoded.");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RosterException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is " + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted.");
        }
        return bytes;
    }

    /** Identity from the JWT authorizer's claims; absent on routes without the authorizer. */
    private static Optional<Caller> caller(Map<String, String> claims) {
        if (claims == null) {
            return Optional.empty();
        }
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(sub, claims.get("email"), claims.get("name"),
                "true".equalsIgnoreCase(claims.get("email_verified"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> result = new HashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : v.toString()));
        return result;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> result = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> result.put(k.toLowerCase(java.util.Locale.ROOT), v));
        }
        return result;
    }
}
