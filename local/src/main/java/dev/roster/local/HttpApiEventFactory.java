package dev.roster.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload-2.0 event API Gateway sends for an HTTP API request, as JSON, and reads the function's
 * response JSON back into an HTTP response.
 */
public final class HttpApiEventFactory {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    public HttpApiEventFactory(JsonMapper json) {
        this.json = json;
    }

    /** The request as an HTTP request arrived, with the id API Gateway gives each request. */
    public record Incoming(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                           String sourceIp, String requestId) {

        /** The first value of a header, its name matched case-insensitively; null if absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** The response as API Gateway returns it. */
    public record Outgoing(int status, Map<String, String> headers, byte[] body) {
    }

    public String eventJson(Incoming in, String routeKey, Map<String, String> pathParameters, Map<String, String> claims,
                     Instant now) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = null;
        for (Map.Entry<String, List<String>> h : in.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                cookies = List.of(String.join("; ", h.getValue()).split(";\\s*"));
            } else {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", in.method());
        http.put("path", in.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", in.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (claims != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of())));
        }
        context.put("domainName", headers.getOrDefault("host", "localhost"));
        context.put("domainPrefix", headers.getOrDefault("host", "localhost").split("[.:]")[0]);
        context.put("http", http);
        context.put("requestId", in.requestId());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", in.rawPath());
        event.put("rawQueryString", in.rawQuery() == null ? "" : in.rawQuery());
        if (cookies != null) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, String> query = queryParameters(in.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (in.body().length > 0) {
            String text = textOrNull(in.body(), headers.get("content-type"));
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(in.body()));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8);
    }

    public Outgoing fromResponse(String responseJson) throws IOException {
        Map<String, Object> wire = json.readValue(responseJson, Argument.mapOf(String.class, Object.class));
        Map<String, String> headers = new LinkedHashMap<>();
        if (wire.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        Object body = wire.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(wire.get("isBase64Encoded")) ? Base64.getDecoder().decode(String.valueOf(body))
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        int status = wire.get("statusCode") instanceof Number n ? n.intValue() : 200;
        return new Outgoing(status, headers, bytes);
    }

    /** Repeated parameters are joined with commas, as API Gateway does. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.merge(name, value, (a, b) -> a + "," + b);
        }
        return result;
    }

    private static String decode(String value) {
        try {
            return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** API Gateway passes text bodies as they are and base64-encodes the rest. */
    private static String textOrNull(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
