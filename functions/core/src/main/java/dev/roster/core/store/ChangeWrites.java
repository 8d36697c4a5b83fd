package dev.roster.core.store;

import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Purchase;
import dev.roster.core.domain.Role;
import dev.roster.core.port.Change;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.roster.core.store.Attributes.*;
import static dev.roster.core.store.Keys.*;

/**
 * Each {@link Change} as one item of a DynamoDB transaction, its rule stated as the item's condition, together with
 * how to read the item the store returns when that condition fails. One method per kind of change, so a new kind does
 * not compile until it is written here.
 */
final class ChangeWrites implements Change.Visitor<ChangeWrites.Write> {

    /**
     * @param readBack maps the item as it was when the condition failed to what {@code ChangeRejected.current()}
     *                 answers: the part's domain record, or a count or id for the small items
     */
    record Write(TransactWriteItem item, Function<Map<String, AttributeValue>, Object> readBack) {
    }

    private static final String IS_NEW = "attribute_not_exists(#pk)";
    private static final String EXISTS = "attribute_exists(#pk)";
    private static final String CLAIM_HELD = "#state = :state AND #ref = :ref";
    private static final String SOLE_ORG_FREE_OR_SAME = "attribute_not_exists(#pk) OR #orgId = :org";

    private final String table;
    private final Duration invitationRetention;

    ChangeWrites(String table, Duration invitationRetention) {
        this.table = table;
        this.invitationRetention = invitationRetention;
    }

    @Override
    public Write requireMember(Change.RequireMember r) {
        Placeholders p = new Placeholders().name("#status", STATUS).name("#role", ROLE)
                .name("#accessExpiresAt", ACCESS_EXPIRES_AT).s(":active", MemberStatus.ACTIVE.name()).time(":at", r.at());
        List<String> roleRefs = new ArrayList<>();
        r.roles().stream().sorted(Comparator.naturalOrder()).map(Role::name).forEach(role -> {
            String ref = ":role" + roleRefs.size();
            roleRefs.add(ref);
            p.s(ref, role);
        });
        return new Write(check(key(org(r.orgId()), member(r.userId())),
                "#status = :active AND #role IN (" + String.join(", ", roleRefs) + ")"
                        + " AND (attribute_not_exists(#accessExpiresAt) OR #accessExpiresAt > :at)", p), ItemMapper::member);
    }

    @Override
    public Write createOrg(Change.CreateOrg c) {
        return new Write(putNew(ItemMapper.org(c.org())), ItemMapper::org);
    }

    @Override
    public Write adjustSeats(Change.AdjustSeats a) {
        int used = a.memberDelta() + a.pendingDelta();
        Placeholders p = new Placeholders().name("#pk", PK).name("#seatsUsed", SEATS_USED)
                .name("#pendingInvitations", PENDING_INVITATIONS).n(":used", used).n(":pending", a.pendingDelta());
        String condition = EXISTS;
        Org seen = a.limitGuard();
        if (seen != null) {
            p.name("#plan", PLAN).s(":plan", seen.plan()).name("#seatLimit", SEAT_LIMIT);
            condition += " AND #plan = :plan";
            if (seen.seatLimit() == null) {
                condition += " AND attribute_not_exists(#seatLimit)";
            } else {
                p.n(":limit", seen.seatLimit()).n(":max", seen.seatLimit() - used);
                condition += " AND #seatLimit = :limit AND #seatsUsed <= :max";
            }
        }
        return new Write(update(key(org(a.orgId()), ORG_SK), "ADD #seatsUsed :used, #pendingInvitations :pending",
                condition, p), ItemMapper::org);
    }

