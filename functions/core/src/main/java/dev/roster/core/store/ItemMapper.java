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
import dev.roster.core.domain.OneTimePlan;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.PlanSource;
import dev.roster.core.domain.Purchase;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Workspace;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.roster.core.store.Attributes.*;
import static dev.roster.core.store.Keys.*;

/** Domain records to items and back: the only place that lays out items, with the names of {@link Attributes}. */
final class ItemMapper {

    /** The {@link Attributes#TYPE} of an audit entry, which the stream publishes. */
    static final String AUDIT_TYPE = "AUDIT";
    static final Duration AUDIT_RETENTION = Duration.ofDays(365);

    private ItemMapper() {
    }

    // --- org -------------------------------------------------------------------------------------------------

    static Map<String, AttributeValue> org(Org org) {
        return Item.create()
                .s(PK, Keys.org(org.id())).s(SK, ORG_SK).s(TYPE, "ORG")
                .s(ID, org.id()).s(NAME, org.name()).s(PLAN, org.plan()).n(EXTRA_SEATS, org.extraSeats())
                .n(SEAT_LIMIT, org.seatLimit()).n(SEATS_USED, org.seatsUsed())
                .n(PENDING_INVITATIONS, org.pendingInvitations()).s(BILLING_STATUS, org.billing().status())
                .s(STRIPE_CUSTOMER_ID, org.billing().customerId()).s(STRIPE_SUBSCRIPTION_ID, org.billing().subscriptionId())
                .time(BILLING_SYNCED_AT, org.billing().syncedAt()).s(PLAN_SOURCE, org.billing().source().name())
                .s(ONE_TIME_PLAN, org.billing().oneTime() == null ? null : org.billing().oneTime().plan())
                .s(ONE_TIME_PAYMENT_ID, org.billing().oneTime() == null ? null : org.billing().oneTime().paymentId())
                .s(OWNER_ID, org.ownerId()).n(WORKSPACE_COUNT, org.workspaces()).time(CREATED_AT, org.createdAt())
                .values();
    }

    static Org org(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Org(i.s(ID), i.s(NAME), i.s(PLAN), i.intOr(EXTRA_SEATS, 0), i.intOrNull(SEAT_LIMIT),
                i.intOr(SEATS_USED, 0), i.intOr(PENDING_INVITATIONS, 0), billing(i), i.s(OWNER_ID),
                i.intOr(WORKSPACE_COUNT, 0), i.time(CREATED_AT));
    }

    private static Billing billing(Item i) {
        String status = i.s(BILLING_STATUS) == null ? Billing.NONE : i.s(BILLING_STATUS);
        String source = i.s(PLAN_SOURCE);
        String oneTimePayment = i.s(ONE_TIME_PAYMENT_ID);
        Billing read = new Billing(status, i.s(STRIPE_CUSTOMER_ID), i.s(STRIPE_SUBSCRIPTION_ID), i.time(BILLING_SYNCED_AT),
                PlanSource.DEFAULT, oneTimePayment == null ? null : new OneTimePlan(i.s(ONE_TIME_PLAN), oneTimePayment));
        // Orgs written before plans were sold once carry no source: their plan was their subscription's, if any.
        return read.withOneTime(read.oneTime(), source != null ? PlanSource.valueOf(source)
                : read.running() ? PlanSource.SUBSCRIPTION : PlanSource.DEFAULT);
    }

    // --- one-time purchase -----------------------------------------------------------------------------------

    static final String PURCHASE_TYPE = "PURCHASE";

    static Map<String, AttributeValue> purchase(Purchase p) {
        return Item.create()
                .s(PK, Keys.org(p.orgId())).s(SK, Keys.purchase(p.paymentId())).s(TYPE, PURCHASE_TYPE)
                .s(ORG_ID, p.orgId()).s(PAYMENT_ID, p.paymentId()).s(PLAN, p.plan()).s(STATUS, p.status().name())
                .time(PAID_AT, p.paidAt()).time(REFUNDED_AT, p.refundedAt())
                .values();
    }

    static Purchase purchase(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Purchase(i.s(ORG_ID), i.s(PAYMENT_ID), i.s(PLAN), Purchase.Status.valueOf(i.s(STATUS)),
                i.time(PAID_AT), i.time(REFUNDED_AT));
    }

    // --- Stripe event seen ------------------------------------------------------------------------------------

