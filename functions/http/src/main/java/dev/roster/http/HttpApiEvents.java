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
        return new ApiRequest(event.getRouteKey(),
                orEmpty(event.getPathParameters()), orEmpty(event.getQueryStringParameters()),
                lowerCaseKeys(event.getHeaders()), body(event), caller(event),
                context == null || context.getRequestId() == null ? "" : context.getRequestId());
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
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
    private static Optional<Caller> caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(sub, claims.get("email"), claims.get("name"),
                "true".equalsIgnoreCase(claims.get("email_verified"))));
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
