package dev.roster.accept;

import dev.roster.core.usecase.AcceptanceService;
import dev.roster.http.ApiFunction;
import dev.roster.http.ApiResponse;
import dev.roster.http.JsonInput;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.util.Map;

/** The invitee's routes: preview (no sign-in), accept and decline. */
public class AcceptFunction extends ApiFunction {

    @Inject
    AcceptanceService acceptance;

    public AcceptFunction() {
        super();
    }

    public AcceptFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Route> routes() {
        return Map.of(
                "GET /invitations/{token}", r -> ApiResponse.ok(Representations.preview(acceptance.preview(r.path("token")))),
                "POST /invitations/{token}/accept", r -> {
                    JsonInput.none(r.body());
                    return ApiResponse.ok(Representations.member(
                            acceptance.accept(r.requireCaller(), r.path("token"), r.requestId()),
                            catalog()));
                },
                "POST /invitations/{token}/decline", r -> {
                    JsonInput.none(r.body());
                    acceptance.decline(r.requireCaller(), r.path("token"), r.requestId());
                    return ApiResponse.noContent();
                });
    }
}
