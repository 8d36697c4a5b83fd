package dev.roster.http.json;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.Workspace;
import dev.roster.core.port.Page;
import dev.roster.core.usecase.AccessDecision;
import dev.roster.core.usecase.InvitationPreview;
import dev.roster.core.usecase.OwnershipTransfer;
import dev.roster.core.usecase.IssuedInvitation;
import dev.roster.core.usecase.RosterEntry;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON resources of the API, and their mapping from domain records. Nothing secret is ever mapped. */
public final class Representations {

    private Representations() {
    }

    @Serdeable
    public record SeatsJson(Integer limit, int used, int pending, Integer available) {
    }

    @Serdeable
    public record OrgJson(String id, String name, String plan, int extraSeats, SeatsJson seats, String billingStatus,
                          boolean invitationsBlocked, String createdAt) {
    }

    @Serdeable
    public record InvitationJson(String id, String orgId, String email, String role, List<String> workspaceIds,
                                 List<String> permissions, String status, String invitedBy, String createdAt,
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

    @Serdeable
    public record MemberJson(String orgId, String userId, String email, String name, String role,
                             List<String> permissions, List<String> workspaceIds, String status, String joinedAt,
                             String invitedBy, String lastSeenAt, String accessExpiresAt, String invitationId,
                             String expiresAt) {
    }

    @Serdeable
    public record MembershipJson(String orgId, String orgName, String role, String status) {
    }

    @Serdeable
    public record MeJson(String userId, String email, String name, List<MembershipJson> memberships) {
    }

    @Serdeable
    public record PreviewJson(String orgName, String role, String invitedBy, String email, String expiresAt,
                              String status) {
    }

    @Serdeable
    public record PageJson<T>(List<T> items, String nextCursor) {
    }

    public static OrgJson org(Org org) {
        var seats = org.seats();
        return new OrgJson(org.id(), org.name(), org.plan(), org.extraSeats(),
                new SeatsJson(seats.limit(), seats.used(), seats.pending(), seats.available()), org.billing().status(),
                !seats.canAdd(1), Times.format(org.createdAt()));
    }

    public static InvitationJson invitation(Invitation i) {
        return new InvitationJson(i.id(), i.orgId(), i.email().value(), i.role().name(), i.workspaceIds(),
                i.permissions(), i.status().name(), i.invitedBy(), Times.format(i.createdAt()),
                Times.format(i.expiresAt()), Times.format(i.lastSentAt()),
                i.emailStatus() == null ? null : i.emailStatus().name());
    }

    public static IssuedJson issued(IssuedInvitation issued) {
        return new IssuedJson(invitation(issued.invitation()), issued.inviteUrl());
    }

    public static MemberJson member(Member m) {
        return new MemberJson(m.orgId(), m.userId(), m.email().value(), m.name(), m.role().name(), m.permissions(),
                m.workspaceIds(), m.status().name(), Times.format(m.joinedAt()), m.invitedBy(),
                Times.format(m.lastSeenAt()), Times.format(m.accessExpiresAt()), null, null);
    }

    /** A pending invitation shown in the members list. */
    public static MemberJson invited(Invitation i) {
        return new MemberJson(i.orgId(), null, i.email().value(), null, i.role().name(), i.permissions(),
                i.workspaceIds(), "INVITED", null, i.invitedBy(), null, null, i.id(), Times.format(i.expiresAt()));
    }

    public static MemberJson entry(RosterEntry entry) {
        return entry.member() != null ? member(entry.member()) : invited(entry.invitation());
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

    public static TransferJson transfer(OwnershipTransfer t) {
        return new TransferJson(member(t.owner()), member(t.previousOwner()));
    }

    public static PreviewJson preview(InvitationPreview p) {
        return new PreviewJson(p.orgName(), p.role().name(), p.invitedByName(), p.maskedEmail(),
                Times.format(p.expiresAt()), p.status().name());
    }

    public static <T, R> PageJson<R> page(Page<T> page, Function<T, R> mapper) {
        return new PageJson<>(page.items().stream().map(mapper).toList(), page.nextCursor());
    }
}
