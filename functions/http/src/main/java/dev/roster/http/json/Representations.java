package dev.roster.http.json;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.Workspace;
import dev.roster.core.port.Page;
import dev.roster.core.usecase.AccessDecision;
import dev.roster.core.domain.Role;
import dev.roster.core.usecase.Catalog;
import dev.roster.core.usecase.InvitationPreview;
import dev.roster.core.usecase.OrgForCaller;
import dev.roster.core.usecase.OwnershipTransfer;
import dev.roster.core.usecase.IssuedInvitation;
import dev.roster.core.usecase.RosterEntry;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The JSON resources of the API, and their mapping from domain records. Nothing secret is ever mapped. */
public final class Representations {

    private Representations() {
    }

    @Serdeable
    public record SeatsJson(Integer limit, int used, int pending, Integer available) {
    }

    /**
     * How the org holds its plan: {@code source} SUBSCRIPTION, ONE_TIME (a plan sold once) or DEFAULT; {@code status}
     * the subscription's ({@code NONE} without one); {@code extraSeats} those the subscription buys.
     */
    @Serdeable
    public record BillingJson(String plan, String source, String status, int extraSeats) {
    }

    @Serdeable
    /** {@code role} and {@code status} are the caller's own, where the org is answered to a member. */
    public record OrgJson(String id, String name, String plan, int extraSeats, SeatsJson seats, String billingStatus,
                          boolean invitationsBlocked, String createdAt, BillingJson billing, String role,
                          String status) {
    }

    /** Who invited or added someone, named as they were then; null for an org's founder. */
    @Serdeable
    public record InviterJson(String userId, String name) {

        static InviterJson of(String userId, String name) {
            return userId == null ? null : new InviterJson(userId, name);
        }
    }

    @Serdeable
    public record InvitationJson(String id, String orgId, String email, String role, List<String> workspaceIds,
                                 List<String> permissions, String status, InviterJson invitedBy, String createdAt,
                                 String expiresAt, String lastSentAt, String emailStatus) {
    }

    @Serdeable
    public record IssuedJson(InvitationJson invitation, String inviteUrl) {
    }

    @Serdeable
    public record BulkItemJson(String email, int status, InvitationJson invitation, String inviteUrl, MemberJson member,
                               ProblemJson error) {
    }

    /** An invitee who already had an account, made a member at once. */
    @Serdeable
    public record AddedJson(MemberJson member, boolean addedDirectly) {
    }

    @Serdeable
    public record WorkspaceJson(String id, String name, String createdAt) {
    }

    @Serdeable
    public record AccessJson(boolean allowed, String role, String reason) {
    }

    @Serdeable
    public record AuditEntryJson(String id, String time, String actor, String action, String target,
                                 Map<String, Object> before, Map<String, Object> after, String requestId) {
    }

    @Serdeable
    public record TransferJson(MemberJson owner, MemberJson previousOwner) {
    }

    @Serdeable
    public record BulkJson(int created, int failed, List<BulkItemJson> results) {
    }

    /**
     * {@code permissions} are those the member holds: every one of the catalog for OWNER and ADMIN, else those
     * granted; {@code allWorkspaces} is true where the role holds every workspace, {@code workspaceIds} the grants.
     */
    @Serdeable
    public record MemberJson(String orgId, String userId, String email, String name, String role,
                             List<String> permissions, List<String> workspaceIds, boolean allWorkspaces, String status,
                             String joinedAt, InviterJson invitedBy, String lastSeenAt, String accessExpiresAt,
                             String invitationId, String expiresAt, String emailStatus) {
    }

    @Serdeable
    public record MembershipJson(String orgId, String orgName, String role, String status) {
    }

    @Serdeable
    public record MeJson(String userId, String email, String name, List<MembershipJson> memberships) {
    }

    @Serdeable
    public record PreviewJson(String orgName, String role, List<String> workspaceIds, List<String> permissions,
                              String invitedBy, String email, String expiresAt, String status) {
    }

    @Serdeable
    public record RoleJson(String name, boolean invitable, boolean allPermissions) {
    }

    /** {@code seats} null is unlimited; {@code extraSeats} whether seats can be bought beyond them. */
    @Serdeable
    public record PlanJson(String name, Integer seats, boolean invitations, boolean extraSeats, int workspaces) {
    }

    @Serdeable
    public record CatalogJson(List<RoleJson> roles, List<String> permissions, List<PlanJson> plans) {
    }

    @Serdeable
    public record PageJson<T>(List<T> items, String nextCursor) {
    }

