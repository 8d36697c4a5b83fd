package dev.roster.invite;

import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.usecase.InvitationService;
import dev.roster.core.usecase.InviteOutcome;
import dev.roster.http.ApiFunction;
import dev.roster.http.ApiRequest;
import dev.roster.http.ApiResponse;
import dev.roster.http.JsonInput;
import dev.roster.http.Paging;
import dev.roster.http.Problems;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/** Creating, listing, re-sending and revoking invitations. */
public class InviteFunction extends ApiFunction {

    @Inject
    InvitationService invitations;

    public InviteFunction() {
        super();
    }

    public InviteFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Route> routes() {
        return Map.of(
                "POST /orgs/{orgId}/invitations", this::invite,
                "GET /orgs/{orgId}/invitations", r -> ApiResponse.ok(Representations.page(invitations.list(
                        r.requireCaller(), r.path("orgId"), Paging.enumParameter(r, "status", InvitationStatus.class),
                        Paging.cursor(r), Paging.limit(r)), Representations::invitation)),
                "POST /orgs/{orgId}/invitations/{invitationId}/resend", r -> {
                    JsonInput.none(r.body());
                    return ApiResponse.ok(Representations.issued(
                            invitations.resend(r.requireCaller(), r.path("orgId"), r.path("invitationId"), r.requestId())));
                },
                "DELETE /orgs/{orgId}/invitations/{invitationId}", r -> {
                    JsonInput.none(r.body());
                    invitations.revoke(r.requireCaller(), r.path("orgId"), r.path("invitationId"), r.requestId());
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse invite(ApiRequest request) {
        var caller = request.requireCaller();
        JsonInput input = JsonInput.object(request.body(), InvitationRequests.ALL_FIELDS);
        boolean bulk = InvitationRequests.isBulk(input);
        List<InviteOutcome> outcomes = invitations.invite(caller, request.path("orgId"),
                InvitationRequests.read(input, bulk), bulk, request.requestId());
        if (!bulk) {
            return outcomes.get(0).map(
                    issued -> ApiResponse.created(Representations.issued(issued.invitation())),
                    added -> ApiResponse.created(new Representations.AddedJson(
                            Representations.member(added.member(), catalog()), true)),
                    refused -> {
                        throw refused.error();
                    });
        }
        List<Representations.BulkItemJson> results = outcomes.stream().map(o -> bulkItem(o, request.requestId())).toList();
        int created = (int) outcomes.stream().filter(o -> !(o instanceof InviteOutcome.Refused)).count();
        var body = new Representations.BulkJson(created, outcomes.size() - created, results);
        return created > 0 ? ApiResponse.created(body) : ApiResponse.ok(body);
    }

    private Representations.BulkItemJson bulkItem(InviteOutcome outcome, String requestId) {
        String email = outcome.email().value();
        return outcome.map(
                issued -> new Representations.BulkItemJson(email, 201,
                        Representations.invitation(issued.invitation().invitation()), issued.invitation().inviteUrl(),
                        null, null),
                added -> new Representations.BulkItemJson(email, 201, null, null,
                        Representations.member(added.member(), catalog()),
                        null),
                refused -> new Representations.BulkItemJson(email, refused.error().code().status(), null, null, null,
                        Problems.of(refused.error(), requestId)));
    }
}
