package dev.roster.core.store;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Times;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Workspace;
import dev.roster.core.port.Change;
import dev.roster.core.port.ChangeRejected;
import dev.roster.core.port.ConcurrentChange;
import dev.roster.core.port.Page;
import dev.roster.core.port.RosterStore;
import dev.roster.core.port.Snapshot;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.roster.core.store.Keys.*;

/** The {@link RosterStore} on one DynamoDB table through the low-level SDK v2 client. */
@Singleton
public class DynamoRosterStore implements RosterStore {

    private static final AttributeValue ACTIVE = AttributeValue.fromS("ACTIVE");

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.time.Duration retention;

    public DynamoRosterStore(DynamoDbClient dynamo, RosterSettings settings) {
        this.dynamo = dynamo;
        this.table = settings.table();
        this.retention = settings.invitationRetention();
    }

    // --- reads -----------------------------------------------------------------------------------------------

    @Override
    public Snapshot load(Snapshot.Request request) {
        String orgPk = org(request.orgId());
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        keys.put(ORG_SK, key(orgPk, ORG_SK));
        if (request.callerId() != null) {
            keys.put(Keys.member(request.callerId()), key(orgPk, Keys.member(request.callerId())));
        }
        request.emails().forEach(e -> keys.put(emailClaim(e), key(orgPk, emailClaim(e))));
        request.workspaceIds().forEach(w -> keys.put(workspace(w), key(orgPk, workspace(w))));
        if (request.invitationId() != null) {
            keys.put(invitation(request.invitationId()), key(orgPk, invitation(request.invitationId())));
        }
        if (request.memberUserId() != null) {
            keys.put(Keys.member(request.memberUserId()), key(orgPk, Keys.member(request.memberUserId())));
        }

        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                .keys(new ArrayList<>(keys.values())).consistentRead(true).build());
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> batch = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(batch));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(SK).s(), item));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }

        Map<EmailAddress, EmailClaim> claims = new HashMap<>();
        request.emails().forEach(e -> Optional.ofNullable(found.get(emailClaim(e)))
                .ifPresent(item -> claims.put(e, ItemMapper.emailClaim(item))));
        Map<String, Workspace> workspaces = new HashMap<>();
        request.workspaceIds().forEach(w -> Optional.ofNullable(found.get(workspace(w)))
                .ifPresent(item -> workspaces.put(w, ItemMapper.workspace(item))));
        return new Snapshot(
                Optional.ofNullable(found.get(ORG_SK)).map(ItemMapper::org),
                Optional.ofNullable(request.callerId()).map(id -> found.get(Keys.member(id))).map(ItemMapper::member),
                claims, workspaces,
                Optional.ofNullable(request.invitationId()).map(id -> found.get(invitation(id))).map(ItemMapper::invitation),
                Optional.ofNullable(request.memberUserId()).map(id -> found.get(Keys.member(id))).map(ItemMapper::member));
    }

    @Override
    public Optional<Member> member(String orgId, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(org(orgId), Keys.member(userId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemMapper.member(item));
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(String tokenHash) {
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND #sk = :sk")
                .expressionAttributeNames(Map.of("#pk", GSI1PK, "#sk", GSI1SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(token(tokenHash)),
                        ":sk", AttributeValue.fromS(TOKEN_SK))));
        return response.items().stream().findFirst().map(ItemMapper::invitation);
    }

    @Override
    public Page<Member> members(String orgId, String status, String cursor, int limit) {
        String pk = org(orgId);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit);
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#sk", SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk),
                ":prefix", AttributeValue.fromS(MEMBER_PREFIX)));
        query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)");
        if (status != null) {
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(status));
            query.filterExpression("#status = :status");
        }
        return page(query.expressionAttributeNames(names).expressionAttributeValues(values),
                new Cursors.Scope("members", Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(MEMBER_PREFIX))),
                cursor, ItemMapper::member);
    }

    @Override
    public Page<Invitation> invitations(String orgId, InvitationStatus status, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit).scanIndexForward(false);
        String pk = org(orgId);
        if (status == null) {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":prefix", AttributeValue.fromS(INVITATION_PREFIX)));
            return page(query, new Cursors.Scope("invitations",
                    Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(INVITATION_PREFIX))), cursor, ItemMapper::invitation);
        }
        String statusPk = invitationsByStatus(orgId, status);
        query.indexName(GSI2).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI2PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(statusPk)));
        return page(query, new Cursors.Scope("invitations-by-status", Map.of(
                PK, Cursors.equalTo(pk), SK, Cursors.startsWith(INVITATION_PREFIX),
                GSI2PK, Cursors.equalTo(statusPk), GSI2SK, Cursors.any())), cursor, ItemMapper::invitation);
    }

    @Override
    public Page<Invitation> dueInvitations(java.time.Instant now, String cursor, int limit) {
        String bound = expiryBound(now);
        return page(QueryRequest.builder().tableName(table).indexName(GSI3).limit(limit)
                .keyConditionExpression("#pk = :pk AND #sk < :bound")
                .expressionAttributeNames(Map.of("#pk", GSI3PK, "#sk", GSI3SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(EXPIRY_PK),
                        ":bound", AttributeValue.fromS(bound))),
                new Cursors.Scope("due-invitations", Map.of(PK, Cursors.startsWith(ORG_PREFIX),
                        SK, Cursors.startsWith(INVITATION_PREFIX), GSI3PK, Cursors.equalTo(EXPIRY_PK),
                        GSI3SK, Cursors.below(bound))),
                cursor, ItemMapper::invitation);
    }

    @Override
    public Page<Workspace> workspaces(String orgId, String cursor, int limit) {
        String pk = org(orgId);
        return page(QueryRequest.builder().tableName(table).limit(limit)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                        ":prefix", AttributeValue.fromS(WORKSPACE_PREFIX))),
                new Cursors.Scope("workspaces", Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(WORKSPACE_PREFIX))),
                cursor, ItemMapper::workspace);
    }

    @Override
    public List<Member> membersGranted(String orgId, String workspaceId) {
        return all(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .filterExpression("contains(workspaceIds, :workspace)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(org(orgId)),
                        ":prefix", AttributeValue.fromS(MEMBER_PREFIX), ":workspace", AttributeValue.fromS(workspaceId)))
                .build(), ItemMapper::member);
    }

    @Override
    public List<Invitation> pendingInvitationsGranting(String orgId, String workspaceId) {
        return all(QueryRequest.builder().tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk")
                .filterExpression("contains(workspaceIds, :workspace)")
                .expressionAttributeNames(Map.of("#pk", GSI2PK))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(invitationsByStatus(orgId, InvitationStatus.PENDING)),
                        ":workspace", AttributeValue.fromS(workspaceId)))
                .build(), ItemMapper::invitation);
    }

    @Override
    public boolean touchMember(String orgId, String userId, java.time.Instant at, java.time.Instant staleBefore) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(org(orgId), Keys.member(userId)))
                    .updateExpression("SET lastSeenAt = :at")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt < :stale)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Times.format(at)),
                            ":stale", AttributeValue.fromS(Times.format(staleBefore)))));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecent) {
            return false;
        }
    }

    /** Every item the query matches, following its pages. */
    private <T> List<T> all(QueryRequest first, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> result = new ArrayList<>();
        QueryRequest query = first;
        while (true) {
            QueryResponse response = dynamo.query(query);
            response.items().forEach(item -> result.add(mapper.apply(item)));
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return result;
            }
            query = query.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
    }

    @Override
    public Page<AuditEntry> audit(String orgId, String actor, String action, java.time.Instant from,
                                  java.time.Instant to, String cursor, int limit) {
        String pk = org(orgId);
        String low = from == null ? AUDIT_PREFIX : auditFrom(from);
        String high = to == null ? AUDIT_PREFIX + "~" : auditTo(to);
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#sk", SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk),
                ":from", AttributeValue.fromS(low), ":to", AttributeValue.fromS(high)));
        List<String> filters = new ArrayList<>();
        if (actor != null) {
            names.put("#actor", "actor");
            values.put(":actor", AttributeValue.fromS(actor));
            filters.add("#actor = :actor");
        }
        if (action != null) {
            names.put("#action", "action");
            values.put(":action", AttributeValue.fromS(action));
            filters.add("#action = :action");
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit).scanIndexForward(false)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        return page(query, new Cursors.Scope("audit", Map.of(PK, Cursors.equalTo(pk), SK, Cursors.between(low, high))),
                cursor, ItemMapper::audit);
    }

    @Override
    public Optional<UserProfile> userByEmail(EmailAddress email) {
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(GSI1).limit(1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userEmail(email)))));
        return response.items().stream().findFirst().map(ItemMapper::user);
    }

    @Override
    public List<Member> membershipsOf(String userId) {
        return all(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", GSI1PK, "#sk", GSI1SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(user(userId)),
                        ":prefix", AttributeValue.fromS("ORG#")))
                .build(), ItemMapper::member);
    }

    /** One page of {@code query} from {@code cursor}, which must have come from the same list ({@code scope}). */
    private <T> Page<T> page(QueryRequest.Builder query, Cursors.Scope scope, String cursor,
                             Function<Map<String, AttributeValue>, T> mapper) {
        QueryResponse response = dynamo.query(query.exclusiveStartKey(Cursors.decode(cursor, scope)).build());
        return new Page<>(response.items().stream().map(mapper).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey(), scope) : null);
    }

    // --- the one write ---------------------------------------------------------------------------------------

    @Override
    public void commit(List<Change> changes) {
        List<TransactWriteItem> items = changes.stream().map(this::transactItem).toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw rejection(changes, e);
        }
    }

    private RuntimeException rejection(List<Change> changes, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < changes.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                Map<String, AttributeValue> old = reasons.get(i).item();
                return new ChangeRejected(changes.get(i), old == null || old.isEmpty() ? null : current(changes.get(i), old));
            }
        }
        for (CancellationReason reason : reasons) {
            if ("TransactionConflict".equals(reason.code())) {
                return new ConcurrentChange();
            }
        }
        return e;
    }

    private static Object current(Change change, Map<String, AttributeValue> item) {
        if (change instanceof Change.RequireMember || change instanceof Change.PutMember
                || change instanceof Change.DeleteMember) {
            return ItemMapper.member(item);
        }
        if (change instanceof Change.CreateOrg || change instanceof Change.AdjustSeats || change instanceof Change.SetPlan
                || change instanceof Change.SetOwner || change instanceof Change.CountWorkspaces) {
            return ItemMapper.org(item);
        }
        if (change instanceof Change.CountInvites) {
            return Item.of(item).intOr("invites", 0);
        }
        if (change instanceof Change.PutInvitation || change instanceof Change.SupersedeInvitation) {
            return ItemMapper.invitation(item);
        }
        if (change instanceof Change.PutEmailClaim || change instanceof Change.DeleteEmailClaim) {
            return ItemMapper.emailClaim(item);
        }
        if (change instanceof Change.ClaimSoleOrg) {
            return Item.of(item).s("orgId");
        }
        if (change instanceof Change.RecordStripeEvent) {
            return Item.of(item).s("eventId");
        }
        return null;
    }

    private TransactWriteItem transactItem(Change change) {
        if (change instanceof Change.RequireMember r) {
            return requireMember(r);
        }
        if (change instanceof Change.CreateOrg c) {
            return put(ItemMapper.org(c.org()), "attribute_not_exists(PK)", Map.of(), Map.of());
        }
        if (change instanceof Change.AdjustSeats a) {
            return adjustSeats(a);
        }
        if (change instanceof Change.CountInvites c) {
            return countInvites(c);
        }
        if (change instanceof Change.PutInvitation p) {
            return versioned(ItemMapper.invitation(p.invitation(), retention), p.expectedVersion());
        }
        if (change instanceof Change.PutMember p) {
            return versioned(ItemMapper.member(p.member()), p.expectedVersion());
        }
        if (change instanceof Change.PutEmailClaim p) {
            return p.expected() == null
                    ? put(ItemMapper.emailClaim(p.claim()), "attribute_not_exists(PK)", Map.of(), Map.of())
                    : put(ItemMapper.emailClaim(p.claim()), claimCondition(), claimNames(), claimValues(p.expected()));
        }
        if (change instanceof Change.DeleteEmailClaim d) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(org(d.expected().orgId()), emailClaim(d.expected().email())))
                    .conditionExpression(claimCondition())
                    .expressionAttributeNames(claimNames()).expressionAttributeValues(claimValues(d.expected()))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        }
        if (change instanceof Change.PutUser u) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(ItemMapper.user(u.user())).build()).build();
        }
        if (change instanceof Change.PutAudit a) {
            return put(ItemMapper.audit(a.entry()), "attribute_not_exists(PK)", Map.of(), Map.of());
        }
        if (change instanceof Change.SetPlan s) {
            return setPlan(s);
        }
        if (change instanceof Change.RecordStripeEvent e) {
            return put(ItemMapper.stripeEvent(e.eventId(), e.type(), e.orgId(), e.at()), "attribute_not_exists(PK)",
                    Map.of(), Map.of());
        }
        if (change instanceof Change.SupersedeInvitation s) {
            return supersede(s);
        }
        if (change instanceof Change.DeleteMember d) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(org(d.expected().orgId()), Keys.member(d.expected().userId())))
                    .conditionExpression("version = :version")
                    .expressionAttributeValues(Map.of(":version", number(d.expected().version())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        }
        if (change instanceof Change.SetOwner o) {
            return TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(org(o.orgId()), ORG_SK)).updateExpression("SET ownerId = :new")
                    .conditionExpression("ownerId = :expected")
                    .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(o.newOwnerId()),
                            ":expected", AttributeValue.fromS(o.expectedOwnerId())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        }
        if (change instanceof Change.RequireWorkspace w) {
            return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(key(org(w.orgId()), workspace(w.workspaceId()))).conditionExpression("attribute_exists(PK)")
                    .build()).build();
        }
        if (change instanceof Change.PutWorkspace w) {
            return put(ItemMapper.workspace(w.workspace()), "attribute_not_exists(PK)", Map.of(), Map.of());
        }
        if (change instanceof Change.DeleteWorkspace w) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(org(w.orgId()), workspace(w.workspaceId()))).conditionExpression("attribute_exists(PK)")
                    .build()).build();
        }
        if (change instanceof Change.CountWorkspaces c) {
            return countWorkspaces(c);
        }
        if (change instanceof Change.ClaimSoleOrg c) {
            return put(ItemMapper.soleOrg(c.userId(), c.orgId()), "attribute_not_exists(PK) OR orgId = :org", Map.of(),
                    Map.of(":org", AttributeValue.fromS(c.orgId())));
        }
        if (change instanceof Change.ReleaseSoleOrg r) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(user(r.userId()), SOLE_ORG_SK))
                    .conditionExpression("attribute_not_exists(PK) OR orgId = :org")
                    .expressionAttributeValues(Map.of(":org", AttributeValue.fromS(r.orgId()))).build()).build();
        }
        throw new IllegalArgumentException("unknown change " + change.getClass().getName());
    }

    private TransactWriteItem requireMember(Change.RequireMember r) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":active", ACTIVE));
        List<String> roleRefs = new ArrayList<>();
        r.roles().forEach(role -> {
            String ref = ":role" + roleRefs.size();
            roleRefs.add(ref);
            values.put(ref, AttributeValue.fromS(role.name()));
        });
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(key(org(r.orgId()), Keys.member(r.userId())))
                .conditionExpression("#status = :active AND #role IN (" + String.join(", ", roleRefs) + ")")
                .expressionAttributeNames(Map.of("#status", "status", "#role", "role"))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem countInvites(Change.CountInvites c) {
        long expires = c.day().plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(org(c.orgId()), inviteCounter(c.day())))
                .updateExpression("ADD invites :count SET #ttl = :ttl")
                .conditionExpression("attribute_not_exists(invites) OR invites <= :max")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":count", number(c.count()), ":max", number(c.cap() - c.count()),
                        ":ttl", number(expires)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem countWorkspaces(Change.CountWorkspaces c) {
        Update.Builder update = Update.builder().tableName(table).key(key(org(c.orgId()), ORG_SK))
                .updateExpression("ADD workspaceCount :delta")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (c.delta() > 0) {
            update.conditionExpression("attribute_exists(PK) AND (attribute_not_exists(workspaceCount) OR workspaceCount <= :max)")
                    .expressionAttributeValues(Map.of(":delta", number(c.delta()), ":max", number(c.limit() - c.delta())));
        } else {
            update.conditionExpression("attribute_exists(PK)").expressionAttributeValues(Map.of(":delta", number(c.delta())));
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private TransactWriteItem adjustSeats(Change.AdjustSeats a) {
        Org seen = a.limitGuard();
        int used = a.memberDelta() + a.pendingDelta();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":used", number(used), ":pending", number(a.pendingDelta())));
        Map<String, String> names = new HashMap<>();
        String condition = "attribute_exists(PK)";
        if (seen != null) {
            names.put("#plan", "plan");
            values.put(":plan", AttributeValue.fromS(seen.plan()));
            condition += " AND #plan = :plan";
            if (seen.seatLimit() == null) {
                condition += " AND attribute_not_exists(seatLimit)";
            } else {
                values.put(":limit", number(seen.seatLimit()));
                values.put(":max", number(seen.seatLimit() - used));
                condition += " AND seatLimit = :limit AND seatsUsed <= :max";
            }
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(org(a.orgId()), ORG_SK))
                .updateExpression("ADD seatsUsed :used, pendingInvitations :pending")
                .conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem supersede(Change.SupersedeInvitation s) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(org(s.orgId()), invitation(s.invitationId())))
                .updateExpression("SET #status = :superseded, #gsi2pk = :gsi2pk, decidedAt = :at, #ttl = :ttl"
                        + " ADD version :one REMOVE #gsi3pk, #gsi3sk")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", "status", "#gsi2pk", GSI2PK, "#gsi3pk", GSI3PK, "#gsi3sk", GSI3SK,
                        "#ttl", TTL))
                .expressionAttributeValues(Map.of(
                        ":superseded", AttributeValue.fromS(InvitationStatus.SUPERSEDED.name()),
                        ":pending", AttributeValue.fromS(InvitationStatus.PENDING.name()),
                        ":gsi2pk", AttributeValue.fromS(invitationsByStatus(s.orgId(), InvitationStatus.SUPERSEDED)),
                        ":at", AttributeValue.fromS(dev.roster.core.domain.Times.format(s.at())),
                        ":one", number(1), ":ttl", number(ItemMapper.purgeAt(s.at(), retention))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem setPlan(Change.SetPlan s) {
        Billing billing = s.billing();
        Item values = Item.create().s(":plan", s.plan()).n(":extra", s.extraSeats()).s(":status", billing.status())
                .time(":syncedAt", billing.syncedAt());
        List<String> sets = new ArrayList<>(List.of("#plan = :plan", "extraSeats = :extra", "billingStatus = :status",
                "billingSyncedAt = :syncedAt"));
        List<String> removes = new ArrayList<>();
        if (s.seatLimit() == null) {
            removes.add("seatLimit");
        } else {
            values.n(":limit", s.seatLimit());
            sets.add("seatLimit = :limit");
        }
        if (billing.customerId() != null) {
            values.s(":customer", billing.customerId());
            sets.add("stripeCustomerId = :customer");
        }
        if (billing.subscriptionId() != null) {
            values.s(":subscription", billing.subscriptionId());
            sets.add("stripeSubscriptionId = :subscription");
        }
        String condition = "attribute_exists(PK) AND ";
        if (s.expectedSyncedAt() == null) {
            condition += "attribute_not_exists(billingSyncedAt)";
        } else {
            values.time(":seen", s.expectedSyncedAt());
            condition += "billingSyncedAt = :seen";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(org(s.orgId()), ORG_SK))
                .updateExpression("SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#plan", "plan")).expressionAttributeValues(values.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem versioned(Map<String, AttributeValue> item, Long expectedVersion) {
        return expectedVersion == null
                ? put(item, "attribute_not_exists(PK)", Map.of(), Map.of())
                : put(item, "version = :version", Map.of(), Map.of(":version", number(expectedVersion)));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                                  Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private static String claimCondition() {
        return "#state = :state AND #ref = :ref";
    }

    private static Map<String, String> claimNames() {
        return Map.of("#state", "state", "#ref", "ref");
    }

    private static Map<String, AttributeValue> claimValues(EmailClaim expected) {
        return Map.of(":state", AttributeValue.fromS(expected.state().name()),
                ":ref", AttributeValue.fromS(ItemMapper.claimRef(expected)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
