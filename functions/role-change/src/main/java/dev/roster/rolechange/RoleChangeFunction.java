package dev.roster.rolechange;

import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Role;
import dev.roster.core.usecase.MemberService;
import dev.roster.core.usecase.MemberUpdate;
import dev.roster.http.ApiFunction;
import dev.roster.http.ApiRequest;
import dev.roster.http.ApiResponse;
import dev.roster.http.JsonInput;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What owners and admins do to members, leaving an org, and ownership transfer. */
public class RoleChangeFunction extends ApiFunction {

    private static final Set<String> UPDATE_FIELDS = Set.of("role", "permissions", "workspaceIds", "accessExpiresAt");

    @Inject
    MemberService members;

    public RoleChangeFunction() {
        super();
    }

    public RoleChangeFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Route> routes() {
        return Map.of(
                "PATCH /orgs/{orgId}/members/{userId}", this::update,
                "POST /orgs/{orgId}/members/{userId}/suspend", r -> {
                    JsonInput.none(r.body());
                    return ApiResponse.ok(Representations.member(
                            members.suspend(r.requireCaller(), r.path("orgId"), r.path("userId"), r.requestId()),
                            catalog()));
                },
                "POST /orgs/{orgId}/members/{userId}/reactivate", r -> {
                    JsonInput.none(r.body());
                    return ApiResponse.ok(Representations.member(
                            members.reactivate(r.requireCaller(), r.path("orgId"), r.path("userId"), r.requestId()),
                            catalog()));
                },
                "DELETE /orgs/{orgId}/members/{userId}", r -> {
                    JsonInput.none(r.body());
                    members.remove(r.requireCaller(), r.path("orgId"), r.path("userId"), r.requestId());
                    return ApiResponse.noContent();
                },
                "POST /orgs/{orgId}/leave", r -> {
                    JsonInput.none(r.body());
                    members.leave(r.requireCaller(), r.path("orgId"), r.requestId());
                    return ApiResponse.noContent();
                },
                "POST /orgs/{orgId}/transfer-ownership", this::transfer);
    }

    private ApiResponse update(ApiRequest request) {
        var caller = request.requireCaller();
        JsonInput input = JsonInput.object(request.body(), UPDATE_FIELDS);
        Role role = null;
        String rawRole = input.string("role", false, 20);
        if (rawRole != null) {
            try {
                role = Role.valueOf(rawRole.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                input.reject("role", "must be one of ADMIN, MEMBER, VIEWER");
            }
        }
        List<String> permissions = input.has("permissions") ? input.strings("permissions", 50, 40) : null;
        List<String> workspaceIds = input.has("workspaceIds") ? input.strings("workspaceIds", 50, 64) : null;
        MemberUpdate.AccessExpiry accessExpiry = input.present("accessExpiresAt")
                ? new MemberUpdate.AccessExpiry(input.instant("accessExpiresAt")) : null;
        input.done();
        return ApiResponse.ok(Representations.member(members.update(caller, request.path("orgId"), request.path("userId"),
                new MemberUpdate(role, permissions, workspaceIds, accessExpiry), request.requestId()),
                catalog()));
    }

    private ApiResponse transfer(ApiRequest request) {
        var caller = request.requireCaller();
        JsonInput input = JsonInput.object(request.body(), Set.of("userId"));
        String userId = input.string("userId", true, Caller.MAX_USER_ID_LENGTH);
        input.done();
        return ApiResponse.ok(Representations.transfer(
                members.transferOwnership(caller, request.path("orgId"), userId.trim(), request.requestId()),
                catalog()));
    }
}
