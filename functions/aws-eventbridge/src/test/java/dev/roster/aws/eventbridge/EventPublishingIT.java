package dev.roster.aws.eventbridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.usecase.EventPublishingService;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing through the real EventBridge client against WireMock speaking the PutEvents JSON protocol. */
class EventPublishingIT {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private WireMockServer eventBridge;
    private EventBridgePublisher publisher;
    private EventBridgeClient client;
    private EventPublishingService publishing;

    @BeforeEach
    void start() {
        eventBridge = new WireMockServer(options().dynamicPort());
        eventBridge.start();
        client = EventBridgeClient.builder().endpointOverride(URI.create(eventBridge.baseUrl())).region(Region.EU_WEST_1)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        RosterConfig config = new RosterConfig();
        config.setTable("t");
        config.setMailFrom("no-reply@roster.test");
        config.setBaseUrl("https://app.roster.test");
        config.setEventBus("roster-bus");
        publisher = new EventBridgePublisher(client, new RosterSettings(config, JSON));
        publishing = new EventPublishingService(publisher, (metric, value) -> { }, JSON);
    }

    @AfterEach
    void stop() {
        client.close();
        eventBridge.stop();
    }

    private static List<AuditEntry> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> new AuditEntry("org-1", "audit-" + i,
                Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i), "user-1", "member.role_changed", "member:u" + i,
                Map.of("role", "VIEWER"), Map.of("role", "ADMIN"), "req-" + i)).toList();
    }

    /** The calls, in order: each answers its entries, failing those at {@code failed} positions. */
    private void answer(List<Set<Integer>> failedPerCall, List<Integer> sizes) {
        String state = Scenario.STARTED;
        for (int call = 0; call < sizes.size(); call++) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < sizes.get(call); i++) {
                results.add(failedPerCall.get(call).contains(i)
                        ? Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "try again")
                        : Map.of("EventId", "ev-" + call + "-" + i));
            }
            String next = "call-" + (call + 1);
            eventBridge.stubFor(post(urlEqualTo("/")).inScenario("calls").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(write(Map.of("FailedEntryCount", failedPerCall.get(call).size(), "Entries", results)))));
            state = next;
        }
    }

    /** The audit ids each PutEvents request carried, in order. */
    private List<List<String>> sentIds() {
        List<List<String>> calls = new ArrayList<>();
        for (var request : eventBridge.findAll(postRequestedFor(urlEqualTo("/")))) {
            Map<String, Object> body = read(request.getBodyAsString());
            List<String> ids = new ArrayList<>();
            for (Object entry : (List<?>) body.get("Entries")) {
                ids.add((String) read((String) ((Map<?, ?>) entry).get("Detail")).get("id"));
            }
            calls.add(ids);
        }
        return calls;
    }

    @Test
    void eachEntryIsAPutEventsEntryOnTheBusWithTheAuditEntryAsDetail() {
        answer(List.of(Set.of()), List.of(1));

        assertEquals(1, publishing.publish(entries(1)));

        var request = eventBridge.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))).get(0);
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) read(request.getBodyAsString()).get("Entries")).get(0);
        assertEquals("roster-bus", entry.get("EventBusName"));
        assertEquals("roster", entry.get("Source"));
        assertEquals("member.role_changed", entry.get("DetailType"));
        Map<String, Object> detail = read((String) entry.get("Detail"));
        assertEquals("audit-0", detail.get("id"));
        assertEquals("org-1", detail.get("orgId"));
        assertEquals("user-1", detail.get("actor"));
        assertEquals("member:u0", detail.get("target"));
        assertEquals(Map.of("role", "ADMIN"), detail.get("after"));
        assertEquals("req-0", detail.get("requestId"));
        assertEquals("2026-11-22T10:00:00.000Z", detail.get("time"));
    }

    @Test
    void warmingUpDescribesTheBusAndPutsNothingOnIt() {
        eventBridge.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"Name\":\"roster-bus\"}")));

        publisher.warmUp();

        var requests = eventBridge.findAll(postRequestedFor(urlEqualTo("/")));
        assertEquals(1, requests.size());
        assertEquals("AWSEvents.DescribeEventBus", requests.get(0).getHeader("X-Amz-Target"));
        assertTrue(requests.get(0).getBodyAsString().contains("\"Name\":\"roster-bus\""), requests.get(0)::getBodyAsString);
    }

    @Test
    void aFailedEntryIsRetriedAloneAndNothingIsSentTwice() {
        answer(List.of(Set.of(), Set.of(2), Set.of()), List.of(10, 10, 1));

        assertEquals(20, publishing.publish(entries(20)));

        List<List<String>> calls = sentIds();
        assertEquals(3, calls.size());
        assertEquals(10, calls.get(0).size());
        assertEquals(10, calls.get(1).size());
        assertEquals(List.of("audit-12"), calls.get(2), "only the failed entry goes again");
        Map<String, Integer> accepted = new HashMap<>();
        calls.get(0).forEach(id -> accepted.merge(id, 1, Integer::sum));
        calls.get(1).stream().filter(id -> !id.equals("audit-12")).forEach(id -> accepted.merge(id, 1, Integer::sum));
        accepted.merge("audit-12", 1, Integer::sum);
        assertEquals(20, accepted.size());
        assertTrue(accepted.values().stream().allMatch(n -> n == 1), accepted::toString);
    }

    @Test
    void anEntryThatKeepsFailingStopsTheRunThereAndRedeliveryFromItLosesNothing() {
        // Run 1: batch one accepted; in batch two, audit-13 fails on every attempt. Run 2 starts from audit-13.
        answer(List.of(Set.of(), Set.of(3), Set.of(0), Set.of(0), Set.of(), Set.of()), List.of(10, 10, 1, 1, 10, 2));
        List<AuditEntry> all = entries(25);

        int published = publishing.publish(all);

        assertEquals(13, published, "the first entry not published");
        assertEquals(4, sentIds().size(), "nothing after the failing batch was sent");
        assertEquals(12, publishing.publish(all.subList(published, all.size())));

        List<List<String>> calls = sentIds();
        Set<String> delivered = new java.util.HashSet<>(calls.get(0));
        calls.get(1).stream().filter(id -> !id.equals("audit-13")).forEach(delivered::add);
        calls.get(4).forEach(delivered::add);
        calls.get(5).forEach(delivered::add);
        assertEquals(all.stream().map(AuditEntry::id).collect(java.util.stream.Collectors.toSet()), delivered);
        assertEquals(List.of("audit-13", "audit-14", "audit-15", "audit-16", "audit-17", "audit-18", "audit-19",
                "audit-20", "audit-21", "audit-22"), calls.get(4));
    }

    private static String write(Object value) {
        try {
            return new String(JSON.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(String text) {
        try {
            return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
