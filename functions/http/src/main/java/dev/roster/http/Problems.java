package dev.roster.http;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.json.ProblemJson;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Locale;

/**
 * Turns any failure into an RFC 9457 problem. Domain errors say what went wrong; anything unexpected is a
 * generic 500 (or 503 when AWS is throttling or unavailable) whose detail reveals nothing of the internals.
 */
public final class Problems {

    private Problems() {
    }

    /** @param requestId the request's id, so a client quoting the problem leads to its log lines */
    public static ProblemJson of(RosterException e, String requestId) {
        ErrorCode code = e.code();
        return new ProblemJson("/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                code.title(), code.status(), e.getMessage(), code.name(), requestId,
                e.fieldErrors().isEmpty() ? null : e.fieldErrors().stream()
                        .map(f -> new ProblemJson.FieldProblem(f.field(), f.message())).toList(), e.extensions());
    }

    public static RosterException unexpected(Throwable t) {
        if (t instanceof SdkException sdk && sdk.retryable()) {
            return new RosterException(ErrorCode.SERVICE_UNAVAILABLE, "A dependency is busy; try again shortly.");
        }
        return new RosterException(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side; it has been logged.");
    }
}
