package dev.roster.core.store;

import dev.roster.core.domain.Billing;
import dev.roster.core.domain.OneTimePlan;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.PlanSource;
import dev.roster.core.domain.Role;
import dev.roster.core.port.Change;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.roster.core.store.StoreSamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each change's rule as the table enforces it: the item it guards, its condition, and what the condition's
 * placeholders stand for, to the letter. A guard weakened by accident fails here, not in production.
 */
class ChangeConditionsTest {

    private static final String IS_NEW = "attribute_not_exists(#pk)";
    private static final Map<String, String> PK_NAME = Map.of("#pk", "PK");
    private static final Map<String, AttributeValue> NO_VALUES = Map.of();

    /** What a transaction item says, whichever of put, update, delete or condition check it is. */
    private record Written(String action, Map<String, AttributeValue> key, String update, String condition,
                           Map<String, String> names, Map<String, AttributeValue> values,
                           ReturnValuesOnConditionCheckFailure onFailure) {
    }

    private static Written written(Change change) {
        TransactWriteItem item = change.accept(writes()).item();
        if (item.put() != null) {
            var put = item.put();
            return new Written("put", Keys.key(put.item().get(Keys.PK).s(), put.item().get(Keys.SK).s()), null,
                    put.conditionExpression(), put.expressionAttributeNames(), put.expressionAttributeValues(),
                    put.returnValuesOnConditionCheckFailure());
        }
        if (item.update() != null) {
            var update = item.update();
            return new Written("update", update.key(), update.updateExpression(), update.conditionExpression(),
                    update.expressionAttributeNames(), update.expressionAttributeValues(),
                    update.returnValuesOnConditionCheckFailure());
        }
        if (item.delete() != null) {
            var delete = item.delete();
            return new Written("delete", delete.key(), null, delete.conditionExpression(),
                    delete.expressionAttributeNames(), delete.expressionAttributeValues(),
                    delete.returnValuesOnConditionCheckFailure());
        }
        var check = item.conditionCheck();
        return new Written("check", check.key(), null, check.conditionExpression(), check.expressionAttributeNames(),
                check.expressionAttributeValues(), check.returnValuesOnConditionCheckFailure());
    }

