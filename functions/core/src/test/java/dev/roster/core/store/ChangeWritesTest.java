package dev.roster.core.store;

import dev.roster.core.domain.Billing;
import dev.roster.core.domain.Role;
import dev.roster.core.port.Change;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.roster.core.store.StoreSamples.*;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of change becomes a transaction item, and a failed one reads its item back as its domain record. */
class ChangeWritesTest {

    /** A change, the item it finds stored, and what that item reads back as when the change's condition fails. */
    private record Case(Change change, Map<String, AttributeValue> stored, Object readsBackAs) {
    }

    private static final Map<Class<?>, Case> CASES = cases(
            new Case(new Change.RequireMember("org1", "user1", Role.MANAGERS, T0), ItemMapper.member(MEMBER), MEMBER),
            new Case(new Change.CreateOrg(ORG), ItemMapper.org(ORG), ORG),
            new Case(new Change.AdjustSeats("org1", 1, 0, ORG), ItemMapper.org(ORG), ORG),
            new Case(new Change.SupersedeInvitation("org1", "inv1", T0), ItemMapper.invitation(INVITATION, RETENTION),
                    INVITATION),
            new Case(new Change.CountInvites("org1", LocalDate.of(2026, 3, 1), 2, 50),
                    Item.create().n(Attributes.INVITES, 49).values(), 49),
            new Case(new Change.PutInvitation(INVITATION, 1L), ItemMapper.invitation(INVITATION, RETENTION), INVITATION),
            new Case(new Change.PutMember(MEMBER, 3L), ItemMapper.member(MEMBER), MEMBER),
            new Case(new Change.PutEmailClaim(JOINED, INVITED), ItemMapper.emailClaim(INVITED), INVITED),
            new Case(new Change.DeleteEmailClaim(JOINED), ItemMapper.emailClaim(INVITED), INVITED),
            new Case(new Change.PutUser(USER), ItemMapper.user(USER), USER),
            new Case(new Change.PutAudit(AUDIT), ItemMapper.audit(AUDIT), AUDIT),
            new Case(new Change.DeleteMember(MEMBER), ItemMapper.member(MEMBER), MEMBER),
            new Case(new Change.SetOwner("org1", "owner1", "user1"), ItemMapper.org(ORG), ORG),
            new Case(new Change.RequireWorkspace("org1", "ws1"), ItemMapper.workspace(WORKSPACE), WORKSPACE),
            new Case(new Change.PutWorkspace(WORKSPACE), ItemMapper.workspace(WORKSPACE), WORKSPACE),
            new Case(new Change.DeleteWorkspace("org1", "ws1"), ItemMapper.workspace(WORKSPACE), WORKSPACE),
            new Case(new Change.CountWorkspaces("org1", 1, 10), ItemMapper.org(ORG), ORG),
            new Case(new Change.ClaimSoleOrg("user1", "org1"), ItemMapper.soleOrg("user1", "org2"), "org2"),
            new Case(new Change.ReleaseSoleOrg("user1", "org1"), ItemMapper.soleOrg("user1", "org2"), "org2"),
            new Case(new Change.SetPlan("org1", "PRO", 2, 12, ORG.billing(), Billing.none()), ItemMapper.org(ORG), ORG),
            new Case(new Change.RecordPurchase(PURCHASE), ItemMapper.purchase(PURCHASE), PURCHASE),
            new Case(new Change.RecordRefund("org1", "pi_1", T0), ItemMapper.purchase(PURCHASE), PURCHASE),
            new Case(new Change.RecordStripeEvent("evt_1", "customer.subscription.updated", "org1", T0),
                    ItemMapper.stripeEvent("evt_1", "customer.subscription.updated", "org1", T0), "evt_1"));

    private static Map<Class<?>, Case> cases(Case... cases) {
        Map<Class<?>, Case> byKind = new LinkedHashMap<>();
        Arrays.stream(cases).forEach(c -> byKind.put(c.change().getClass(), c));
        return byKind;
    }

    @Test
    void everyPermittedKindOfChangeHasACaseHere() {
        Set<Class<?>> kinds = Set.of(Change.class.getPermittedSubclasses());
        assertEquals(kinds, CASES.keySet(), "a new kind of change needs its case, and its condition pinned in "
                + "ChangeConditionsTest");
    }

    @Test
    void everyKindOfChangeIsOneTransactionItemOnTheTableAndReadsItsItemBack() {
        ChangeWrites writes = writes();
        assertAll(CASES.values().stream().map(c -> () -> {
            String kind = c.change().getClass().getSimpleName();
            ChangeWrites.Write write = c.change().accept(writes);
            TransactWriteItem item = write.item();
            long parts = Stream.of(item.put(), item.update(), item.delete(), item.conditionCheck())
                    .filter(java.util.Objects::nonNull).count();
            assertEquals(1, parts, kind);
            Map<String, AttributeValue> key = item.put() != null ? item.put().item()
                    : item.update() != null ? item.update().key()
                    : item.delete() != null ? item.delete().key() : item.conditionCheck().key();
            assertTrue(key.containsKey(Keys.PK) && key.containsKey(Keys.SK), kind);
            assertEquals(TABLE, Stream.of(item.put() == null ? null : item.put().tableName(),
                    item.update() == null ? null : item.update().tableName(),
                    item.delete() == null ? null : item.delete().tableName(),
                    item.conditionCheck() == null ? null : item.conditionCheck().tableName())
                    .filter(java.util.Objects::nonNull).collect(Collectors.joining()), kind);
            assertNotNull(write.readBack(), kind);
            assertEquals(c.readsBackAs(), write.readBack().apply(c.stored()), kind);
        }));
    }
}
