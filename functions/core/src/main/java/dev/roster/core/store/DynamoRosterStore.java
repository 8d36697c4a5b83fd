package dev.roster.core.store;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.roster.core.store.Attributes.*;
import static dev.roster.core.store.Keys.*;

/**
 * The {@link RosterStore} on one DynamoDB table through the low-level SDK v2 client: reads here, and each change's
 * write with its condition in {@link ChangeWrites}.
 */
@Singleton
public class DynamoRosterStore implements RosterStore {

    /** The key condition of the items of one partition whose sort keys start alike: see {@link #withPrefix}. */
    private static final String PREFIXED = "#pk = :pk AND begins_with(#sk, :prefix)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ChangeWrites writes;

    public DynamoRosterStore(DynamoDbClient dynamo, RosterSettings settings) {
        this.dynamo = dynamo;
        this.table = settings.table();
        this.writes = new ChangeWrites(table, settings.invitationRetention());
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
            keys.put(Keys.invitation(request.invitationId()), key(orgPk, Keys.invitation(request.invitationId())));
        }
        if (request.memberUserId() != null) {
            keys.put(Keys.member(request.memberUserId()), key(orgPk, Keys.member(request.memberUserId())));
        }
        Map<String, Map<String, AttributeValue>> found = batchGet(keys.values());

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
                Optional.ofNullable(request.invitationId()).map(id -> found.get(Keys.invitation(id))).map(ItemMapper::invitation),
                Optional.ofNullable(request.memberUserId()).map(id -> found.get(Keys.member(id))).map(ItemMapper::member));
    }

    /** The items found, by sort key (one partition), following unprocessed keys. */
    private Map<String, Map<String, AttributeValue>> batchGet(Collection<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                .keys(new ArrayList<>(keys)).consistentRead(true).build());
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> batch = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(batch));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(SK).s(), item));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    @Override
    public Optional<Member> member(String orgId, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(org(orgId), Keys.member(userId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemMapper.member(item));
    }

    @Override
    public Optional<Invitation> invitation(String orgId, String invitationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(org(orgId), Keys.invitation(invitationId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemMapper.invitation(item));
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(String tokenHash) {
        Placeholders p = new Placeholders().name("#pk", GSI1PK).name("#sk", GSI1SK)
                .s(":pk", token(tokenHash)).s(":sk", TOKEN_SK);
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND #sk = :sk")
                .expressionAttributeNames(p.names()).expressionAttributeValues(p.values()));
        return response.items().stream().findFirst().map(ItemMapper::invitation);
    }

    /** Members by name, then email: GSI2 holds each member under its org, keyed by {@link Keys#memberByName}. */
    @Override
    public Page<Member> members(String orgId, String status, String cursor, int limit) {
        String byName = membersByName(orgId);
        Placeholders p = new Placeholders().name("#pk", GSI2PK).s(":pk", byName);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(GSI2).limit(limit)
                .keyConditionExpression("#pk = :pk");
        if (status != null) {
            p.name("#status", STATUS).s(":status", status);
            query.filterExpression("#status = :status");
        }
        return page(query, p, new Cursors.Scope("members", Map.of(PK, Cursors.equalTo(org(orgId)),
                SK, Cursors.startsWith(MEMBER_PREFIX), GSI2PK, Cursors.equalTo(byName), GSI2SK, Cursors.any())),
                cursor, ItemMapper::member);
    }

    @Override
    public Page<Invitation> invitations(String orgId, InvitationStatus status, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit).scanIndexForward(false);
        String pk = org(orgId);
        if (status == null) {
            query.keyConditionExpression(PREFIXED);
            return page(query, withPrefix(pk, INVITATION_PREFIX), new Cursors.Scope("invitations",
                    Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(INVITATION_PREFIX))), cursor, ItemMapper::invitation);
        }
        String statusPk = invitationsByStatus(orgId, status);
        query.indexName(GSI2).keyConditionExpression("#pk = :pk");
        return page(query, new Placeholders().name("#pk", GSI2PK).s(":pk", statusPk), new Cursors.Scope("invitations-by-status",
                Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(INVITATION_PREFIX),
                        GSI2PK, Cursors.equalTo(statusPk), GSI2SK, Cursors.any())), cursor, ItemMapper::invitation);
    }

    @Override
    public Page<Invitation> dueInvitations(Instant now, String cursor, int limit) {
        String bound = expiryBound(now);
        Placeholders p = new Placeholders().name("#pk", GSI3PK).name("#sk", GSI3SK).s(":pk", EXPIRY_PK).s(":bound", bound);
        return page(QueryRequest.builder().tableName(table).indexName(GSI3).limit(limit)
                        .keyConditionExpression("#pk = :pk AND #sk < :bound"), p,
                new Cursors.Scope("due-invitations", Map.of(PK, Cursors.startsWith(ORG_PREFIX),
                        SK, Cursors.startsWith(INVITATION_PREFIX), GSI3PK, Cursors.equalTo(EXPIRY_PK),
                        GSI3SK, Cursors.below(bound))), cursor, ItemMapper::invitation);
    }

    @Override
    public Page<Member> dueAccessExpiries(Instant now, String cursor, int limit) {
        String bound = expiryBound(now);
        Placeholders p = new Placeholders().name("#pk", GSI3PK).name("#sk", GSI3SK).s(":pk", ACCESS_EXPIRY_PK)
                .s(":bound", bound);
        return page(QueryRequest.builder().tableName(table).indexName(GSI3).limit(limit)
                        .keyConditionExpression("#pk = :pk AND #sk < :bound"), p,
                new Cursors.Scope("due-access-expiries", Map.of(PK, Cursors.startsWith(ORG_PREFIX),
                        SK, Cursors.startsWith(MEMBER_PREFIX), GSI3PK, Cursors.equalTo(ACCESS_EXPIRY_PK),
                        GSI3SK, Cursors.below(bound))), cursor, ItemMapper::member);
    }

    @Override
    public Page<Workspace> workspaces(String orgId, String cursor, int limit) {
        String pk = org(orgId);
        return page(QueryRequest.builder().tableName(table).limit(limit).keyConditionExpression(PREFIXED),
                withPrefix(pk, WORKSPACE_PREFIX), new Cursors.Scope("workspaces",
                        Map.of(PK, Cursors.equalTo(pk), SK, Cursors.startsWith(WORKSPACE_PREFIX))), cursor, ItemMapper::workspace);
    }

    @Override
    public List<Member> membersGranted(String orgId, String workspaceId) {
        Placeholders p = withPrefix(org(orgId), MEMBER_PREFIX).name("#workspaceIds", WORKSPACE_IDS).s(":workspace", workspaceId);
        return all(QueryRequest.builder().tableName(table).keyConditionExpression(PREFIXED)
                .filterExpression("contains(#workspaceIds, :workspace)")
                .expressionAttributeNames(p.names()).expressionAttributeValues(p.values()).build(), ItemMapper::member);
    }

    @Override
    public List<Invitation> pendingInvitationsGranting(String orgId, String workspaceId) {
        Placeholders p = new Placeholders().name("#pk", GSI2PK).name("#workspaceIds", WORKSPACE_IDS)
                .s(":pk", invitationsByStatus(orgId, InvitationStatus.PENDING)).s(":workspace", workspaceId);
        return all(QueryRequest.builder().tableName(table).indexName(GSI2).keyConditionExpression("#pk = :pk")
                .filterExpression("contains(#workspaceIds, :workspace)")
                .expressionAttributeNames(p.names()).expressionAttributeValues(p.values()).build(), ItemMapper::invitation);
    }

    @Override
    public boolean touchMember(String orgId, String userId, Instant at, Instant staleBefore) {
        Placeholders p = new Placeholders().name("#pk", PK).name("#lastSeenAt", LAST_SEEN_AT)
                .time(":at", at).time(":stale", staleBefore);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(org(orgId), Keys.member(userId)))
                    .updateExpression("SET #lastSeenAt = :at")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#lastSeenAt) OR #lastSeenAt < :stale)")
                    .expressionAttributeNames(p.names()).expressionAttributeValues(p.values()));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecent) {
            return false;
        }
    }

    @Override
    public Page<AuditEntry> audit(String orgId, String actor, String action, Instant from, Instant to, String cursor,
                                  int limit) {
        String pk = org(orgId);
        String low = from == null ? AUDIT_PREFIX : auditFrom(from);
        String high = to == null ? AUDIT_PREFIX + "~" : auditTo(to);
        Placeholders p = new Placeholders().name("#pk", PK).name("#sk", SK).s(":pk", pk).s(":from", low).s(":to", high);
        List<String> filters = new ArrayList<>();
        if (actor != null) {
            p.name("#actor", ACTOR).s(":actor", actor);
            filters.add("#actor = :actor");
        }
        if (action != null) {
            p.name("#action", ACTION).s(":action", action);
            filters.add("#action = :action");
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit).scanIndexForward(false)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to");
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        return page(query, p, new Cursors.Scope("audit", Map.of(PK, Cursors.equalTo(pk), SK, Cursors.between(low, high))),
                cursor, ItemMapper::audit);
    }

    @Override
    public Optional<UserProfile> userByEmail(EmailAddress email) {
        Placeholders p = new Placeholders().name("#pk", GSI1PK).s(":pk", userEmail(email));
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(GSI1).limit(1)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(p.names()).expressionAttributeValues(p.values()));
        return response.items().stream().findFirst().map(ItemMapper::user);
    }

    @Override
    public List<Member> membershipsOf(String userId) {
        Placeholders p = new Placeholders().name("#pk", GSI1PK).name("#sk", GSI1SK).s(":pk", user(userId)).s(":prefix", ORG_PREFIX);
        return all(QueryRequest.builder().tableName(table).indexName(GSI1).keyConditionExpression(PREFIXED)
                .expressionAttributeNames(p.names()).expressionAttributeValues(p.values()).build(), ItemMapper::member);
    }

    private static Placeholders withPrefix(String pk, String prefix) {
        return new Placeholders().name("#pk", PK).name("#sk", SK).s(":pk", pk).s(":prefix", prefix);
    }

    /** One page of a query; its cursor is bound to {@code scope}, so it cannot page another list. */
    private <T> Page<T> page(QueryRequest.Builder query, Placeholders p, Cursors.Scope scope, String cursor,
                             Function<Map<String, AttributeValue>, T> mapper) {
        QueryResponse response = dynamo.query(query.expressionAttributeNames(p.names()).expressionAttributeValues(p.values())
                .exclusiveStartKey(Cursors.decode(cursor, scope)).build());
        return new Page<>(response.items().stream().map(mapper).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey(), scope) : null);
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

    // --- the one write ---------------------------------------------------------------------------------------

    @Override
    public void commit(List<Change> changes) {
        List<ChangeWrites.Write> writes = changes.stream().map(change -> change.accept(this.writes)).toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes.stream().map(ChangeWrites.Write::item).toList()));
        } catch (TransactionCanceledException e) {
            throw rejection(changes, writes, e);
        }
    }

    /** The part whose condition failed, read from the cancellation reasons, which come one per part in order. */
    private static RuntimeException rejection(List<Change> changes, List<ChangeWrites.Write> writes,
                                              TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < changes.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                Map<String, AttributeValue> old = reasons.get(i).item();
                return new ChangeRejected(changes.get(i),
                        old == null || old.isEmpty() ? null : writes.get(i).readBack().apply(old));
            }
        }
        for (CancellationReason reason : reasons) {
            if ("TransactionConflict".equals(reason.code())) {
                return new ConcurrentChange();
            }
        }
        return e;
    }
}
