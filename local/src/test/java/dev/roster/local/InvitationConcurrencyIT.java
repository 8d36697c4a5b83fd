package dev.roster.local;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The concurrency rules, with real simultaneous HTTP requests. */
class InvitationConcurrencyIT {

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of());
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @RepeatedTest(2)
    void fiftySimultaneousInvitesWithThreeSeatsFreeCreateExactlyThree() throws Exception {
        Fixture.Org org = fx.org("STARTER", 0);
        fx.invited(org, Fixture.uniqueEmail("already-pending"), "MEMBER");
        assertEquals(3, fx.org(org).num("seats.available"));

        List<ApiClient.Res> results = simultaneously(50, i ->
                fx.invite(org, org.owner(), Fixture.uniqueEmail("racer" + i), "MEMBER"));

        long created = results.stream().filter(r -> r.status() == 201).count();
        assertEquals(3, created, () -> summary(results));
        for (ApiClient.Res r : results) {
            assertTrue(r.status() == 201 || (r.status() == 409 && "SEAT_LIMIT_REACHED".equals(r.str("code"))), r::toString);
        }
        ApiClient.Res after = fx.org(org);
        assertEquals(5, after.num("seats.used"));
        assertEquals(4, after.num("seats.pending"));
        assertEquals(4, fx.invitations(org, "?status=PENDING").size());
    }

    @RepeatedTest(2)
    void twentySimultaneousAcceptsOfOneTokenCreateExactlyOneMembership() throws Exception {
        Fixture.Org org = fx.org("STARTER", 0);
        ApiClient.User ivan = fx.user("ivan");
        String token = fx.invited(org, ivan.email(), "MEMBER");

        List<ApiClient.Res> results = simultaneously(20, i -> api.post("/invitations/" + token + "/accept", ivan, (String) null));

        for (ApiClient.Res r : results) {
            assertEquals(200, r.status(), () -> summary(results));
            assertEquals(results.get(0).map(), r.map());
        }
        List<?> members = api.get("/orgs/" + org.id() + "/members", org.owner()).list("items");
        assertEquals(2, members.size());
        ApiClient.Res after = fx.org(org);
        assertEquals(2, after.num("seats.used"));
        assertEquals(0, after.num("seats.pending"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "invitation.accepted").size());
    }

    private static <T> List<T> simultaneously(int count, Function<Integer, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(n);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String summary(List<ApiClient.Res> results) {
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        results.forEach(r -> byOutcome.merge(r.status() + " " + r.str("code"), 1L, Long::sum));
        return byOutcome.toString();
    }
}