    @Override
    public Write supersedeInvitation(Change.SupersedeInvitation s) {
        Placeholders p = new Placeholders().name("#status", STATUS).name("#gsi2pk", GSI2PK).name("#decidedAt", DECIDED_AT)
                .name("#ttl", TTL).name("#version", VERSION).name("#gsi3pk", GSI3PK).name("#gsi3sk", GSI3SK)
                .s(":superseded", InvitationStatus.SUPERSEDED.name()).s(":pending", InvitationStatus.PENDING.name())
                .s(":gsi2pk", invitationsByStatus(s.orgId(), InvitationStatus.SUPERSEDED)).time(":at", s.at())
                .n(":one", 1).n(":ttl", ItemMapper.purgeAt(s.at(), invitationRetention));
        return new Write(update(key(org(s.orgId()), invitation(s.invitationId())),
                "SET #status = :superseded, #gsi2pk = :gsi2pk, #decidedAt = :at, #ttl = :ttl ADD #version :one"
                        + " REMOVE #gsi3pk, #gsi3sk", "#status = :pending", p), ItemMapper::invitation);
    }

    @Override
    public Write countInvites(Change.CountInvites c) {
        // The counter outlives its day long enough for any request of that day to find it, then TTL purges it.
        long expires = c.day().plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Placeholders p = new Placeholders().name("#invites", INVITES).name("#ttl", TTL)
                .n(":count", c.count()).n(":max", c.cap() - c.count()).n(":ttl", expires);
        return new Write(update(key(org(c.orgId()), inviteCounter(c.day())), "ADD #invites :count SET #ttl = :ttl",
                "attribute_not_exists(#invites) OR #invites <= :max", p), item -> Item.of(item).intOr(INVITES, 0));
    }

    @Override
    public Write putInvitation(Change.PutInvitation p) {
        return new Write(versioned(ItemMapper.invitation(p.invitation(), invitationRetention), p.expectedVersion()),
                ItemMapper::invitation);
    }

    @Override
    public Write putMember(Change.PutMember p) {
        return new Write(versioned(ItemMapper.member(p.member()), p.expectedVersion()), ItemMapper::member);
    }

    @Override
    public Write putEmailClaim(Change.PutEmailClaim p) {
        Map<String, AttributeValue> item = ItemMapper.emailClaim(p.claim());
        return new Write(p.expected() == null ? putNew(item) : put(item, CLAIM_HELD, claimHeld(p.expected())),
                ItemMapper::emailClaim);
    }

    @Override
    public Write deleteEmailClaim(Change.DeleteEmailClaim d) {
        EmailClaim expected = d.expected();
        return new Write(delete(key(org(expected.orgId()), emailClaim(expected.email())), CLAIM_HELD, claimHeld(expected)),
                ItemMapper::emailClaim);
    }

    @Override
    public Write putUser(Change.PutUser u) {
        // The latest sign-in's identity wins: nothing to compare with.
        return new Write(put(ItemMapper.user(u.user()), null, new Placeholders()), ItemMapper::user);
    }

    @Override
    public Write putAudit(Change.PutAudit a) {
        return new Write(putNew(ItemMapper.audit(a.entry())), ItemMapper::audit);
    }

    @Override
    public Write deleteMember(Change.DeleteMember d) {
        return new Write(delete(key(org(d.expected().orgId()), member(d.expected().userId())), "#version = :version",
                new Placeholders().name("#version", VERSION).n(":version", d.expected().version())), ItemMapper::member);
    }

    @Override
    public Write setOwner(Change.SetOwner o) {
        Placeholders p = new Placeholders().name("#ownerId", OWNER_ID)
                .s(":new", o.newOwnerId()).s(":expected", o.expectedOwnerId());
        return new Write(update(key(org(o.orgId()), ORG_SK), "SET #ownerId = :new", "#ownerId = :expected", p),
                ItemMapper::org);
    }

    @Override
    public Write requireWorkspace(Change.RequireWorkspace w) {
        return new Write(check(key(org(w.orgId()), workspace(w.workspaceId())), EXISTS, new Placeholders().name("#pk", PK)),
                ItemMapper::workspace);
    }

    @Override
    public Write putWorkspace(Change.PutWorkspace w) {
        return new Write(putNew(ItemMapper.workspace(w.workspace())), ItemMapper::workspace);
    }

