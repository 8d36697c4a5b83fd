package dev.roster.core.usecase;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AccessGrant;
import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.Times;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.FieldError;
import dev.roster.core.error.RosterException;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.OutgoingEmail;
import dev.roster.core.mail.RosterEmails;
import dev.roster.core.port.Change;
import dev.roster.core.port.Metrics;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What owners and admins do to members (change role and grants, suspend, reactivate, remove), leaving, and
 * ownership transfer. Each change is one transaction that also re-checks the caller's authority and records its
 * audit entry; exactly one OWNER exists at all times because only {@link #transferOwnership} moves the role, and
 * it moves it in one transaction guarded by the org's owner and both memberships' versions.
 */
// Only in the functions that carry a mailer (roster-aws-ses): Lambda contexts create their singletons eagerly.
@Requires(beans = Mailer.class)
@Singleton
public class MemberService {

    private static final Logger LOG = LoggerFactory.getLogger(MemberService.class);

    private final RosterStore store;
    private final RosterSettings settings;
    private final Mailer mailer;
    private final Presence presence;
    private final Metrics metrics;
    private final Clock clock;

    public MemberService(RosterStore store, RosterSettings settings, Mailer mailer, Presence presence, Metrics metrics,
                         Clock clock) {
        this.metrics = metrics;
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * Changes role, tool permissions, workspace grants and when access ends (which must be in the future; null
     * clears it); fields left null stay as they are.
     */
    public Member update(Caller caller, String orgId, String userId, MemberUpdate update, String requestId) {
        validate(update);
        Set<String> workspaceIds = update.workspaceIds() == null ? Set.of() : new LinkedHashSet<>(update.workspaceIds());
        Changed changed = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withMember(userId)
                    .withWorkspaces(workspaceIds));
            Member actor = authorize(snapshot, now);
            Member target = target(snapshot);
            Role role = update.role() == null ? target.role() : update.role();
            boolean self = target.userId().equals(actor.userId());
            if (target.role() == Role.OWNER && !self) {
                throw ownerProtected();
            }
            if (role != target.role() && self) {
                throw new RosterException(ErrorCode.CANNOT_CHANGE_SELF, "Nobody changes their own role.");
            }
            Instant accessExpiresAt = update.accessExpiry() == null ? target.accessExpiresAt()
                    : update.accessExpiry().at() == null ? null : Times.toMillis(update.accessExpiry().at());
            if (!Objects.equals(accessExpiresAt, target.accessExpiresAt()) && self) {
                throw new RosterException(ErrorCode.CANNOT_CHANGE_SELF, "Nobody sets when their own access ends.");
            }
            List<FieldError> errors = new ArrayList<>();
            if (update.accessExpiry() != null && accessExpiresAt != null && !accessExpiresAt.isAfter(now)) {
                errors.add(new FieldError("accessExpiresAt", "must be in the future"));
            }
            if (update.workspaceIds() != null) {
                Grants.checkWorkspaces(update.workspaceIds(), snapshot, "", errors);
            }
            if (!errors.isEmpty()) {
                throw RosterException.invalid(errors);
            }
            Member next = target.withAccess(new AccessGrant(role,
                    update.permissions() == null ? target.permissions() : List.copyOf(new LinkedHashSet<>(update.permissions())),
                    update.workspaceIds() == null ? target.workspaceIds() : List.copyOf(workspaceIds)), accessExpiresAt);
            if (next.role() == target.role() && next.permissions().equals(target.permissions())
                    && next.workspaceIds().equals(target.workspaceIds())
                    && Objects.equals(next.accessExpiresAt(), target.accessExpiresAt())) {
                return new Changed(target, target, actor);
            }
            List<Change> changes = new ArrayList<>();
            if (!self) {
                changes.add(Access.stillHolds(orgId, caller, Role.MANAGERS, now));
            }
            changes.add(new Change.PutMember(next, target.version()));
            next.workspaceIds().stream().filter(id -> !target.workspaceIds().contains(id))
                    .forEach(id -> changes.add(new Change.RequireWorkspace(orgId, id)));
            AuditAction action = next.role() != target.role() ? AuditAction.MEMBER_ROLE_CHANGED : AuditAction.MEMBER_ACCESS_CHANGED;
            changes.add(Audits.entry(orgId, now, caller.userId(), action, memberTarget(target),
                    Audits.view(target), Audits.view(next), requestId));
            Access.commitAsCaller(store, changes);
            metrics.count(Metrics.Metric.MEMBERS_CHANGED);
            LOG.info("Org {}: member {} changed by {} ({})", orgId, userId, caller.userId(), action);
            return new Changed(target, next, actor);
        });
        if (changed.before().role() != changed.after().role()) {
            notify(changed.after(), RosterEmails.roleChanged(from(changed.after()), changed.after().email().value(),
                    changed.after().orgName(), displayName(changed.actor()), changed.before().role().name(),
                    changed.after().role().name(), settings.orgUrl(orgId)));
        }
        return changed.after();
    }

    public Member suspend(Caller caller, String orgId, String userId, String requestId) {
        return setStatus(caller, orgId, userId, MemberStatus.SUSPENDED, AuditAction.MEMBER_SUSPENDED, requestId);
    }

    public Member reactivate(Caller caller, String orgId, String userId, String requestId) {
        return setStatus(caller, orgId, userId, MemberStatus.ACTIVE, AuditAction.MEMBER_REACTIVATED, requestId);
    }

    private Member setStatus(Caller caller, String orgId, String userId, MemberStatus status, AuditAction action,
                             String requestId) {
        return Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withMember(userId));
            Member target = othersTarget(snapshot, authorize(snapshot, now));
            if (target.status() == status) {
                return target;
            }
            Member next = target.withStatus(status);
            Access.commitAsCaller(store, List.of(
                    Access.stillHolds(orgId, caller, Role.MANAGERS, now),
                    new Change.PutMember(next, target.version()),
                    Audits.entry(orgId, now, caller.userId(), action, memberTarget(target), Audits.view(target),
                            Audits.view(next), requestId)));
            metrics.count(Metrics.Metric.MEMBERS_CHANGED);
            LOG.info("Org {}: member {} {} by {}", orgId, userId, status, caller.userId());
            return next;
        });
    }

    /** Ends someone else's membership and frees their seat; their audit history stays. */
    public void remove(Caller caller, String orgId, String userId, String requestId) {
        Changed removed = Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withMember(userId));
            Member actor = authorize(snapshot, now);
            Member target = othersTarget(snapshot, actor);
            List<Change> changes = new ArrayList<>(List.of(Access.stillHolds(orgId, caller, Role.MANAGERS, now)));
            changes.addAll(endMembership(target, now, caller.userId(), AuditAction.MEMBER_REMOVED, requestId));
            Access.commitAsCaller(store, changes);
            metrics.count(Metrics.Metric.MEMBERS_CHANGED);
            LOG.info("Org {}: member {} removed by {}", orgId, userId, caller.userId());
            return new Changed(target, null, actor);
        });
        Member gone = removed.before();
        notify(gone, RosterEmails.removed(from(gone), gone.email().value(), gone.orgName(), displayName(removed.actor()),
                settings.appUrl()));
    }

    /** The caller ends their own membership; the owner must transfer ownership first. */
    public void leave(Caller caller, String orgId, String requestId) {
        Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Member self = Access.requireMember(store.load(Snapshot.Request.of(orgId, caller.userId())), now);
            if (self.role() == Role.OWNER) {
                throw new RosterException(ErrorCode.OWNER_PROTECTED,
                        "The owner cannot leave; transfer ownership to another member first.");
            }
            Access.commitAsCaller(store, endMembership(self, now, caller.userId(), AuditAction.MEMBER_LEFT, requestId));
            metrics.count(Metrics.Metric.MEMBERS_CHANGED);
            LOG.info("Org {}: member {} left", orgId, caller.userId());
            return self;
        });
    }

    /** Makes another active member the OWNER; the caller, the owner until now, becomes an ADMIN. */
    public OwnershipTransfer transferOwnership(Caller caller, String orgId, String newOwnerId, String requestId) {
        return Retry.onStale(() -> {
            Instant now = Times.toMillis(clock.instant());
            Snapshot snapshot = store.load(Snapshot.Request.of(orgId, caller.userId()).withMember(newOwnerId));
            Member owner = Access.requireRole(snapshot, Set.of(Role.OWNER), now);
            presence.seen(owner);
            if (owner.userId().equals(newOwnerId)) {
                throw RosterException.invalid("userId", "is already the owner");
            }
            Member heir = snapshot.member().orElseThrow(() ->
                    RosterException.invalid("userId", "no member with that id in this organization"));
            if (!heir.isActiveAt(now)) {
                throw new RosterException(ErrorCode.MEMBER_NOT_ACTIVE,
                        "A suspended member cannot become the owner; reactivate them first.");
            }
            Member newOwner = heir.withRole(Role.OWNER);
            Member previousOwner = owner.withRole(Role.ADMIN);
            Access.commitAsCaller(store, List.of(
                    new Change.SetOwner(orgId, owner.userId(), heir.userId()),
                    new Change.PutMember(previousOwner, owner.version()),
                    new Change.PutMember(newOwner, heir.version()),
                    Audits.entry(orgId, now, caller.userId(), AuditAction.ORG_OWNERSHIP_TRANSFERRED, "org:" + orgId,
                            Map.of("ownerId", owner.userId()), Map.of("ownerId", heir.userId()), requestId)));
            metrics.count(Metrics.Metric.MEMBERS_CHANGED);
            LOG.info("Org {}: ownership moved from {} to {}", orgId, owner.userId(), heir.userId());
            return new OwnershipTransfer(newOwner, previousOwner);
        });
    }

    private List<Change> endMembership(Member member, Instant now, String actor, AuditAction action, String requestId) {
        return List.of(
                new Change.DeleteMember(member),
                new Change.AdjustSeats(member.orgId(), -1, 0, null),
                new Change.DeleteEmailClaim(EmailClaim.member(member.orgId(), member.email(), member.userId())),
                new Change.ReleaseSoleOrg(member.userId(), member.orgId()),
                Audits.entry(member.orgId(), now, actor, action, memberTarget(member), Audits.view(member), Map.of(),
                        requestId));
    }

    private Member authorize(Snapshot snapshot, Instant now) {
        Member actor = Access.requireRole(snapshot, Role.MANAGERS, now);
        presence.seen(actor);
        return actor;
    }

    private static Member target(Snapshot snapshot) {
        return snapshot.member().orElseThrow(NotFound::member);
    }

    /** The member an owner or admin acts on, who is neither the caller nor the owner. */
    private static Member othersTarget(Snapshot snapshot, Member actor) {
        Member target = target(snapshot);
        if (target.userId().equals(actor.userId())) {
            throw new RosterException(ErrorCode.CANNOT_CHANGE_SELF,
                    "Nobody suspends or removes themselves; to go, leave the organization.");
        }
        if (target.role() == Role.OWNER) {
            throw ownerProtected();
        }
        return target;
    }

    private static RosterException ownerProtected() {
        return new RosterException(ErrorCode.OWNER_PROTECTED,
                "The owner cannot be changed, suspended or removed; the owner can transfer ownership.");
    }

    private void validate(MemberUpdate update) {
        List<FieldError> errors = new ArrayList<>();
        if (update.role() != null && !Role.INVITABLE.contains(update.role())) {
            errors.add(new FieldError("role", "must be one of ADMIN, MEMBER, VIEWER; ownership moves only by transfer"));
        }
        if (update.permissions() != null) {
            Grants.checkPermissions(update.permissions(), settings.permissionCatalog(), "", errors);
        }
        if (update.role() == null && update.permissions() == null && update.workspaceIds() == null
                && update.accessExpiry() == null) {
            errors.add(new FieldError("", "name at least one of role, permissions, workspaceIds, accessExpiresAt"));
        }
        if (!errors.isEmpty()) {
            throw RosterException.invalid(errors);
        }
    }

    private String from(Member member) {
        return MimeMessage.address(member.orgName() + " via Roster", settings.mailFrom());
    }

    private static String displayName(Member member) {
        return member.name() == null || member.name().isBlank() ? member.email().value() : member.name();
    }

    /** A courtesy: the change stands whether or not this email goes out. */
    private void notify(Member member, OutgoingEmail email) {
        try {
            mailer.send(email);
        } catch (MailDeliveryException e) {
            LOG.warn("Member {} of org {} could not be emailed: {}", member.userId(), member.orgId(), e.getMessage());
        }
    }

    private static String memberTarget(Member member) {
        return "member:" + member.userId();
    }

    /** One attempt's result: the member before and after (null when removed), and who made the change. */
    private record Changed(Member before, Member after, Member actor) {
    }
}