    /** The org with no caller: as the development plan route answers it. */
    public static OrgJson org(Org org) {
        return org(org, null);
    }

    public static OrgJson org(OrgForCaller view) {
        return org(view.org(), view.caller());
    }

    private static OrgJson org(Org org, Member caller) {
        var seats = org.seats();
        return new OrgJson(org.id(), org.name(), org.plan(), org.extraSeats(),
                new SeatsJson(seats.limit(), seats.used(), seats.pending(), seats.available()), org.billing().status(),
                !seats.canAdd(1), Times.format(org.createdAt()), new BillingJson(org.plan(),
                org.billing().source().name(), org.billing().status(), org.extraSeats()),
                caller == null ? null : caller.role().name(), caller == null ? null : caller.status().name());
    }

    public static InvitationJson invitation(Invitation i) {
        return new InvitationJson(i.id(), i.orgId(), i.email().value(), i.role().name(), i.workspaceIds(),
                i.permissions(), i.status().name(), InviterJson.of(i.invitedBy(), i.invitedByName()),
                Times.format(i.createdAt()), Times.format(i.expiresAt()), Times.format(i.lastSentAt()), emailStatus(i));
    }

    private static String emailStatus(Invitation i) {
        return i.emailStatus() == null ? null : i.emailStatus().name();
    }

    public static IssuedJson issued(IssuedInvitation issued) {
        return new IssuedJson(invitation(issued.invitation()), issued.inviteUrl());
    }

    /** @param catalog the configured tool permissions, every one of which OWNER and ADMIN hold */
    public static MemberJson member(Member m, Set<String> catalog) {
        boolean all = m.role().impliesAllPermissions();
        return new MemberJson(m.orgId(), m.userId(), m.email().value(), m.name(), m.role().name(),
                all ? catalog.stream().sorted().toList() : m.permissions(), m.workspaceIds(), all, m.status().name(),
                Times.format(m.joinedAt()), InviterJson.of(m.invitedBy(), m.invitedByName()),
                Times.format(m.lastSeenAt()), Times.format(m.accessExpiresAt()), null, null, null);
    }

    /** A pending invitation shown in the members list, with how its email fared. */
    public static MemberJson invited(Invitation i, Set<String> catalog) {
        boolean all = i.role().impliesAllPermissions();
        return new MemberJson(i.orgId(), null, i.email().value(), null, i.role().name(),
                all ? catalog.stream().sorted().toList() : i.permissions(), i.workspaceIds(), all, "INVITED", null,
                InviterJson.of(i.invitedBy(), i.invitedByName()), null, null, i.id(), Times.format(i.expiresAt()),
                emailStatus(i));
    }

    public static MemberJson entry(RosterEntry entry, Set<String> catalog) {
        return entry.member() != null ? member(entry.member(), catalog) : invited(entry.invitation(), catalog);
    }

    public static MembershipJson membership(Member m) {
        return new MembershipJson(m.orgId(), m.orgName(), m.role().name(), m.status().name());
    }

    public static WorkspaceJson workspace(Workspace w) {
        return new WorkspaceJson(w.id(), w.name(), Times.format(w.createdAt()));
    }

    public static AccessJson access(AccessDecision d) {
        return new AccessJson(d.allowed(), d.role().name(), d.reason());
    }

    public static AuditEntryJson auditEntry(AuditEntry e) {
        return new AuditEntryJson(e.id(), Times.format(e.time()), e.actor(), e.action(), e.target(), e.before(), e.after(),
                e.requestId());
    }

    public static TransferJson transfer(OwnershipTransfer t, Set<String> catalog) {
        return new TransferJson(member(t.owner(), catalog), member(t.previousOwner(), catalog));
    }

    public static PreviewJson preview(InvitationPreview p) {
        return new PreviewJson(p.orgName(), p.role().name(), p.workspaceIds(), p.permissions(), p.invitedByName(),
                p.maskedEmail(),
                Times.format(p.expiresAt()), p.status().name());
    }

    public static CatalogJson catalog(Catalog c) {
        return new CatalogJson(c.roles().stream().map(r -> new RoleJson(r.name(), Role.INVITABLE.contains(r),
                        r.impliesAllPermissions())).toList(), c.permissions(),
                c.plans().stream().map(p -> new PlanJson(p.name(), p.seats(), p.invitations(), p.extraSeats(), p.workspaces()))
                        .toList());
    }

    public static <T, R> PageJson<R> page(Page<T> page, Function<T, R> mapper) {
        return new PageJson<>(page.items().stream().map(mapper).toList(), page.nextCursor());
    }
}
