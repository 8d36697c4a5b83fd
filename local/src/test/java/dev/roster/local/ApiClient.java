package dev.roster.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Calls the local API over HTTP as a front end would. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Supplier<URI> base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base) {
        this(() -> base);
    }

    /** A client of an API that may start after the client is made: its address is asked for at each request. */
    ApiClient(Supplier<URI> base) {
        this.base = base;
    }

    /** A signed-in user of the emulated authorizer. */
    record User(String token, String sub, String email) {
    }

    User user(String email, String name) {
        return user(Map.of("email", email, "name", name));
    }

    User user(Map<String, Object> request) {
        Res res = post("/_local/token", null, write(request));
        if (res.status() != 200) {
            throw new IllegalStateException("token: " + res);
        }
        return new User(res.str("token"), res.str("sub"), res.str("email"));
    }

    Res get(String path, User user) {
        return send("GET", path, user, null, Map.of());
    }

    Res post(String path, User user, String body) {
        return send("POST", path, user, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Res post(String path, User user, Map<String, ?> body) {
        return post(path, user, write(body));
    }

    Res patch(String path, User user, Map<String, ?> body) {
        return send("PATCH", path, user, write(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Res delete(String path, User user) {
        return send("DELETE", path, user, null, Map.of());
    }

    Res send(String method, String path, User user, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve(path)).timeout(Duration.ofSeconds(180))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && !headers.containsKey("content-type")) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        if (user != null) {
            request.header("authorization", "Bearer " + user.token());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // Every answer is held to openapi.yaml: one the document does not describe fails the test that got it.
            ApiContract.verify(method, path, response.statusCode(), response.headers().map(), response.body());
            return new Res(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Map<String, ?> value) {
        try {
            return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response, with its JSON body navigable by dotted paths such as {@code invitation.id} or {@code items[0].email}. */
    record Res(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        Object at(String path) {
            Object current = json();
            for (String part : path.split("\\.")) {
                String name = part.replaceAll("\\[\\d+]$", "");
                if (!name.isEmpty()) {
                    current = current instanceof Map<?, ?> map ? map.get(name) : null;
                }
                if (part.endsWith("]")) {
                    int index = Integer.parseInt(part.substring(part.lastIndexOf('[') + 1, part.length() - 1));
                    current = current instanceof List<?> list && index < list.size() ? list.get(index) : null;
                }
            }
            return current;
        }

        String str(String path) {
            Object value = at(path);
            return value == null ? null : value.toString();
        }

        int num(String path) {
            return ((Number) at(path)).intValue();
        }

        List<?> list(String path) {
            return (List<?>) at(path);
        }

        Object json() {
            try {
                return body == null || body.isEmpty() ? Map.of() : JSON.readValue(body, Argument.of(Object.class));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        /** A problem as clients compare it: all but its requestId, which every request has its own of. */
        Map<String, Object> problemWithoutRequestId() {
            Map<String, Object> problem = new LinkedHashMap<>(map());
            problem.remove("requestId");
            return problem;
        }

        Map<String, Object> map() {
            Object json = json();
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json instanceof Map ? (Map<String, Object>) json : new LinkedHashMap<>();
            return map;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