    @Override
    public Write deleteWorkspace(Change.DeleteWorkspace w) {
        return new Write(delete(key(org(w.orgId()), workspace(w.workspaceId())), EXISTS, new Placeholders().name("#pk", PK)),
                ItemMapper::workspace);
    }

    @Override
    public Write countWorkspaces(Change.CountWorkspaces c) {
        Placeholders p = new Placeholders().name("#pk", PK).name("#workspaceCount", WORKSPACE_COUNT).n(":delta", c.delta());
        String condition = EXISTS;
        if (c.delta() > 0) {
            p.n(":max", c.limit() - c.delta());
            condition += " AND (attribute_not_exists(#workspaceCount) OR #workspaceCount <= :max)";
        }
        return new Write(update(key(org(c.orgId()), ORG_SK), "ADD #workspaceCount :delta", condition, p), ItemMapper::org);
    }

    @Override
    public Write claimSoleOrg(Change.ClaimSoleOrg c) {
        return new Write(put(ItemMapper.soleOrg(c.userId(), c.orgId()), SOLE_ORG_FREE_OR_SAME, soleOrg(c.orgId())),
                item -> Item.of(item).s(ORG_ID));
    }

    @Override
    public Write releaseSoleOrg(Change.ReleaseSoleOrg r) {
        return new Write(delete(key(user(r.userId()), SOLE_ORG_SK), SOLE_ORG_FREE_OR_SAME, soleOrg(r.orgId())),
                item -> Item.of(item).s(ORG_ID));
    }

    @Override
    public Write setPlan(Change.SetPlan s) {
        Billing billing = s.billing();
        Placeholders p = new Placeholders().name("#pk", PK).name("#plan", PLAN).name("#extraSeats", EXTRA_SEATS)
                .name("#billingStatus", BILLING_STATUS).name("#planSource", PLAN_SOURCE)
                .name("#billingSyncedAt", BILLING_SYNCED_AT).name("#seatLimit", SEAT_LIMIT)
                .name("#oneTimePlan", ONE_TIME_PLAN).name("#oneTimePaymentId", ONE_TIME_PAYMENT_ID)
                .s(":plan", s.plan()).n(":extra", s.extraSeats()).s(":status", billing.status())
                .s(":source", billing.source().name());
        List<String> sets = new ArrayList<>(List.of("#plan = :plan", "#extraSeats = :extra", "#billingStatus = :status",
                "#planSource = :source"));
        List<String> removes = new ArrayList<>();
        if (billing.syncedAt() != null) {
            p.time(":syncedAt", billing.syncedAt());
            sets.add("#billingSyncedAt = :syncedAt");
        }
        if (s.seatLimit() == null) {
            removes.add("#seatLimit");
        } else {
            p.n(":limit", s.seatLimit());
            sets.add("#seatLimit = :limit");
        }
        if (billing.customerId() != null) {
            p.name("#stripeCustomerId", STRIPE_CUSTOMER_ID).s(":customer", billing.customerId());
            sets.add("#stripeCustomerId = :customer");
        }
        if (billing.subscriptionId() != null) {
            p.name("#stripeSubscriptionId", STRIPE_SUBSCRIPTION_ID).s(":subscription", billing.subscriptionId());
            sets.add("#stripeSubscriptionId = :subscription");
        }
        if (billing.oneTime() == null) {
            removes.addAll(List.of("#oneTimePlan", "#oneTimePaymentId"));
        } else {
            p.s(":oneTimePlan", billing.oneTime().plan()).s(":oneTimePayment", billing.oneTime().paymentId());
            sets.addAll(List.of("#oneTimePlan = :oneTimePlan", "#oneTimePaymentId = :oneTimePayment"));
        }
        String condition = EXISTS + " AND ";
        if (s.seen().syncedAt() == null) {
            condition += "attribute_not_exists(#billingSyncedAt)";
        } else {
            p.time(":seen", s.seen().syncedAt());
            condition += "#billingSyncedAt = :seen";
        }
        if (s.seen().oneTime() == null) {
            condition += " AND attribute_not_exists(#oneTimePaymentId)";
        } else {
            p.s(":seenPayment", s.seen().oneTime().paymentId());
            condition += " AND #oneTimePaymentId = :seenPayment";
        }
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return new Write(update(key(org(s.orgId()), ORG_SK), update, condition, p), ItemMapper::org);
    }

