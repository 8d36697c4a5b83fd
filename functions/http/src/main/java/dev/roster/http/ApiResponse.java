package dev.roster.http;

import java.util.Map;

/**
 * A response before it becomes the Lambda's API Gateway response: {@code body} null means no content, a
 * {@link Text} goes out as it is, anything else as JSON.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    /** A body that is not JSON, such as a CSV export. */
    public record Text(String contentType, String content) {
    }

    public static ApiResponse text(String contentType, String content, Map<String, String> headers) {
        return new ApiResponse(200, new Text(contentType, content), headers);
    }

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
