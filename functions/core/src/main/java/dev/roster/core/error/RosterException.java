package dev.roster.core.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A typed domain error. Carries no stack trace: it is an answer, not a fault. */
public class RosterException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;
    private final Map<String, Object> extensions;

    public RosterException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public RosterException(ErrorCode code, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
        this(code, detail, fieldErrors, retryAfter, Map.of());
    }

    private RosterException(ErrorCode code, String detail, List<FieldError> fieldErrors, Duration retryAfter,
                            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
        this.extensions = extensions;
    }

    public static RosterException invalid(List<FieldError> errors) {
        return new RosterException(ErrorCode.VALIDATION_FAILED,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors, null);
    }

    public static RosterException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /**
     * The same error with one more member of its problem (RFC 9457 extension members): facts a client acts on, such
     * as whether seats can be bought. {@code value} is a string, number, boolean, or a map or list of those.
     */
    public RosterException with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new RosterException(code, getMessage(), fieldErrors, retryAfter, java.util.Collections.unmodifiableMap(more));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** For 429 and 503 answers: when trying again can succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Members of the problem beyond the standard ones, in order. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