    /** Kept well past Stripe's three days of retries, then purged by TTL. */
    static final Duration STRIPE_EVENT_RETENTION = Duration.ofDays(30);

    static Map<String, AttributeValue> stripeEvent(String eventId, String type, String orgId, java.time.Instant at) {
        return Item.create()
                .s(PK, Keys.stripeEvent(eventId)).s(SK, STRIPE_EVENT_SK).s(TYPE, "STRIPE_EVENT")
                .s(EVENT_ID, eventId).s(EVENT_TYPE, type).s(ORG_ID, orgId).time(RECEIVED_AT, at)
                .n(TTL, at.plus(STRIPE_EVENT_RETENTION).getEpochSecond())
                .values();
    }

    // --- member ----------------------------------------------------------------------------------------------

    static Map<String, AttributeValue> member(Member m) {
        Item item = Item.create()
                .s(PK, Keys.org(m.orgId())).s(SK, Keys.member(m.userId())).s(TYPE, "MEMBER")
                .s(GSI1PK, Keys.user(m.userId())).s(GSI1SK, Keys.org(m.orgId()))
                .s(GSI2PK, Keys.membersByName(m.orgId())).s(GSI2SK, Keys.memberByName(m.name(), m.email(), m.userId()))
                .s(ORG_ID, m.orgId()).s(ORG_NAME, m.orgName()).s(USER_ID, m.userId())
                .s(EMAIL, m.email().value()).s(NAME, m.name()).s(ROLE, m.role().name())
                .strings(PERMISSIONS, m.permissions()).strings(WORKSPACE_IDS, m.workspaceIds())
                .s(STATUS, m.status().name()).time(JOINED_AT, m.joinedAt()).s(INVITED_BY, m.invitedBy())
                .s(INVITED_BY_NAME, m.invitedByName()).time(LAST_SEEN_AT, m.lastSeenAt())
                .time(ACCESS_EXPIRES_AT, m.accessExpiresAt()).n(VERSION, m.version());
        if (m.isActive() && m.accessExpiresAt() != null) {
            // Sparse: only active members whose access ends are in the index, so the sweep reads only what may be due.
            item.s(GSI3PK, ACCESS_EXPIRY_PK).s(GSI3SK, Keys.accessExpirySortKey(m.accessExpiresAt(), m.orgId(), m.userId()));
        }
        return item.values();
    }

    static Member member(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Member(i.s(ORG_ID), i.s(ORG_NAME), i.s(USER_ID), new EmailAddress(i.s(EMAIL)), i.s(NAME),
                Role.valueOf(i.s(ROLE)), i.strings(PERMISSIONS), i.strings(WORKSPACE_IDS),
                MemberStatus.valueOf(i.s(STATUS)), i.time(JOINED_AT), i.s(INVITED_BY), i.s(INVITED_BY_NAME),
                i.time(LAST_SEEN_AT), i.time(ACCESS_EXPIRES_AT), i.longOr(VERSION, 0));
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
                .s(ORG_ID, inv.orgId()).s(ORG_NAME, inv.orgName()).s(ID, inv.id())
                .s(EMAIL, inv.email().value()).s(ROLE, inv.role().name())
                .strings(WORKSPACE_IDS, inv.workspaceIds()).strings(PERMISSIONS, inv.permissions())
                .s(STATUS, inv.status().name()).s(INVITED_BY, inv.invitedBy()).s(INVITED_BY_NAME, inv.invitedByName())
                .s(INVITER_EMAIL, inv.inviterEmail() == null ? null : inv.inviterEmail().value())
                .time(CREATED_AT, inv.createdAt()).time(EXPIRES_AT, inv.expiresAt())
                .time(LAST_SENT_AT, inv.lastSentAt()).s(TOKEN_HASH, inv.tokenHash())
                .s(EMAIL_STATUS, inv.emailStatus() == null ? null : inv.emailStatus().name())
                .s(DECIDED_BY, inv.decidedBy()).time(DECIDED_AT, inv.decidedAt()).n(VERSION, inv.version());
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
        String emailStatus = i.s(EMAIL_STATUS);
        String inviterEmail = i.s(INVITER_EMAIL);
        return new Invitation(i.s(ORG_ID), i.s(ORG_NAME), i.s(ID), new EmailAddress(i.s(EMAIL)),
                Role.valueOf(i.s(ROLE)), i.strings(WORKSPACE_IDS), i.strings(PERMISSIONS),
                InvitationStatus.valueOf(i.s(STATUS)), i.s(INVITED_BY), i.s(INVITED_BY_NAME),
                inviterEmail == null ? null : new EmailAddress(inviterEmail), i.time(CREATED_AT),
                i.time(EXPIRES_AT), i.time(LAST_SENT_AT), i.s(TOKEN_HASH),
                emailStatus == null ? null : EmailStatus.valueOf(emailStatus), i.s(DECIDED_BY), i.time(DECIDED_AT),
                i.longOr(VERSION, 0));
    }

