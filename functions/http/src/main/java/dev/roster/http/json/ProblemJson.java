package dev.roster.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** RFC 9457 problem details, plus a stable {@code code} and per-field {@code errors} for validation. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemJson(String type, String title, int status, String detail, String code, List<FieldProblem> errors) {

    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
