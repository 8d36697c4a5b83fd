package dev.roster.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.roster.local.Fixture.memberPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one OWNER, whatever transfers and demotions race each other. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipRaceIT {

    private static final int ROUNDS = 8;

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of());
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();
    private ExecutorService pool;

    @BeforeAll
    void startThreads() {
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void concurrentTransfersAndDemotionsAlwaysLeaveExactlyOneOwner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Fixture.Org org = fx.org("PRO", 0);
            ApiClient.User admin = fx.member(org, "admin", "ADMIN");
            ApiClient.User heirB = fx.member(org, "heirb", "ADMIN");
            ApiClient.User heirC = fx.member(org, "heirc", "MEMBER");
            String transfer = "/orgs/" + org.id() + "/transfer-ownership";

            List<ApiClient.Res> results = race(
                    () -> api.post(transfer, org.owner(), Map.of("userId", heirB.sub())),
                    () -> api.post(transfer, org.owner(), Map.of("userId", heirC.sub())),
                    () -> api.patch(memberPath(org, heirB), admin, Map.of("role", "VIEWER")),
                    () -> api.patch(memberPath(org, heirC), admin, Map.of("role", "VIEWER")),
                    () -> api.patch(memberPath(org, org.owner()), admin, Map.of("role", "MEMBER")),
                    () -> api.post(transfer, heirB, Map.of("userId", admin.sub())));

            int transfers = (int) results.subList(0, 2).stream().filter(r -> r.status() == 200).count();
            assertTrue(transfers <= 1, "at most one of the owner's transfers: " + results);
            results.forEach(r -> assertTrue(r.status() < 500, r::toString));

            List<Map<?, ?>> owners = owners(org, admin);
            assertEquals(1, owners.size(), "round " + round + ": " + owners + " after " + results);
            String owner = (String) owners.get(0).get("userId");
            assertEquals(storedOwnerId(org), owner, "the org item names the member who holds the OWNER role");
            assertTrue(List.of(org.owner().sub(), heirB.sub(), heirC.sub(), admin.sub()).contains(owner), owner);
            int transferAudits = AuditLog.entries(stack.local(), org.id(), "org.ownership_transferred").size();
            int allTransfers = (int) results.stream().filter(r -> r.status() == 200 && r.at("owner") != null).count();
            assertEquals(allTransfers, transferAudits);
        }
    }

    @SafeVarargs
    private List<ApiClient.Res> race(Callable<ApiClient.Res>... calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Res>> futures = new ArrayList<>();
        for (Callable<ApiClient.Res> call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<ApiClient.Res> results = new ArrayList<>();
        for (Future<ApiClient.Res> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    /** The OWNER rows of the members list, read by a member who stays in the org whatever the outcome. */
    private List<Map<?, ?>> owners(Fixture.Org org, ApiClient.User reader) {
        ApiClient.Res members = api.get("/orgs/" + org.id() + "/members?limit=100", reader);
        assertEquals(200, members.status(), members::toString);
        List<Map<?, ?>> owners = new ArrayList<>();
        members.list("items").stream().map(m -> (Map<?, ?>) m).filter(m -> "OWNER".equals(m.get("role"))).forEach(owners::add);
        return owners;
    }

    private String storedOwnerId(Fixture.Org org) {
        var dynamo = stack.local().context().getBean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class);
        String table = stack.local().context().getBean(dev.roster.core.config.RosterSettings.class).table();
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORG#" + org.id()),
                "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORG")))).item().get("ownerId").s();
    }
}
