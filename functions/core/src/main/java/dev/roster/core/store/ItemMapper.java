package dev.roster.core.store;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.EmailStatus;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Workspace;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.roster.core.store.Keys.*;

/** Domain records to items and back: the only place that knows item attribute names. */
final class ItemMapper {

    static final String TYPE = "type";
    static final Duration AUDIT_RETENTION = Duration.ofDays(365);

    private ItemMapper() {
    }

    // --- org -------------------------------------------------------------------------------------------------

    static Map<String, AttributeValue> org(Org org) {
        return Item.create()
                .s(PK, Keys.org(org.id())).s(SK, ORG_SK).s(TYPE, "ORG")
                .s("id", org.id()).s("name", org.name()).s("plan", org.plan()).n("extraSeats", org.extraSeats())
                .n("seatLimit", org.seatLimit()).n("seatsUsed", org.seatsUsed())
                .n("pendingInvitations", org.pendingInvitations()).s("billingStatus", org.billing().status())
                .s("stripeCustomerId", org.billing().customerId()).s("stripeSubscriptionId", org.billing().subscriptionId())
                .time("billingSyncedAt", org.billing().syncedAt())
                .s("ownerId", org.ownerId()).n("workspaceCount", org.workspaces()).time("createdAt", org.createdAt())
                .values();
    }

    static Org org(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Org(i.s("id"), i.s("name"), i.s("plan"), i.intOr("extraSeats", 0), i.intOrNull("seatLimit"),
                i.intOr("seatsUsed", 0), i.intOr("pendingInvitations", 0), billing(i), i.s("ownerId"),
                i.intOr("workspaceCount", 0), i.time("createdAt"));
    }

    private static Billing billing(Item i) {
        String status = i.s("billingStatus");
        return new Billing(status == null ? Billing.NONE : status, i.s("stripeCustomerId"), i.s("stripeSubscriptionId"),
                i.time("billingSyncedAt"));
    }

    // --- Stripe event seen ------------------------------------------------------------------------------------

    /** Kept well past Stripe's three days of retries, then purged by TTL. */
    static final Duration STRIPE_EVENT_RETENTION = Duration.ofDays(30);

    static Map<String, AttributeValue> stripeEvent(String eventId, String type, String orgId, java.time.Instant at) {
        return Item.create()
                .s(PK, Keys.stripeEvent(eventId)).s(SK, STRIPE_EVENT_SK).s(TYPE, "STRIPE_EVENT")
                .s("eventId", eventId).s("eventType", type).s("orgId", orgId).time("receivedAt", at)
                .n(TTL, at.plus(STRIPE_EVENT_RETENTION).getEpochSecond())
                .values();
    }

    // --- member ----------------------------------------------------------------------------------------------

    static Map<String, AttributeValue> member(Member m) {
        return Item.create()
                .s(PK, Keys.org(m.orgId())).s(SK, Keys.member(m.userId())).s(TYPE, "MEMBER")
                .s(GSI1PK, Keys.user(m.userId())).s(GSI1SK, Keys.org(m.orgId()))
                .s("orgId", m.orgId()).s("orgName", m.orgName()).s("userId", m.userId())
                .s("email", m.email().value()).s("name", m.name()).s("role", m.role().name())
                .strings("permissions", m.permissions()).strings("workspaceIds", m.workspaceIds())
                .s("status", m.status().name()).time("joinedAt", m.joinedAt()).s("invitedBy", m.invitedBy())
                .time("lastSeenAt", m.lastSeenAt()).n("version", m.version())
                .values();
    }

    static Member member(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Member(i.s("orgId"), i.s("orgName"), i.s("userId"), new EmailAddress(i.s("email")), i.s("name"),
                Role.valueOf(i.s("role")), i.strings("permissions"), i.strings("workspaceIds"),
                MemberStatus.valueOf(i.s("status")), i.time("joinedAt"), i.s("invitedBy"), i.time("lastSeenAt"),
                i.longOr("version", 0));
    }

    // --- invitation ------------------------------------------------------------------------------------------

    /**
     * @param retention how long a decided (no longer pending) invitation is kept before DynamoDB's TTL purges it;
     *                  its audit entries stay
     */
    static Map<String, AttributeValue> invitation(Invitation inv, Duration retention) {
        Item item = Item.create()
                .s(PK, Keys.org(inv.orgId())).s(SK, Keys.invitation(inv.id())).s(TYPE, "INVITATION")
                .s(GSI1PK, Keys.token(inv.tokenHash())).s(GSI1SK, TOKEN_SK)
                .s(GSI2PK, Keys.invitationsByStatus(inv.orgId(), inv.status()))
                .s(GSI2SK, Keys.invitationByCreation(inv.createdAt(), inv.id()))
                .s("orgId", inv.orgId()).s("orgName", inv.orgName()).s("id", inv.id())
                .s("email", inv.email().value()).s("role", inv.role().name())
                .strings("workspaceIds", inv.workspaceIds()).strings("permissions", inv.permissions())
                .s("status", inv.status().name()).s("invitedBy", inv.invitedBy()).s("invitedByName", inv.invitedByName())
                .s("inviterEmail", inv.inviterEmail() == null ? null : inv.inviterEmail().value())
                .time("createdAt", inv.createdAt()).time("expiresAt", inv.expiresAt())
                .time("lastSentAt", inv.lastSentAt()).s("tokenHash", inv.tokenHash())
                .s("emailStatus", inv.emailStatus() == null ? null : inv.emailStatus().name())
                .s("decidedBy", inv.decidedBy()).time("decidedAt", inv.decidedAt()).n("version", inv.version());
        if (inv.status() == InvitationStatus.PENDING) {
            // Sparse: only pending invitations are in the expiry index, so the sweep reads only what may be due.
            item.s(GSI3PK, EXPIRY_PK).s(GSI3SK, Keys.expirySortKey(inv.expiresAt(), inv.orgId(), inv.id()));
        } else if (inv.decidedAt() != null) {
            item.n(TTL, purgeAt(inv.decidedAt(), retention));
        }
        return item.values();
    }