    // --- email claim -----------------------------------------------------------------------------------------

    static Map<String, AttributeValue> emailClaim(EmailClaim claim) {
        return Item.create()
                .s(PK, Keys.org(claim.orgId())).s(SK, Keys.emailClaim(claim.email())).s(TYPE, "EMAIL_CLAIM")
                .s(ORG_ID, claim.orgId()).s(EMAIL, claim.email().value()).s(STATE, claim.state().name())
                .s(INVITATION_ID, claim.invitationId()).s(USER_ID, claim.userId()).s(REF, claimRef(claim))
                .values();
    }

    /** The invitation or user a claim points at, as one attribute so one condition can compare either. */
    static String claimRef(EmailClaim claim) {
        return claim.state() == EmailClaim.State.INVITED ? "invitation:" + claim.invitationId() : "user:" + claim.userId();
    }

    static EmailClaim emailClaim(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new EmailClaim(i.s(ORG_ID), new EmailAddress(i.s(EMAIL)), EmailClaim.State.valueOf(i.s(STATE)),
                i.s(INVITATION_ID), i.s(USER_ID));
    }

    // --- workspace, user, audit ------------------------------------------------------------------------------

    static Map<String, AttributeValue> workspace(Workspace w) {
        return Item.create()
                .s(PK, Keys.org(w.orgId())).s(SK, Keys.workspace(w.id())).s(TYPE, "WORKSPACE")
                .s(ORG_ID, w.orgId()).s(ID, w.id()).s(NAME, w.name()).time(CREATED_AT, w.createdAt())
                .values();
    }

    static Map<String, AttributeValue> soleOrg(String userId, String orgId) {
        return Item.create().s(PK, Keys.user(userId)).s(SK, SOLE_ORG_SK).s(TYPE, "SOLE_ORG").s(ORG_ID, orgId).values();
    }

    static Workspace workspace(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new Workspace(i.s(ORG_ID), i.s(ID), i.s(NAME), i.time(CREATED_AT));
    }

    static Map<String, AttributeValue> user(UserProfile user) {
        return Item.create()
                .s(PK, Keys.user(user.userId())).s(SK, PROFILE_SK).s(TYPE, "USER")
                .s(GSI1PK, Keys.userEmail(user.email())).s(GSI1SK, Keys.user(user.userId()))
                .s(USER_ID, user.userId()).s(EMAIL, user.email().value()).s(NAME, user.name())
                .time(UPDATED_AT, user.updatedAt())
                .values();
    }

    static UserProfile user(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new UserProfile(i.s(USER_ID), new EmailAddress(i.s(EMAIL)), i.s(NAME), i.time(UPDATED_AT));
    }

    static Map<String, AttributeValue> audit(AuditEntry e) {
        return Item.create()
                .s(PK, Keys.org(e.orgId())).s(SK, Keys.audit(e.time(), e.id())).s(TYPE, AUDIT_TYPE)
                .s(ORG_ID, e.orgId()).s(ID, e.id()).time(TIME, e.time()).s(ACTOR, e.actor())
                .s(ACTION, e.action()).s(TARGET, e.target()).map(BEFORE, attributes(e.before()))
                .map(AFTER, attributes(e.after())).s(REQUEST_ID, e.requestId())
                .n(TTL, e.time().plus(AUDIT_RETENTION).getEpochSecond())
                .values();
    }

    static AuditEntry audit(Map<String, AttributeValue> values) {
        Item i = Item.of(values);
        return new AuditEntry(i.s(ORG_ID), i.s(ID), i.time(TIME), i.s(ACTOR), i.s(ACTION), i.s(TARGET),
                plain(i.map(BEFORE)), plain(i.map(AFTER)), i.s(REQUEST_ID));
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
