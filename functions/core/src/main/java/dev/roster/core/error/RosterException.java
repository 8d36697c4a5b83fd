package dev.roster.core.error;

import java.time.Duration;
import java.util.List;

/** A typed domain error. Carries no stack trace: it is an answer, not a fault. */
public class RosterException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;

    public RosterException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public RosterException(ErrorCode code, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    public static RosterException invalid(List<FieldError> errors) {
        return new RosterException(ErrorCode.VALIDATION_FAILED,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors, null);
    }

    public static RosterException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** For 429 answers: when trying again can succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