    @Override
    public Write recordPurchase(Change.RecordPurchase r) {
        return new Write(putNew(ItemMapper.purchase(r.purchase())), ItemMapper::purchase);
    }

    @Override
    public Write recordRefund(Change.RecordRefund r) {
        // Unconditional: a refund is final, whatever was recorded before; the first refund's time stays.
        Placeholders p = new Placeholders().name("#type", TYPE).name("#orgId", ORG_ID).name("#paymentId", PAYMENT_ID)
                .name("#status", STATUS).name("#refundedAt", REFUNDED_AT)
                .s(":type", ItemMapper.PURCHASE_TYPE).s(":org", r.orgId()).s(":payment", r.paymentId())
                .s(":refunded", Purchase.Status.REFUNDED.name()).time(":at", r.at());
        return new Write(update(key(org(r.orgId()), purchase(r.paymentId())), "SET #type = :type, #orgId = :org,"
                + " #paymentId = :payment, #status = :refunded, #refundedAt = if_not_exists(#refundedAt, :at)", null, p),
                ItemMapper::purchase);
    }

    @Override
    public Write recordStripeEvent(Change.RecordStripeEvent e) {
        return new Write(putNew(ItemMapper.stripeEvent(e.eventId(), e.type(), e.orgId(), e.at())),
                item -> Item.of(item).s(EVENT_ID));
    }

    // --- the shapes every write takes ------------------------------------------------------------------------

    private static Placeholders claimHeld(EmailClaim expected) {
        return new Placeholders().name("#state", STATE).name("#ref", REF)
                .s(":state", expected.state().name()).s(":ref", ItemMapper.claimRef(expected));
    }

    private static Placeholders soleOrg(String orgId) {
        return new Placeholders().name("#pk", PK).name("#orgId", ORG_ID).s(":org", orgId);
    }

    /** {@code expectedVersion} null: the item must not exist yet; else it must still be at that version. */
    private TransactWriteItem versioned(Map<String, AttributeValue> item, Long expectedVersion) {
        return expectedVersion == null ? putNew(item) : put(item, "#version = :version",
                new Placeholders().name("#version", VERSION).n(":version", expectedVersion));
    }

    /** A put that creates its item and never replaces one. */
    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return put(item, IS_NEW, new Placeholders().name("#pk", PK));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Placeholders p) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).expressionAttributeNames(p.names()).expressionAttributeValues(p.values())
                .returnValuesOnConditionCheckFailure(oldItemOnFailure(condition)).build()).build();
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String update, String condition, Placeholders p) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(p.names()).expressionAttributeValues(p.values())
                .returnValuesOnConditionCheckFailure(oldItemOnFailure(condition)).build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key, String condition, Placeholders p) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeNames(p.names()).expressionAttributeValues(p.values())
                .returnValuesOnConditionCheckFailure(oldItemOnFailure(condition)).build()).build();
    }

    private TransactWriteItem check(Map<String, AttributeValue> key, String condition, Placeholders p) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeNames(p.names()).expressionAttributeValues(p.values())
                .returnValuesOnConditionCheckFailure(oldItemOnFailure(condition)).build()).build();
    }

    /** Every conditional write answers a failure with the item as it is, so the caller decides on what is there. */
    private static ReturnValuesOnConditionCheckFailure oldItemOnFailure(String condition) {
        return condition == null ? null : ReturnValuesOnConditionCheckFailure.ALL_OLD;
    }
}