    private static void assertGuard(Written written, String action, Map<String, AttributeValue> key, String condition,
                                    Map<String, String> names, Map<String, AttributeValue> values) {
        assertEquals(action, written.action());
        assertEquals(key, written.key());
        assertEquals(condition, written.condition());
        assertEquals(names, written.names());
        assertEquals(values, written.values());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, written.onFailure(),
                "a failed condition answers the item as it is");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Keys.key(pk, sk);
    }

    @Test
    void requireMemberChecksTheCallersMembershipIsActiveWithOneOfTheRolesAndItsAccessNotEnded() {
        assertGuard(written(new Change.RequireMember("org1", "user1", Role.MANAGERS, T0)), "check",
                key("ORG#org1", "MEMBER#user1"), "#status = :active AND #role IN (:role0, :role1)"
                        + " AND (attribute_not_exists(#accessExpiresAt) OR #accessExpiresAt > :at)",
                Map.of("#status", "status", "#role", "role", "#accessExpiresAt", "accessExpiresAt"),
                Map.of(":active", s("ACTIVE"), ":role0", s("OWNER"), ":role1", s("ADMIN"),
                        ":at", s("2026-03-01T09:30:00.123Z")));
    }

    @Test
    void createOrgNeverReplacesAnOrg() {
        assertGuard(written(new Change.CreateOrg(ORG)), "put", key("ORG#org1", "ORG"), IS_NEW, PK_NAME, NO_VALUES);
    }

    @Test
    void adjustSeatsWithoutAGuardOnlyNeedsTheOrg() {
        Written w = written(new Change.AdjustSeats("org1", 0, -1, null));
        assertEquals("ADD #seatsUsed :used, #pendingInvitations :pending", w.update());
        assertGuard(w, "update", key("ORG#org1", "ORG"), "attribute_exists(#pk)",
                Map.of("#pk", "PK", "#seatsUsed", "seatsUsed", "#pendingInvitations", "pendingInvitations"),
                Map.of(":used", n(-1), ":pending", n(-1)));
    }

    @Test
    void adjustSeatsWithAGuardKeepsThePlanAndLimitAndStaysWithinIt() {
        Written w = written(new Change.AdjustSeats("org1", 1, 1, ORG));
        assertEquals("ADD #seatsUsed :used, #pendingInvitations :pending", w.update());
        assertGuard(w, "update", key("ORG#org1", "ORG"),
                "attribute_exists(#pk) AND #plan = :plan AND #seatLimit = :limit AND #seatsUsed <= :max",
                Map.of("#pk", "PK", "#seatsUsed", "seatsUsed", "#pendingInvitations", "pendingInvitations",
                        "#plan", "plan", "#seatLimit", "seatLimit"),
                Map.of(":used", n(2), ":pending", n(1), ":plan", s("PRO"), ":limit", n(12), ":max", n(10)));
    }

    @Test
    void adjustSeatsOnAnUnlimitedPlanKeepsThePlanUnlimited() {
        Org unlimited = new Org("org1", "Acme", "ENTERPRISE", 0, null, 40, 3, Billing.none(), "owner1", 0, T0);
        assertGuard(written(new Change.AdjustSeats("org1", 0, 1, unlimited)), "update", key("ORG#org1", "ORG"),
                "attribute_exists(#pk) AND #plan = :plan AND attribute_not_exists(#seatLimit)",
                Map.of("#pk", "PK", "#seatsUsed", "seatsUsed", "#pendingInvitations", "pendingInvitations",
                        "#plan", "plan", "#seatLimit", "seatLimit"),
                Map.of(":used", n(1), ":pending", n(1), ":plan", s("ENTERPRISE")));
    }

    @Test
    void supersedeInvitationOnlyTouchesAPendingInvitation() {
        Written w = written(new Change.SupersedeInvitation("org1", "inv1", T0));
        assertEquals("SET #status = :superseded, #gsi2pk = :gsi2pk, #decidedAt = :at, #ttl = :ttl ADD #version :one"
                + " REMOVE #gsi3pk, #gsi3sk", w.update());
        assertGuard(w, "update", key("ORG#org1", "INVITATION#inv1"), "#status = :pending",
                Map.of("#status", "status", "#gsi2pk", "GSI2PK", "#decidedAt", "decidedAt", "#ttl", "ttl",
                        "#version", "version", "#gsi3pk", "GSI3PK", "#gsi3sk", "GSI3SK"),
                Map.of(":superseded", s("SUPERSEDED"), ":pending", s("PENDING"),
                        ":gsi2pk", s("ORG#org1#INVITATIONS#SUPERSEDED"), ":at", s("2026-03-01T09:30:00.123Z"),
                        ":one", n(1), ":ttl", n(Instant.parse("2026-03-31T09:30:00.123Z").getEpochSecond())));
    }

    @Test
    void countInvitesStaysWithinTheDailyCap() {
        Written w = written(new Change.CountInvites("org1", LocalDate.of(2026, 3, 1), 2, 50));
        assertEquals("ADD #invites :count SET #ttl = :ttl", w.update());
        assertGuard(w, "update", key("ORG#org1", "INVITES#2026-03-01"),
                "attribute_not_exists(#invites) OR #invites <= :max", Map.of("#invites", "invites", "#ttl", "ttl"),
                Map.of(":count", n(2), ":max", n(48),
                        ":ttl", n(LocalDate.of(2026, 3, 3).atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
    }

    @Test
    void putInvitationCreatesOrReplacesTheVersionItRead() {
        assertGuard(written(new Change.PutInvitation(INVITATION, null)), "put", key("ORG#org1", "INVITATION#inv1"),
                IS_NEW, PK_NAME, NO_VALUES);
        assertGuard(written(new Change.PutInvitation(INVITATION, 4L)), "put", key("ORG#org1", "INVITATION#inv1"),
                "#version = :version", Map.of("#version", "version"), Map.of(":version", n(4)));
    }

    @Test
    void putMemberCreatesOrReplacesTheVersionItRead() {
        assertGuard(written(new Change.PutMember(MEMBER, null)), "put", key("ORG#org1", "MEMBER#user1"),
                IS_NEW, PK_NAME, NO_VALUES);
        assertGuard(written(new Change.PutMember(MEMBER, 2L)), "put", key("ORG#org1", "MEMBER#user1"),
                "#version = :version", Map.of("#version", "version"), Map.of(":version", n(2)));
    }

    @Test
    void putEmailClaimClaimsAFreeEmailOrReplacesTheClaimItRead() {
        assertGuard(written(new Change.PutEmailClaim(INVITED, null)), "put", key("ORG#org1", "EMAIL#ivan@example.com"),
                IS_NEW, PK_NAME, NO_VALUES);
        assertGuard(written(new Change.PutEmailClaim(JOINED, INVITED)), "put", key("ORG#org1", "EMAIL#ivan@example.com"),
                "#state = :state AND #ref = :ref", Map.of("#state", "state", "#ref", "ref"),
                Map.of(":state", s("INVITED"), ":ref", s("invitation:inv1")));
    }

    @Test
    void deleteEmailClaimRemovesOnlyTheClaimItRead() {
        assertGuard(written(new Change.DeleteEmailClaim(JOINED)), "delete", key("ORG#org1", "EMAIL#ivan@example.com"),
                "#state = :state AND #ref = :ref", Map.of("#state", "state", "#ref", "ref"),
                Map.of(":state", s("MEMBER"), ":ref", s("user:user1")));
    }

    @Test
    void putUserRecordsTheLatestIdentityWithoutACondition() {
        Written w = written(new Change.PutUser(USER));
        assertEquals("put", w.action());
        assertEquals(key("USER#user1", "PROFILE"), w.key());
        assertNull(w.condition());
        assertEquals(Map.of(), w.names());
        assertEquals(NO_VALUES, w.values());
    }

    @Test
    void putAuditNeverReplacesAnEntry() {
        assertGuard(written(new Change.PutAudit(AUDIT)), "put", key("ORG#org1", "AUDIT#2026-03-01T09:30:00.123Z#aud1"),
                IS_NEW, PK_NAME, NO_VALUES);
    }

    @Test
    void deleteMemberRemovesOnlyTheVersionItRead() {
        assertGuard(written(new Change.DeleteMember(MEMBER)), "delete", key("ORG#org1", "MEMBER#user1"),
                "#version = :version", Map.of("#version", "version"), Map.of(":version", n(3)));
    }

    @Test
    void setOwnerMovesOwnershipOnlyFromTheOwnerItRead() {
        Written w = written(new Change.SetOwner("org1", "owner1", "user1"));
        assertEquals("SET #ownerId = :new", w.update());
        assertGuard(w, "update", key("ORG#org1", "ORG"), "#ownerId = :expected", Map.of("#ownerId", "ownerId"),
                Map.of(":new", s("user1"), ":expected", s("owner1")));
    }

    @Test
    void requireWorkspaceChecksTheWorkspaceExists() {
        assertGuard(written(new Change.RequireWorkspace("org1", "ws1")), "check", key("ORG#org1", "WORKSPACE#ws1"),
                "attribute_exists(#pk)", PK_NAME, NO_VALUES);
    }

    @Test
    void putWorkspaceNeverReplacesOne() {
        assertGuard(written(new Change.PutWorkspace(WORKSPACE)), "put", key("ORG#org1", "WORKSPACE#ws1"), IS_NEW,
                PK_NAME, NO_VALUES);
    }

    @Test
    void deleteWorkspaceNeedsTheWorkspace() {
        assertGuard(written(new Change.DeleteWorkspace("org1", "ws1")), "delete", key("ORG#org1", "WORKSPACE#ws1"),
                "attribute_exists(#pk)", PK_NAME, NO_VALUES);
    }

    @Test
    void countWorkspacesUpStaysWithinTheLimitAndDownOnlyNeedsTheOrg() {
        Written up = written(new Change.CountWorkspaces("org1", 1, 10));
        assertEquals("ADD #workspaceCount :delta", up.update());
        assertGuard(up, "update", key("ORG#org1", "ORG"),
                "attribute_exists(#pk) AND (attribute_not_exists(#workspaceCount) OR #workspaceCount <= :max)",
                Map.of("#pk", "PK", "#workspaceCount", "workspaceCount"), Map.of(":delta", n(1), ":max", n(9)));
        Written down = written(new Change.CountWorkspaces("org1", -1, 10));
        assertEquals("ADD #workspaceCount :delta", down.update());
        assertGuard(down, "update", key("ORG#org1", "ORG"), "attribute_exists(#pk)",
                Map.of("#pk", "PK", "#workspaceCount", "workspaceCount"), Map.of(":delta", n(-1)));
    }

    @Test
    void claimSoleOrgTakesAFreeClaimOrTheSameOrgsAgain() {
        assertGuard(written(new Change.ClaimSoleOrg("user1", "org1")), "put", key("USER#user1", "SOLE_ORG"),
                "attribute_not_exists(#pk) OR #orgId = :org", Map.of("#pk", "PK", "#orgId", "orgId"),
                Map.of(":org", s("org1")));
    }

    @Test
    void releaseSoleOrgReleasesOnlyTheOrgsOwnClaim() {
        assertGuard(written(new Change.ReleaseSoleOrg("user1", "org1")), "delete", key("USER#user1", "SOLE_ORG"),
                "attribute_not_exists(#pk) OR #orgId = :org", Map.of("#pk", "PK", "#orgId", "orgId"),
                Map.of(":org", s("org1")));
    }

    @Test
    void setPlanForTheFirstTimeNeedsAnOrgNeverSyncedAndHoldingNoPlanBoughtOnce() {
        Billing subscribed = new Billing("ACTIVE", "cus_1", "sub_1", T0, PlanSource.SUBSCRIPTION, null);
        Written w = written(new Change.SetPlan("org1", "PRO", 2, 12, subscribed, Billing.none()));
        assertEquals("SET #plan = :plan, #extraSeats = :extra, #billingStatus = :status, #planSource = :source,"
                + " #billingSyncedAt = :syncedAt, #seatLimit = :limit, #stripeCustomerId = :customer,"
                + " #stripeSubscriptionId = :subscription REMOVE #oneTimePlan, #oneTimePaymentId", w.update());
        assertGuard(w, "update", key("ORG#org1", "ORG"),
                "attribute_exists(#pk) AND attribute_not_exists(#billingSyncedAt) AND attribute_not_exists(#oneTimePaymentId)",
                Map.ofEntries(Map.entry("#pk", "PK"), Map.entry("#plan", "plan"), Map.entry("#extraSeats", "extraSeats"),
                        Map.entry("#billingStatus", "billingStatus"), Map.entry("#planSource", "planSource"),
                        Map.entry("#billingSyncedAt", "billingSyncedAt"), Map.entry("#seatLimit", "seatLimit"),
                        Map.entry("#oneTimePlan", "oneTimePlan"), Map.entry("#oneTimePaymentId", "oneTimePaymentId"),
                        Map.entry("#stripeCustomerId", "stripeCustomerId"),
                        Map.entry("#stripeSubscriptionId", "stripeSubscriptionId")),
                Map.of(":plan", s("PRO"), ":extra", n(2), ":status", s("ACTIVE"), ":source", s("SUBSCRIPTION"),
                        ":syncedAt", s("2026-03-01T09:30:00.123Z"), ":limit", n(12), ":customer", s("cus_1"),
                        ":subscription", s("sub_1")));
    }

    @Test
    void setPlanLaterReplacesOnlyTheStateItRead() {
        Instant later = T0.plusSeconds(60);
        OneTimePlan founder = new OneTimePlan("FOUNDER", "pi_1");
        Billing seen = new Billing("ACTIVE", null, "sub_1", T0, PlanSource.ONE_TIME, founder);
        Written w = written(new Change.SetPlan("org1", "ENTERPRISE", 0, null,
                new Billing("CANCELED", null, null, later, PlanSource.ONE_TIME, founder), seen));
        assertEquals("SET #plan = :plan, #extraSeats = :extra, #billingStatus = :status, #planSource = :source,"
                + " #billingSyncedAt = :syncedAt, #oneTimePlan = :oneTimePlan, #oneTimePaymentId = :oneTimePayment"
                + " REMOVE #seatLimit", w.update());
        assertGuard(w, "update", key("ORG#org1", "ORG"),
                "attribute_exists(#pk) AND #billingSyncedAt = :seen AND #oneTimePaymentId = :seenPayment",
                Map.of("#pk", "PK", "#plan", "plan", "#extraSeats", "extraSeats", "#billingStatus", "billingStatus",
                        "#planSource", "planSource", "#billingSyncedAt", "billingSyncedAt", "#seatLimit", "seatLimit",
                        "#oneTimePlan", "oneTimePlan", "#oneTimePaymentId", "oneTimePaymentId"),
                Map.of(":plan", s("ENTERPRISE"), ":extra", n(0), ":status", s("CANCELED"), ":source", s("ONE_TIME"),
                        ":syncedAt", s("2026-03-01T09:31:00.123Z"), ":oneTimePlan", s("FOUNDER"),
                        ":oneTimePayment", s("pi_1"), ":seen", s("2026-03-01T09:30:00.123Z"), ":seenPayment", s("pi_1")));
    }

    @Test
    void setPlanOfAnOrgNeverSubscribedLeavesItsSyncTimeAbsent() {
        Billing boughtOnce = Billing.none().withOneTime(new OneTimePlan("FOUNDER", "pi_1"), PlanSource.ONE_TIME);
        Written w = written(new Change.SetPlan("org1", "FOUNDER", 0, 25, boughtOnce, Billing.none()));
        assertEquals("SET #plan = :plan, #extraSeats = :extra, #billingStatus = :status, #planSource = :source,"
                + " #seatLimit = :limit, #oneTimePlan = :oneTimePlan, #oneTimePaymentId = :oneTimePayment", w.update());
        assertEquals("attribute_exists(#pk) AND attribute_not_exists(#billingSyncedAt)"
                + " AND attribute_not_exists(#oneTimePaymentId)", w.condition());
    }

    @Test
    void recordPurchaseRecordsEachPaymentOnce() {
        Written w = written(new Change.RecordPurchase(PURCHASE));
        assertGuard(w, "put", key("ORG#org1", "PURCHASE#pi_1"), IS_NEW, PK_NAME, NO_VALUES);
    }

    @Test
    void recordRefundMarksThePaymentRefundedForGoodWhateverWasRecordedKeepingTheFirstRefundTime() {
        Written w = written(new Change.RecordRefund("org1", "pi_1", T0));
        assertEquals("update", w.action());
        assertEquals(key("ORG#org1", "PURCHASE#pi_1"), w.key());
        assertEquals("SET #type = :type, #orgId = :org, #paymentId = :payment, #status = :refunded,"
                + " #refundedAt = if_not_exists(#refundedAt, :at)", w.update());
        assertNull(w.condition(), "a refund is final: nothing recorded before can refuse it");
        assertEquals(Map.of(":type", s("PURCHASE"), ":org", s("org1"), ":payment", s("pi_1"), ":refunded", s("REFUNDED"),
                ":at", s("2026-03-01T09:30:00.123Z")), w.values());
    }

    @Test
    void recordStripeEventRecordsEachEventOnce() {
        assertGuard(written(new Change.RecordStripeEvent("evt_1", "invoice.paid", "org1", T0)), "put",
                key("STRIPE_EVENT#evt_1", "STRIPE_EVENT"), IS_NEW, PK_NAME, NO_VALUES);
    }
}
