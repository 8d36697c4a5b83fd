package dev.roster.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * RFC 9457 problem details, plus a stable {@code code}, the {@code requestId} to quote when reporting it (API
 * Gateway's request id, also in the logs), and per-field {@code errors} for validation.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemJson(String type, String title, int status, String detail, String code, String requestId,
                          List<FieldProblem> errors) {

    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
