package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.roster.publisher.EventPublisherFunction;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.roster.core.usecase.BillingService;
import dev.roster.http.ApiFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds every file in events/ to the handler template.yaml names for it, through the Lambda runtime's own
 * serializer, in a story order: the org the first event creates is the one the later events use.
 */
class SampleEventsIT {

    private static final Path EVENTS = Path.of("..", "events");
    private static final String SAMPLE_ORG = "01JDSAMPLE0RG0000000000000";
    private static final String SAMPLE_TOKEN = "SAMPLE-TOKEN-000000000000000000000000000000";
    /** Each sample event with the status it must produce, in the order they run. */
    private static final Map<String, Integer> STORY = new LinkedHashMap<>();

    static {
        STORY.put("orgs-create-org.json", 201);
        STORY.put("orgs-get-org.json", 200);
        STORY.put("orgs-me.json", 200);
        STORY.put("invite-create-invitation.json", 201);
        STORY.put("invite-list-invitations.json", 200);
        STORY.put("orgs-list-members.json", 200);
        STORY.put("accept-preview-invitation.json", 200);
        STORY.put("accept-accept-invitation.json", 200);
        STORY.put("role-change-update-member.json", 200);
        STORY.put("event-publisher-stream.json", 0);
        STORY.put("invitation-expiry-scheduled.json", 0);
    }

    @Test
    void everySampleEventRunsThroughItsHandler() throws Exception {
        Set<String> files;
        try (Stream<Path> list = Files.list(EVENTS)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(STORY.keySet()), files, "every sample event has its place in the story");

        try (LocalApi local = TestStack.start(Map.of())) {
            JsonMapper json = local.context().getBean(JsonMapper.class);
            var serializer = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
            String orgId = null;
            String token = null;
            for (Map.Entry<String, Integer> step : STORY.entrySet()) {
                String text = Files.readString(EVENTS.resolve(step.getKey()));
                if (orgId != null) {
                    text = text.replace(SAMPLE_ORG, orgId);
                }
                if (token != null) {
                    text = text.replace(SAMPLE_TOKEN, token);
                }
                if (step.getKey().startsWith("invitation-expiry-")) {
                    ScheduledEvent scheduled = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                            getClass().getClassLoader()).fromJson(text);
                    Object result = local.scheduledHandler("InvitationExpiryFunction").handleRequest(scheduled,
                            LocalLambdaContext.of("InvitationExpiryFunction", LocalLambdaContext.SCHEDULED_TIMEOUT));
                    assertEquals(true, ((Map<?, ?>) result).get("complete"), () -> step.getKey() + ": " + result);
                    continue;
                }
                if (step.getKey().startsWith("event-publisher-")) {
                    DynamodbEvent stream = LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                            getClass().getClassLoader()).fromJson(text);
                    int before = eventLines(local);
                    StreamsEventResponse result = new EventPublisherFunction(local.context()).handleRequest(stream,
                            LocalLambdaContext.of("EventPublisherFunction", LocalLambdaContext.API_TIMEOUT));
                    assertEquals(List.of(), result.getBatchItemFailures(), step.getKey());
                    assertTrue(Files.readAllLines(local.eventsFile()).subList(before, eventLines(local)).stream()
                            .anyMatch(l -> l.contains("01JDSAMPLEAUD1T00000000000")), "the sample's event was published");
                    continue;
                }
                APIGatewayV2HTTPEvent event = serializer.fromJson(text);
                String function = step.getKey().substring(0, step.getKey().indexOf('-'));
                TemplateRoutes.RouteDef route = local.routes().stream()
                        .filter(r -> r.routeKey().equals(event.getRouteKey())).findFirst().orElseThrow();
                assertTrue(route.function().toLowerCase().startsWith(function), step.getKey() + " is for " + route.function());

                APIGatewayV2HTTPResponse response = local.handler(route.handler()).handleRequest(event,
                        LocalLambdaContext.of(route.function(), LocalLambdaContext.API_TIMEOUT));

                assertEquals(step.getValue(), response.getStatusCode(), () -> step.getKey() + ": " + response.getBody());
                Map<String, Object> body = json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
                if (step.getKey().equals("orgs-create-org.json")) {
                    orgId = (String) body.get("id");
                    local.context().getBean(BillingService.class).applySubscription(orgId, "STARTER", 0, "active", "test", "test");
                }
                if (step.getKey().equals("invite-create-invitation.json")) {
                    String url = (String) body.get("inviteUrl");
                    token = url.substring(url.lastIndexOf('/') + 1);
                }
            }
        }
    }

    private static int eventLines(LocalApi local) throws java.io.IOException {
        return Files.exists(local.eventsFile()) ? Files.readAllLines(local.eventsFile()).size() : 0;
    }

    @Test
    void theLocalApiServesExactlyTheRoutesEachHandlerDeclares() throws Exception {
        try (LocalApi local = TestStack.start(Map.of())) {
            Map<String, List<String>> declared = local.routes().stream().collect(Collectors.groupingBy(
                    TemplateRoutes.RouteDef::handler, Collectors.mapping(TemplateRoutes.RouteDef::routeKey, Collectors.toList())));
            assertEquals(Set.of("dev.roster.orgs.OrgsFunction", "dev.roster.invite.InviteFunction",
                    "dev.roster.accept.AcceptFunction", "dev.roster.rolechange.RoleChangeFunction"), declared.keySet());
            declared.forEach((handler, routes) -> assertEquals(new TreeSet<>(routes),
                    new TreeSet<>(((ApiFunction) local.handler(handler)).routeKeys()), handler));
            assertEquals(List.of("GET /invitations/{token}"), local.routes().stream().filter(r -> !r.authorized())
                    .map(TemplateRoutes.RouteDef::routeKey).toList());
        }
    }
}
