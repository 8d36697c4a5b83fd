package dev.roster.orgs;

import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Times;
import dev.roster.core.port.Page;
import dev.roster.core.usecase.AuditQuery;
import dev.roster.core.usecase.AuditService;
import dev.roster.http.Csv;
import dev.roster.core.error.RosterException;
import dev.roster.core.usecase.AccessService;
import dev.roster.core.usecase.OrgService;
import dev.roster.core.usecase.WorkspaceService;
import dev.roster.http.ApiFunction;
import dev.roster.http.ApiRequest;
import dev.roster.http.ApiResponse;
import dev.roster.http.IdParameter;
import dev.roster.http.JsonInput;
import dev.roster.http.Paging;
import dev.roster.http.json.Representations;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;

/** Organizations, the caller's own view (/me), the members list, workspaces, the access check and the audit log. */
public class OrgsFunction extends ApiFunction {

    private static final String CREATE_ORG = "POST /orgs";
    private static final Instant FIRST_AUDIT_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_AUDIT_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    @Inject
    OrgService orgs;

    @Inject
    WorkspaceService workspaces;

    @Inject
    AccessService access;

    @Inject
    AuditService auditLog;

    public OrgsFunction() {
        super();
    }

    public OrgsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Set<String> primedRoutes() {
        // Any caller may create an org: priming it would write one.
        return routeKeys().stream().filter(route -> !route.equals(CREATE_ORG)).collect(Collectors.toSet());
    }

    @Override
    protected Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry(CREATE_ORG, this::createOrg),
                Map.entry("GET /orgs/{orgId}", r -> ApiResponse.ok(Representations.org(
                        orgs.get(r.requireCaller(), r.path("orgId"))))),
                Map.entry("GET /me", this::me),
                Map.entry("GET /orgs/{orgId}/members", this::members),
                Map.entry("GET /orgs/{orgId}/members/{userId}", r -> ApiResponse.ok(Representations.member(
                        orgs.member(r.requireCaller(), r.path("orgId"), r.path("userId")), catalog()))),
                Map.entry("POST /orgs/{orgId}/workspaces", this::createWorkspace),
                Map.entry("GET /orgs/{orgId}/workspaces", r -> ApiResponse.ok(Representations.page(
                        workspaces.list(r.requireCaller(), r.path("orgId"), Paging.cursor(r), Paging.limit(r)),
                        Representations::workspace))),
                Map.entry("DELETE /orgs/{orgId}/workspaces/{workspaceId}", r -> {
                    JsonInput.none(r.body());
                    workspaces.delete(r.requireCaller(), r.path("orgId"), r.path("workspaceId"), r.requestId());
                    return ApiResponse.noContent();
                }),
                Map.entry("GET /orgs/{orgId}/audit", this::audit),
                Map.entry("GET /orgs/{orgId}/catalog", r -> ApiResponse.ok(Representations.catalog(
                        orgs.catalog(r.requireCaller(), r.path("orgId"))))),
                Map.entry("GET /orgs/{orgId}/access", r -> ApiResponse.ok(Representations.access(access.check(
                        r.requireCaller(), r.path("orgId"), r.queryId(IdParameter.WORKSPACE_ID).orElse(null),
                        r.query("permission").orElse(null))))));
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

    private ApiResponse audit(ApiRequest request) {
        var caller = request.requireCaller();
        String action = request.query("action").orElse(null);
        if (action != null && AuditAction.ofWireName(action).isEmpty()) {
            throw RosterException.invalid("action", "must be one of " + Arrays.stream(AuditAction.values())
                    .map(AuditAction::wireName).collect(Collectors.joining(", ")));
        }
        String actor = request.query("actor").orElse(null);
        if (actor != null && actor.length() > 128) {
            throw RosterException.invalid("actor", "must be at most 128 characters");
        }
        AuditQuery query = new AuditQuery(actor, action, instant(request, "from"), instant(request, "to"));
        Page<AuditEntry> page = auditLog.list(caller, request.path("orgId"), query, Paging.cursor(request), Paging.limit(request));
        boolean csv = request.header("accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
        if (!csv) {
            return ApiResponse.ok(Representations.page(page, Representations::auditEntry));
        }
        List<List<String>> rows = page.items().stream().map(e -> List.of(e.id(), Times.format(e.time()), e.actor(),
                e.action(), e.target(), jsonText(e.before()), jsonText(e.after()), e.requestId())).toList();
        return ApiResponse.text("text/csv; charset=utf-8",
                Csv.of(List.of("id", "time", "actor", "action", "target", "before", "after", "requestId"), rows),
                page.nextCursor() == null ? Map.of() : Map.of("X-Next-Cursor", page.nextCursor()));
    }

    private static Instant instant(ApiRequest request, String name) {
        String raw = request.query(name).orElse(null);
        if (raw == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            instant = null;
        }
        // Audit keys hold four-digit years, so that they sort as strings in time order; other years have no key.
        if (instant == null || instant.isBefore(FIRST_AUDIT_TIME) || instant.isAfter(LAST_AUDIT_TIME)) {
            throw RosterException.invalid(name, "must be an ISO-8601 UTC time from year 0001 to 9999 such as 2026-11-22T10:00:00Z");
        }
        return instant;
    }

    private String jsonText(Map<String, Object> value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body of just {@code {"name"}}: 1 to 100 printable characters, trimmed. */
    private String name(ApiRequest request) {
        JsonInput input = JsonInput.object(request.body(), Set.of("name"));
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
                include != null, Paging.cursor(request), Paging.limit(request)),
                e -> Representations.entry(e, catalog())));
    }
}
