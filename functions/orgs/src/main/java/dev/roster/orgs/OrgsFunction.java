package dev.roster.orgs;

import dev.roster.core.domain.Caller;
import dev.roster.core.error.RosterException;
import dev.roster.core.usecase.AccessService;
import dev.roster.core.usecase.OrgService;
import dev.roster.core.usecase.WorkspaceService;
import dev.roster.http.ApiFunction;
import dev.roster.http.ApiRequest;
import dev.roster.http.ApiResponse;
import dev.roster.http.JsonInput;
import dev.roster.http.Paging;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/** Organizations, the caller's own view (/me), the members list, workspaces and the access check. */
public class OrgsFunction extends ApiFunction {

    @Inject
    OrgService orgs;

    @Inject
    WorkspaceService workspaces;

    @Inject
    AccessService access;

    public OrgsFunction() {
        super();
    }

    public OrgsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Route> routes() {
        return Map.of(
                "POST /orgs", this::createOrg,
                "GET /orgs/{orgId}", r -> ApiResponse.ok(Representations.org(orgs.get(r.requireCaller(), r.path("orgId")))),
                "GET /me", this::me,
                "GET /orgs/{orgId}/members", this::members,
                "GET /orgs/{orgId}/members/{userId}", r -> ApiResponse.ok(Representations.member(
                        orgs.member(r.requireCaller(), r.path("orgId"), r.path("userId")))),
                "POST /orgs/{orgId}/workspaces", this::createWorkspace,
                "GET /orgs/{orgId}/workspaces", r -> ApiResponse.ok(Representations.page(workspaces.list(
                        r.requireCaller(), r.path("orgId"), Paging.cursor(r), Paging.limit(r)), Representations::workspace)),
                "DELETE /orgs/{orgId}/workspaces/{workspaceId}", r -> {
                    workspaces.delete(r.requireCaller(), r.path("orgId"), r.path("workspaceId"), r.requestId());
                    return ApiResponse.noContent();
                },
                "GET /orgs/{orgId}/access", r -> ApiResponse.ok(Representations.access(access.check(r.requireCaller(),
                        r.path("orgId"), r.query("workspaceId").orElse(null), r.query("permission").orElse(null)))));
    }

    private ApiResponse createOrg(ApiRequest request) {
        Caller caller = request.requireCaller();
        String name = name(request);
        return ApiResponse.created(Representations.org(orgs.create(caller, name, request.requestId())));
    }

    private ApiResponse createWorkspace(ApiRequest request) {
        var caller = request.requireCaller();
        String name = name(request);
        return ApiResponse.created(Representations.workspace(
                workspaces.create(caller, request.path("orgId"), name, request.requestId())));
    }

    /** A body of just {@code {"name"}}: 1 to 100 printable characters, trimmed. */
    private String name(ApiRequest request) {
        JsonInput input = JsonInput.object(json, request.body(), Set.of("name"));
        String name = input.string("name", true, 100);
        if (name != null && (name.isBlank() || name.chars().anyMatch(Character::isISOControl))) {
            input.reject("name", "must be 1 to 100 printable characters");
        }
        input.done();
        return name.trim();
    }

    private ApiResponse me(ApiRequest request) {
        Caller caller = request.requireCaller();
        return ApiResponse.ok(new Representations.MeJson(caller.userId(), caller.email(), caller.name(),
                orgs.memberships(caller).stream().map(Representations::membership).toList()));
    }

    private ApiResponse members(ApiRequest request) {
        String status = request.query("status").map(s -> s.toUpperCase(java.util.Locale.ROOT)).orElse(null);
        if (status != null && !Set.of("ACTIVE", "SUSPENDED", "INVITED").contains(status)) {
            throw RosterException.invalid("status", "must be one of ACTIVE, SUSPENDED, INVITED");
        }
        String include = request.query("include").orElse(null);
        if (include != null && !include.equals("invitations")) {
            throw RosterException.invalid("include", "the only value is 'invitations'");
        }
        return ApiResponse.ok(Representations.page(orgs.members(request.requireCaller(), request.path("orgId"), status,
                include != null, Paging.cursor(request), Paging.limit(request)), Representations::entry));
    }
}