    static long purgeAt(java.time.Instant decidedAt, Duration retention) {
        return decidedAt.plus(retention).getEpochSecond();
    }

    static Invitation invitation(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        String emailStatus = i.s("emailStatus");
        String inviterEmail = i.s("inviterEmail");
        return new Invitation(i.s("orgId"), i.s("orgName"), i.s("id"), new EmailAddress(i.s("email")),
                Role.valueOf(i.s("role")), i.strings("workspaceIds"), i.strings("permissions"),
                InvitationStatus.valueOf(i.s("status")), i.s("invitedBy"), i.s("invitedByName"),
                inviterEmail == null ? null : new EmailAddress(inviterEmail), i.time("createdAt"),
                i.time("expiresAt"), i.time("lastSentAt"), i.s("tokenHash"),
                emailStatus == null ? null : EmailStatus.valueOf(emailStatus), i.s("decidedBy"), i.time("decidedAt"),
                i.longOr("version", 0));
    }

    // --- email claim -----------------------------------------------------------------------------------------

    static Map<String, AttributeValue> emailClaim(EmailClaim claim) {
        return Item.create()
                .s(PK, Keys.org(claim.orgId())).s(SK, Keys.emailClaim(claim.email())).s(TYPE, "EMAIL_CLAIM")
                .s("orgId", claim.orgId()).s("email", claim.email().value()).s("state", claim.state().name())
                .s("invitationId", claim.invitationId()).s("userId", claim.userId()).s("ref", claimRef(claim))
                .values();
    }

    /** The invitation or user a claim points at, as one attribute so one condition can compare either. */
    static String claimRef(EmailClaim claim) {
        return claim.state() == EmailClaim.State.INVITED ? "invitation:" + claim.invitationId() : "user:" + claim.userId();
    }

    static EmailClaim emailClaim(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new EmailClaim(i.s("orgId"), new EmailAddress(i.s("email")), EmailClaim.State.valueOf(i.s("state")),
                i.s("invitationId"), i.s("userId"));
    }

    // --- workspace, user, audit ------------------------------------------------------------------------------

    static Map<String, AttributeValue> workspace(Workspace w) {
        return Item.create()
                .s(PK, Keys.org(w.orgId())).s(SK, Keys.workspace(w.id())).s(TYPE, "WORKSPACE")
                .s("orgId", w.orgId()).s("id", w.id()).s("name", w.name()).time("createdAt", w.createdAt())
                .values();
    }

    static Map<String, AttributeValue> soleOrg(String userId, String orgId) {
        return Item.create().s(PK, Keys.user(userId)).s(SK, SOLE_ORG_SK).s(TYPE, "SOLE_ORG").s("orgId", orgId).values();
    }

    static Workspace workspace(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Workspace(i.s("orgId"), i.s("id"), i.s("name"), i.time("createdAt"));
    }

    static Map<String, AttributeValue> user(UserProfile user) {
        return Item.create()
                .s(PK, Keys.user(user.userId())).s(SK, PROFILE_SK).s(TYPE, "USER")
                .s(GSI1PK, Keys.userEmail(user.email())).s(GSI1SK, Keys.user(user.userId()))
                .s("userId", user.userId()).s("email", user.email().value()).s("name", user.name())
                .time("updatedAt", user.updatedAt())
                .values();
    }

    static UserProfile user(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new UserProfile(i.s("userId"), new EmailAddress(i.s("email")), i.s("name"), i.time("updatedAt"));
    }

    static Map<String, AttributeValue> audit(AuditEntry e) {
        return Item.create()
                .s(PK, Keys.org(e.orgId())).s(SK, Keys.audit(e.time(), e.id())).s(TYPE, "AUDIT")
                .s("orgId", e.orgId()).s("id", e.id()).time("time", e.time()).s("actor", e.actor())
                .s("action", e.action()).s("target", e.target()).map("before", attributes(e.before()))
                .map("after", attributes(e.after())).s("requestId", e.requestId())
                .n(TTL, e.time().plus(AUDIT_RETENTION).getEpochSecond())
                .values();
    }

    static AuditEntry audit(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new AuditEntry(i.s("orgId"), i.s("id"), i.time("time"), i.s("actor"), i.s("action"), i.s("target"),
                plain(i.map("before")), plain(i.map("after")), i.s("requestId"));
    }

    // --- free-form audit values ------------------------------------------------------------------------------

    static Map<String, AttributeValue> attributes(Map<String, Object> values) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, attribute(v)));
        return result;
    }

    private static AttributeValue attribute(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof Number n) {
            return AttributeValue.fromN(n.toString());
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(ItemMapper::attribute).toList());
        }
        return AttributeValue.fromS(value.toString());
    }

    static Map<String, Object> plain(Map<String, AttributeValue> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, plain(v)));
        return result;
    }

    private static Object plain(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            // Stores may answer 1 as "1.0" or "1E+0": a whole number reads back as a whole number.
            java.math.BigDecimal number = new java.math.BigDecimal(v.n());
            return number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasL()) {
            return v.l().stream().map(ItemMapper::plain).toList();
        }
        return null;
    }
}
