package dev.roster.http;

import java.util.Map;

/** A response before it becomes the Lambda's API Gateway response; {@code body} null means no content. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }
}
