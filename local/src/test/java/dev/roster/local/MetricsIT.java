package dev.roster.local;

import dev.roster.core.port.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The use cases emit the business metrics docs/operations.md lists, each when it says, through the Metrics port
 * (here a recording one in place of the EMF adapter, whose lines EmfMetricsTest and the runtime tier read).
 */
class MetricsIT {

    /** Every data point the use cases recorded. */
    static final class Recorded implements Metrics {
        record Point(Metric metric, double value) {
        }

        final List<Point> points = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(Metric metric, double value) {
            points.add(new Point(metric, value));
        }

        List<Double> since(int mark, Metric metric) {
            synchronized (points) {
                return points.subList(mark, points.size()).stream().filter(p -> p.metric() == metric)
                        .map(Point::value).toList();
            }
        }
    }

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static final StripeApi stripe = new StripeApi();
    private static final Recorded metrics = new Recorded();
    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(stripe.environment(), clock, metrics).closing(stripe);

    @Test
    void invitationsSeatsAcceptsMemberChangesBouncesAndExpiriesAreCountedWhenTheyHappen() throws Exception {
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();
        Fixture.Org org = fx.org("STARTER", 0); // five seats, the owner holds one

        int mark = metrics.points.size();
        ApiClient.User ivan = fx.user("ivan");
        String token = fx.invited(org, ivan.email(), "MEMBER");
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_CREATED));
        assertEquals(List.of(40.0), metrics.since(mark, Metrics.Metric.SEAT_UTILIZATION));

        mark = metrics.points.size();
        List<String> emails = List.of(Fixture.uniqueEmail("a"), Fixture.uniqueEmail("b"), Fixture.uniqueEmail("c"),
                Fixture.uniqueEmail("d"));
        ApiClient.Res bulk = api.post("/orgs/" + org.id() + "/invitations", org.owner(), Map.of("invitations",
                emails.stream().map(e -> Map.of("email", e, "role", "VIEWER")).toList()));
        assertEquals(201, bulk.status(), bulk::toString);
        assertEquals(List.of(1.0, 1.0, 1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_CREATED));
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.SEAT_LIMIT_REACHED));
        assertEquals(List.of(100.0, 100.0, 100.0, 100.0), metrics.since(mark, Metrics.Metric.SEAT_UTILIZATION));

        mark = metrics.points.size();
        assertEquals(201, fx.invite(org, org.owner(), emails.get(1), "MEMBER").status(), "a re-invite reuses its seat");
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_CREATED));
        assertEquals(List.of(100.0), metrics.since(mark, Metrics.Metric.SEAT_UTILIZATION));

        mark = metrics.points.size();
        assertEquals(200, api.post("/invitations/" + token + "/accept", ivan, (String) null).status());
        assertEquals(200, api.post("/invitations/" + token + "/accept", ivan, (String) null).status());
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_ACCEPTED), "the repeat is not counted");

        mark = metrics.points.size();
        assertEquals(200, api.patch(Fixture.memberPath(org, ivan), org.owner(), Map.of("role", "VIEWER")).status());
        assertEquals(200, api.post(Fixture.memberPath(org, ivan) + "/suspend", org.owner(), (String) null).status());
        assertEquals(List.of(1.0, 1.0), metrics.since(mark, Metrics.Metric.MEMBERS_CHANGED));

        mark = metrics.points.size();
        assertEquals(204, api.post("/_local/ses-feedback", null, Map.of("email", emails.get(0), "type", "Bounce")).status());
        assertEquals(204, api.post("/_local/ses-feedback", null, Map.of("email", emails.get(0), "type", "Bounce")).status());
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_BOUNCED), "a repeated event is not");

        mark = metrics.points.size();
        clock.advance(Duration.ofDays(8));
        assertEquals(200, api.post("/_local/run/invitation-expiry", null, (String) null).status());
        assertEquals(List.of(1.0, 1.0, 1.0), metrics.since(mark, Metrics.Metric.INVITATIONS_EXPIRED));
    }

    @Test
    void stripeWebhooksAreCountedAsAppliedDuplicateIgnoredOrRejected() {
        ApiClient api = stack.api();
        Fixture.Org org = stack.fixture().org("FREE", 0);
        String subscription = StripeEvents.newId("sub");
        stripe.subscription(subscription, org.id(), "active", StripeApi.PRO, 2);
        String payload = StripeEvents.checkoutCompleted(StripeEvents.newId("evt"), subscription, org.id());
        int mark = metrics.points.size();

        assertEquals(200, StripeEvents.deliver(api, payload, clock.instant()).status());
        assertEquals(200, StripeEvents.deliver(api, payload, clock.instant()).status());
        assertEquals(200, StripeEvents.deliver(api, StripeEvents.event(StripeEvents.newId("evt"), "customer.created",
                "{\"id\":\"cus_1\",\"object\":\"customer\"}"), clock.instant()).status());
        assertEquals(400, StripeEvents.deliver(api, payload, StripeEvents.signature(payload, "whsec_other",
                clock.instant().getEpochSecond())).status());

        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.WEBHOOKS_APPLIED));
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.WEBHOOKS_DUPLICATE));
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.WEBHOOKS_IGNORED));
        assertEquals(List.of(1.0), metrics.since(mark, Metrics.Metric.WEBHOOKS_REJECTED));
    }

    @Test
    void theStreamsEventsAreCountedAsPublished() throws Exception {
        int mark = metrics.points.size();
        stack.fixture().org("FREE", 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (metrics.since(mark, Metrics.Metric.EVENTS_PUBLISHED).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(metrics.since(mark, Metrics.Metric.EVENTS_PUBLISHED).stream().mapToDouble(Double::doubleValue).sum() >= 1,
                "org.created reached the bus and was counted");
    }
}
