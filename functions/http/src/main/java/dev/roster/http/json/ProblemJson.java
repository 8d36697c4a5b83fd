package dev.roster.http.json;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, plus a stable {@code code}, the {@code requestId} to quote when reporting it (API
 * Gateway's request id, also in the logs), per-field {@code errors} for validation, and the problem's extension
 * members (such as {@code extraSeatsPurchasable} and {@code seats} of {@code SEAT_LIMIT_REACHED}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemJson(String type, String title, int status, String detail, String code, String requestId,
                          List<FieldProblem> errors, @JsonIgnore Map<String, Object> extensions) {

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
