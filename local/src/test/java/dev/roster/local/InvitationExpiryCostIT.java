package dev.roster.local;

import dev.roster.core.config.RosterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sweep reads the sparse expiry index only up to "now": what it pays for is the due invitations, whether the
 * table holds nothing else or ten thousand other items (including pending invitations not yet due).
 */
class InvitationExpiryCostIT {

    @RegisterExtension
    static final LocalStack stacks = LocalStack.forEachTest();

    private static final int DUE = 7;
    private static final int UNRELATED = 10_000;

    private record Cost(int expired, int requests, int queries, int itemsRead, int transactions) {
    }

    @Test
    void theSweepsReadsDoNotGrowWithItemsThatAreNotDue() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-07-01T08:00:00Z"));
        CallCounter calls = new CallCounter();
        LocalStack.Running stack = stacks.start(Map.of(), clock, calls);
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();

        Cost alone = sweepAfterInviting(DUE, fx, api, clock, calls);
        writeUnrelatedItems(stack.local(), clock.instant());
        Cost amongMany = sweepAfterInviting(DUE, fx, api, clock, calls);

        // One Query of the invitations due and one of the members whose access ended (none), one transaction each.
        assertEquals(new Cost(DUE, 2 + DUE, 2, DUE, DUE), alone);
        assertEquals(alone, amongMany);
    }

    private static Cost sweepAfterInviting(int due, Fixture fx, ApiClient api, MutableClock clock, CallCounter calls) {
        Fixture.Org org = fx.org("ENTERPRISE", 0);
        for (int i = 0; i < due; i++) {
            fx.invited(org, Fixture.uniqueEmail("due"), "MEMBER");
        }
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        calls.reset();
        ApiClient.Res res = api.post("/_local/run/invitation-expiry", null, (String) null);
        int requests = calls.counts().values().stream().mapToInt(Integer::intValue).sum();
        return new Cost(res.num("expired"), requests, calls.counts().getOrDefault("Query", 0), calls.itemsRead(),
                calls.counts().getOrDefault("TransactWriteItems", 0));
    }

    /** Members, audit entries, and pending invitations due a month from now, in other orgs. */
    private static void writeUnrelatedItems(LocalApi local, Instant now) {
        DynamoDbClient dynamo = local.context().getBean(DynamoDbClient.class);
        String table = local.context().getBean(RosterSettings.class).table();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < UNRELATED; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            String org = "ORG#unrelated-" + (i % 100);
            item.put("PK", AttributeValue.fromS(org));
            if (i % 5 == 0) {
                String expires = now.plus(Duration.ofDays(30)).plusSeconds(i).toString();
                item.put("SK", AttributeValue.fromS("INVITATION#u" + i));
                item.put("type", AttributeValue.fromS("INVITATION"));
                item.put("status", AttributeValue.fromS("PENDING"));
                item.put("GSI3PK", AttributeValue.fromS("INVITATION_EXPIRY"));
                item.put("GSI3SK", AttributeValue.fromS(expires + "#unrelated#u" + i));
            } else {
                item.put("SK", AttributeValue.fromS((i % 2 == 0 ? "MEMBER#u" : "AUDIT#u") + i));
                item.put("type", AttributeValue.fromS("FILLER"));
                if (i % 10 == 2) {
                    // A member whose access ends a month from now: in the sparse index, not yet due.
                    item.put("GSI3PK", AttributeValue.fromS("ACCESS_EXPIRY"));
                    item.put("GSI3SK", AttributeValue.fromS(now.plus(Duration.ofDays(30)).plusSeconds(i) + "#unrelated#u" + i));
                }
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == UNRELATED - 1) {
                List<WriteRequest> request = List.copyOf(batch);
                Map<String, List<WriteRequest>> unprocessed = Map.of(table, request);
                while (!unprocessed.isEmpty()) {
                    Map<String, List<WriteRequest>> pending = unprocessed;
                    unprocessed = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }
}
