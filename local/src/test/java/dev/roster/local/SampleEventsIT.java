package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.roster.publisher.EventPublisherFunction;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.roster.core.usecase.BillingService;
import dev.roster.http.ApiFunction;
import dev.roster.seats.SeatPurchaseFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final LocalStack stacks = LocalStack.forEachTest();

    private static final Path EVENTS = Path.of("..", "events");
    private static final String SEAT_PURCHASE = "dev.roster.seats.SeatPurchaseFunction";
    private static final String SAMPLE_ORG = "01JDSAMPLE0RG0000000000000";
    private static final String SAMPLE_TOKEN = "SAMPLE-TOKEN-000000000000000000000000000000";
    private static final String SAMPLE_INVITATION = "01JDSAMPLEINV1TAT10N000000";
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
        STORY.put("seat-purchase-checkout.json", 200);
        STORY.put("seat-purchase-webhook.json", 200);
        STORY.put("seat-purchase-eventbridge.json", 0);
        STORY.put("seat-purchase-change-subscription.json", 200);
        STORY.put("seat-purchase-portal.json", 200);
        STORY.put("event-publisher-stream.json", 0);
        STORY.put("invitation-expiry-scheduled.json", 0);
        STORY.put("mail-feedback-bounce.json", 0);
    }

    @Test
    void everySampleEventRunsThroughItsHandler() throws Exception {
        Set<String> files;
        try (Stream<Path> list = Files.list(EVENTS)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(STORY.keySet()), files, "every sample event has its place in the story");

        StripeApi stripe = new StripeApi();
        stacks.closing(stripe);
        LocalApi local = stacks.start(Map.of("STRIPE_API_BASE", stripe.server.baseUrl())).local();
        JsonMapper json = local.context().getBean(JsonMapper.class);
        stripe.checkoutAnswers("https://checkout.stripe.com/c/pay/cs_test_sample");
        stripe.portalAnswers("https://billing.stripe.com/p/session/test_sample");
        String orgId = null;
        String token = null;
        String invitationId = null;
        for (Map.Entry<String, Integer> step : STORY.entrySet()) {
            String text = Files.readString(EVENTS.resolve(step.getKey()));
            if (orgId != null) {
                text = text.replace(SAMPLE_ORG, orgId);
            }
            if (token != null) {
                text = text.replace(SAMPLE_TOKEN, token);
            }
            if (invitationId != null) {
                text = text.replace(SAMPLE_INVITATION, invitationId);
            }
            if (step.getKey().startsWith("mail-feedback-")) {
                Map<String, Object> ses = JsonMapper.createDefault().readValue(text, Argument.mapOf(String.class, Object.class));
                Object result = local.scheduledHandler("MailFeedbackFunction").handleRequest(ses,
                        LocalLambdaContext.of("MailFeedbackFunction", LocalLambdaContext.API_TIMEOUT));
                assertEquals("RECORDED", ((Map<?, ?>) result).get("result"), () -> step.getKey() + ": " + result);
                continue;
            }
            if (step.getKey().startsWith("invitation-expiry-")) {
                Map<String, Object> scheduled = JsonMapper.createDefault().readValue(text,
                        Argument.mapOf(String.class, Object.class));
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
            if (step.getKey().startsWith("seat-purchase-eventbridge")) {
                stripe.subscription("sub_1SAMPLE", orgId, "active", Map.of("price_local_pro", 1L, "price_local_extra_seat", 5L));
                String result = local.invoke(SEAT_PURCHASE, "SeatPurchaseFunction", text);
                assertTrue(result.contains("\"result\":\"APPLIED\""), () -> step.getKey() + ": " + result);
                assertEquals(5, local.context().getBean(dev.roster.core.port.RosterStore.class)
                        .load(dev.roster.core.port.Snapshot.Request.orgOnly(orgId)).org().orElseThrow().extraSeats());
                continue;
            }
            Map<String, Object> event = json.readValue(text, Argument.mapOf(String.class, Object.class));
            if (step.getKey().startsWith("seat-purchase-change-subscription")) {
                // Stripe's events gave the org subscription sub_1SAMPLE: PRO with 5 extra seats, now changed to 6.
                stripe.changeAnswers("sub_1SAMPLE", orgId, "active", Map.of("price_local_pro", 1L, "price_local_extra_seat", 6L));
            }
            if (step.getKey().startsWith("seat-purchase-webhook")) {
                // The file's signature is as old as the file: sign the body (now naming the test's org) afresh.
                stripe.subscription("sub_1SAMPLE", orgId, "active", Map.of("price_local_pro", 1L, "price_local_extra_seat", 3L));
                @SuppressWarnings("unchecked")
                Map<String, Object> headers = (Map<String, Object>) event.get("headers");
                headers.put("stripe-signature", StripeEvents.signature((String) event.get("body"),
                        LocalApi.LOCAL_STRIPE_WEBHOOK_SECRET, java.time.Instant.now().getEpochSecond()));
                text = new String(json.writeValueAsBytes(event), java.nio.charset.StandardCharsets.UTF_8);
            }
            String routeKey = (String) event.get("routeKey");
            String function = step.getKey().substring(0, step.getKey().indexOf('-', step.getKey().startsWith("seat-") ? 5 : 0));
            TemplateRoutes.RouteDef route = local.routes().stream()
                    .filter(r -> r.routeKey().equals(routeKey)).findFirst().orElseThrow();
            assertTrue(route.function().toLowerCase().startsWith(function.replace("-", "")),
                    step.getKey() + " is for " + route.function());

            Map<String, Object> response = json.readValue(local.invoke(route.handler(), route.function(), text),
                    Argument.mapOf(String.class, Object.class));

            assertEquals(step.getValue(), ((Number) response.get("statusCode")).intValue(),
                    () -> step.getKey() + ": " + response);
            Map<String, Object> body = json.readValue((String) response.get("body"), Argument.mapOf(String.class, Object.class));
            if (step.getKey().equals("orgs-create-org.json")) {
                orgId = (String) body.get("id");
                local.context().getBean(BillingService.class).applyPlan(orgId, "STARTER", 0, "test", "test");
            }
            if (step.getKey().equals("invite-create-invitation.json")) {
                String url = (String) body.get("inviteUrl");
                token = url.substring(url.lastIndexOf('/') + 1);
                invitationId = (String) ((Map<?, ?>) body.get("invitation")).get("id");
            }
            if (step.getKey().equals("seat-purchase-webhook.json")) {
                assertEquals("APPLIED", body.get("result"), body::toString);
            }
            if (step.getKey().equals("seat-purchase-change-subscription.json")) {
                assertEquals(6, body.get("extraSeats"), body::toString);
            }
            if (step.getKey().equals("seat-purchase-portal.json")) {
                assertEquals("https://billing.stripe.com/p/session/test_sample", body.get("url"), body::toString);
            }
        }
    }

    private static int eventLines(LocalApi local) throws java.io.IOException {
        return Files.exists(local.eventsFile()) ? Files.readAllLines(local.eventsFile()).size() : 0;
    }

    @Test
    void theLocalApiServesExactlyTheRoutesEachHandlerDeclares() throws Exception {
        LocalApi local = stacks.start(Map.of()).local();
        Map<String, List<String>> declared = local.routes().stream().collect(Collectors.groupingBy(
                TemplateRoutes.RouteDef::handler, Collectors.mapping(TemplateRoutes.RouteDef::routeKey, Collectors.toList())));
        assertEquals(Set.of("dev.roster.orgs.OrgsFunction", "dev.roster.invite.InviteFunction",
                "dev.roster.accept.AcceptFunction", "dev.roster.rolechange.RoleChangeFunction", SEAT_PURCHASE),
                declared.keySet());
        declared.forEach((handler, routes) -> assertEquals(new TreeSet<>(routes),
                new TreeSet<>(local.handler(handler) instanceof ApiFunction api ? api.routeKeys()
                        : ((SeatPurchaseFunction) local.handler(handler)).routeKeys()), handler));
        assertEquals(Set.of("GET /invitations/{token}", "POST /webhooks/stripe"), local.routes().stream()
                .filter(r -> !r.authorized()).map(TemplateRoutes.RouteDef::routeKey).collect(Collectors.toSet()),
                "only the invitation preview and Stripe's webhook (authenticated by its signature) go without a JWT");
    }
}
