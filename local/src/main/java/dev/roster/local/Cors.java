package dev.roster.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CORS configuration template.yaml gives the HTTP API, as API Gateway applies it: a preflight from any origin is
 * answered before routes and authorizers run, with the CORS headers only for an allowed origin; every answer to an
 * allowed origin carries its {@code Access-Control-Allow-Origin} and the exposed headers.
 */
final class Cors {

    static final String DEFAULT_ORIGINS = "http://localhost:5173,http://localhost:3000";
    static final String METHODS = "GET,POST,PATCH,DELETE,OPTIONS";
    static final String HEADERS = "authorization,content-type,accept,idempotency-key";
    static final String EXPOSED = "x-next-cursor,retry-after,x-request-id";
    static final int MAX_AGE_SECONDS = 600;

    private final Set<String> allowedOrigins;

    Cors(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /** From {@code ROSTER_ALLOWED_ORIGINS}: comma-separated origins such as {@code https://app.example.com}. */
    static Cors fromSetting(String setting) {
        String value = setting == null || setting.isBlank() ? DEFAULT_ORIGINS : setting;
        Set<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("ROSTER_ALLOWED_ORIGINS: '" + origin
                        + "' is not an origin such as https://app.example.com (scheme and host, no path)");
            }
        }
        return new Cors(origins);
    }

    boolean isPreflight(HttpApiEventFactory.Incoming request) {
        return "OPTIONS".equalsIgnoreCase(request.method()) && request.header("Origin") != null
                && request.header("Access-Control-Request-Method") != null;
    }

    /** API Gateway's own answer to a preflight: 204, with the CORS headers only for an allowed origin. */
    HttpApiEventFactory.Outgoing preflight(HttpApiEventFactory.Incoming request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String origin = request.header("Origin");
        if (allows(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Methods", METHODS);
            headers.put("Access-Control-Allow-Headers", HEADERS);
            headers.put("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
            headers.put("Vary", "Origin");
        }
        return new HttpApiEventFactory.Outgoing(204, headers, "".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code answer} with the headers that let a browser on {@code origin} read it, when the origin is allowed. */
    HttpApiEventFactory.Outgoing decorate(HttpApiEventFactory.Outgoing answer, String origin) {
        if (!allows(origin)) {
            return answer;
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Expose-Headers", EXPOSED);
        headers.put("Vary", "Origin");
        return new HttpApiEventFactory.Outgoing(answer.status(), headers, answer.body());
    }

    List<String> origins() {
        return allowedOrigins.stream().sorted().toList();
    }

    private boolean allows(String origin) {
        return origin != null && (allowedOrigins.contains(origin) || allowedOrigins.contains("*"));
    }
}
