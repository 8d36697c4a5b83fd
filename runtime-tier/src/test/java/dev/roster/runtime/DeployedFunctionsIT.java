package dev.roster.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.net.Webhook;
import dev.roster.local.EmbeddedDynamo;
import dev.roster.local.StreamEvents;
import dev.roster.local.TemplateRoutes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function of template.yaml, deployed as Lambda runs it: its jar unpacked as the task root, a fresh JVM started
 * by the AWS Lambda Java runtime interface client with the template's {@code Handler} string and environment, fed by
 * a Lambda Runtime API. The README's story goes through these processes only, with events shaped as API Gateway,
 * EventBridge and the DynamoDB stream shape them; DynamoDB Local is the table, WireMock answers SES, EventBridge,
 * Secrets Manager (the Stripe keys) and Stripe.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedFunctionsIT {

    private static final Path ROOT = Path.of("..");
    private static final String TABLE = "roster-runtime-tier";
    private static final String BUS = "roster-runtime-tier-bus";
    private static final String WEBHOOK_SECRET = "whsec_runtime_tier";
    private static final String STRIPE_KEY = "sk_test_runtime_tier";
    private static final String STRIPE_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:roster/stripe-RtTier";
    private static final String SUBSCRIPTION = "sub_runtime_tier";
    private static final String BASE_URL = "https://app.roster.example";

    private static final Person OWNER = new Person("user-runtime-owner", "olivia.owner@example.com", "Olivia Owner");
    private static final Person IVAN = new Person("user-runtime-ivan", "ivan.invitee@example.com", "Ivan Invitee");
    private static final Person EVE = new Person("user-runtime-eve", "eve.other@example.com", "Eve Other");
    private static final String LATE_EMAIL = "lou.late@example.com";
    private static final String ORG_NAME = "Acme Runtime Tier";

    private record Person(String sub, String email, String name) {
        Map<String, String> claims() {
            // What the HttpApi JWT authorizer hands over: every claim a string, email_verified included.
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("sub", sub);
            claims.put("email", email);
            claims.put("email_verified", "true");
            claims.put("name", name);
            claims.put("iss", "https://issuer.roster.example");
            claims.put("aud", "roster-web");
            claims.put("iat", "1764400000");
            claims.put("exp", "1764403600");
            return claims;
        }
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static EmbeddedDynamo dynamo;
    private static WireMockServer aws;
    private static Path work;
    private static Map<String, TemplateFunctions.Function> template;
    private static final Map<String, DeployedFunction> deployed = new LinkedHashMap<>();
    private static final List<DeployedFunction> others = new ArrayList<>();
    private static ApiGateway api;

    private static String orgId;
    private static String inviteToken;
    private static String streamArn;
    private static String lateInvitationId;

    @BeforeAll
    static void deploy() throws Exception {
        work = Files.createTempDirectory("roster-runtime-tier");
        dynamo = EmbeddedDynamo.start(null);
        dynamo.ensureTable(TABLE);
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        stubAws();

        TemplateFunctions.Deployment deployment = new TemplateFunctions.Deployment(Map.of(
                "JwtIssuer", "https://issuer.roster.example",
                "JwtAudience", "roster-web",
                "MailFrom", "Roster <no-reply@roster.example>",
                "BaseUrl", BASE_URL,
                "StripePrices", "{\"price_rt_starter\":\"STARTER\",\"price_rt_seat\":\"EXTRA_SEAT\"}",
                "StripeSecretArn", STRIPE_SECRET_ARN),
                Map.of("Table", TABLE, "EventBus", BUS, "MailConfigurationSet", "roster-runtime-tier-mail"));
        template = TemplateFunctions.load(ROOT.resolve("template.yaml"), deployment).stream()
                .collect(Collectors.toMap(TemplateFunctions.Function::logicalId, f -> f, (a, b) -> a, LinkedHashMap::new));
        for (TemplateFunctions.Function function : template.values()) {
            deployed.put(function.logicalId(), start(function, Map.of()));
        }
        api = new ApiGateway(TemplateRoutes.load(ROOT.resolve("template.yaml")), deployed, JSON);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DeployedFunction f : deployed.values()) {
            f.close();
        }
        for (DeployedFunction f : others) {
            f.close();
        }
        if (aws != null) {
            aws.stop();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /**
     * The stand-ins' endpoints, as AWS_ENDPOINT_URL_<SERVICE> reaches every SDK client (Secrets Manager's for the
     * Stripe keys); Stripe's base for tests.
     */
    private static DeployedFunction start(TemplateFunctions.Function function, Map<String, String> overrides)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl());
        env.put("STRIPE_API_BASE", aws.baseUrl());
        env.putAll(overrides);
        return DeployedFunction.start(function, DeployedFunction.runtimeLibrary(), env, List.of(), work);
    }

    @Test
    @Order(1)
    void everyFunctionOfTheTemplateIsDeployedHere() {
        assertEquals(Set.of("OrgsFunction", "InviteFunction", "AcceptFunction", "RoleChangeFunction",
                "InvitationExpiryFunction", "SeatPurchaseFunction", "EventPublisherFunction", "MailFeedbackFunction"),
                deployed.keySet());
    }

    @Test
    @Order(2)
    void anOwnerCreatesAnOrgAndStripeGivesItAPlanThroughASignedWebhook() throws Exception {
        ApiGateway.Response created = call(OWNER, "POST", "/orgs", "{\"name\":\"" + ORG_NAME + "\"}");
        assertEquals(201, created.status(), created::toString);
        orgId = field(created.body(), "id");
        assertEquals("FREE", field(created.body(), "plan"));

        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(json(200,
                "{\"id\":\"" + SUBSCRIPTION + "\",\"object\":\"subscription\",\"status\":\"active\",\"customer\":\"cus_rt\","
                        + "\"metadata\":{\"roster_org_id\":\"" + orgId + "\"},\"items\":{\"object\":\"list\",\"data\":["
                        + "{\"id\":\"si_rt\",\"object\":\"subscription_item\",\"price\":{\"id\":\"price_rt_starter\","
                        + "\"object\":\"price\"},\"quantity\":1}],\"has_more\":false,\"url\":\"/v1/subscription_items\"}}")));
        String event = "{\"id\":\"evt_rt_1\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\","
                + "\"created\":1764400000,\"livemode\":false,\"pending_webhooks\":1,\"type\":\"customer.subscription.created\","
                + "\"data\":{\"object\":{\"id\":\"" + SUBSCRIPTION + "\",\"object\":\"subscription\",\"status\":\"active\","
                + "\"metadata\":{\"roster_org_id\":\"" + orgId + "\"}}}}";
        // Stripe's own library signs; API Gateway hands this body over base64-encoded.
        String signature = Webhook.Signature.generateSignatureHeader(event, WEBHOOK_SECRET);
        ApiGateway.Response webhook = api.send(new ApiGateway.Request("POST", "/webhooks/stripe",
                Map.of("Content-Type", List.of("application/json; charset=utf-8"), "Stripe-Signature", List.of(signature),
                        "User-Agent", List.of("Stripe/1.0 (+https://stripe.com/docs/webhooks)")),
                event.getBytes(StandardCharsets.UTF_8), null, true));
        assertEquals(200, webhook.status(), webhook::toString);
        assertTrue(webhook.body().contains("APPLIED"), webhook::body);

        ApiGateway.Response org = call(OWNER, "GET", "/orgs/" + orgId, null);
        assertEquals(200, org.status(), org::toString);
        assertEquals("STARTER", field(org.body(), "plan"));
        assertEquals("5", number(org.body(), "limit"));
        assertEquals("SUBSCRIPTION", field(org.body(), "source"));

        List<LoggedRequest> secretReads = aws.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
        assertEquals(1, secretReads.size(), "the keys are read from the secret once, then cached");
        assertEquals("{\"SecretId\":\"" + STRIPE_SECRET_ARN + "\"}", secretReads.get(0).getBodyAsString());
        assertFalse(template.get("SeatPurchaseFunction").environment().values().stream()
                .anyMatch(v -> v.contains(STRIPE_KEY) || v.contains(WEBHOOK_SECRET)), "no key is in the environment");
    }

    @Test
    @Order(3)
    void deployedWithoutAStripeSecretEveryBillingRouteSaysBillingIsOff() throws Exception {
        DeployedFunction billingOff = start(template.get("SeatPurchaseFunction"),
                Map.of("STRIPE_SECRET_ARN", "", "ROSTER_STRIPE_PRICES", ""));
        others.add(billingOff);
        ApiGateway offApi = new ApiGateway(TemplateRoutes.load(ROOT.resolve("template.yaml")),
                Map.of("SeatPurchaseFunction", billingOff), JSON);

        ApiGateway.Response checkout = offApi.send(new ApiGateway.Request("POST", "/orgs/" + orgId + "/billing/checkout",
                Map.of("Content-Type", List.of("application/json")), "{\"plan\":\"STARTER\"}".getBytes(StandardCharsets.UTF_8),
                OWNER.claims(), false));

        assertEquals(503, checkout.status(), checkout::toString);
        assertEquals("BILLING_NOT_CONFIGURED", field(checkout.body(), "code"));
        assertTrue(field(checkout.body(), "detail").startsWith("Billing is off"), checkout::body);
    }

    @Test
    @Order(4)
    void theOwnerInvitesIvanAndSesReceivesTheEmailWithTheLink() throws Exception {
        ApiGateway.Response invited = call(OWNER, "POST", "/orgs/" + orgId + "/invitations",
                "{\"email\":\"" + IVAN.email() + "\",\"role\":\"MEMBER\",\"permissions\":[\"crm\"]}");
        assertEquals(201, invited.status(), invited::toString);
        String inviteUrl = field(invited.body(), "inviteUrl");
        assertTrue(inviteUrl.startsWith(BASE_URL + "/invitations/"), inviteUrl);
        inviteToken = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);

        String mail = rawEmailTo(IVAN.email());
        assertTrue(mail.contains(inviteUrl), mail);

        // The business metric, in embedded metric format on the function's log, as CloudWatch Logs reads it.
        Map<String, Object> emf = emfLine(deployed.get("InviteFunction"), "InvitationsCreated");
        assertEquals("InviteFunction", emf.get("FunctionName"));
        assertEquals(1.0, ((Number) emf.get("InvitationsCreated")).doubleValue());
        String directive = String.valueOf(emf.get("_aws"));
        assertTrue(directive.contains("Namespace=Roster") && directive.contains("Dimensions=[[FunctionName]]"), directive);
        assertTrue(mail.contains("From: \"" + ORG_NAME + " via Roster\" <no-reply@roster.example>"), mail);
    }

    @Test
    @Order(5)
    void anyoneWithTheLinkPreviewsItAndOnlyIvanAcceptsIt() throws Exception {
        ApiGateway.Response preview = api.send(new ApiGateway.Request("GET", "/invitations/" + inviteToken,
                Map.of("Accept", List.of("application/json")), new byte[0], null, false));
        assertEquals(200, preview.status(), preview::toString);
        assertEquals(ORG_NAME, field(preview.body(), "orgName"));
        assertFalse(preview.body().contains(IVAN.email()), "the preview masks the email: " + preview.body());

        ApiGateway.Response eve = call(EVE, "POST", "/invitations/" + inviteToken + "/accept", null);
        assertEquals(403, eve.status(), eve::toString);
        assertEquals("EMAIL_MISMATCH", field(eve.body(), "code"));

        ApiGateway.Response accepted = call(IVAN, "POST", "/invitations/" + inviteToken + "/accept", null);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals("MEMBER", field(accepted.body(), "role"));
        assertEquals(IVAN.sub(), field(accepted.body(), "userId"));
    }

    @Test
    @Order(6)
    void theOwnerChangesIvansRoleWithABinaryBodyAndListsTheMembers() throws Exception {
        ApiGateway.Response changed = api.send(new ApiGateway.Request("PATCH", "/orgs/" + orgId + "/members/" + IVAN.sub(),
                Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer opaque")),
                "{\"role\":\"VIEWER\"}".getBytes(StandardCharsets.UTF_8), OWNER.claims(), true));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("VIEWER", field(changed.body(), "role"));

        ApiGateway.Response members = api.send(new ApiGateway.Request("GET", "/orgs/" + orgId + "/members?limit=10",
                Map.of("Cookie", List.of("theme=dark; session=abc"), "Accept", List.of("application/json")),
                new byte[0], OWNER.claims(), false));
        assertEquals(200, members.status(), members::toString);
        assertTrue(members.body().contains(IVAN.sub()) && members.body().contains(OWNER.sub()), members::body);

        // API Gateway joins a repeated query key with commas: a value no status has, so a problem, not a failure.
        ApiGateway.Response repeated = call(OWNER, "GET", "/orgs/" + orgId + "/members?status=ACTIVE&status=SUSPENDED", null);
        assertEquals(400, repeated.status(), repeated::toString);
        assertEquals("application/problem+json", repeated.headers().get("Content-Type"));

        ApiGateway.Response me = call(IVAN, "GET", "/me", null);
        assertEquals(200, me.status(), me::toString);
        assertTrue(me.body().contains(orgId), me::body);
    }

    @Test
    @Order(7)
    void theScheduledSweepExpiresAnOverdueInvitationAndTellsTheInviter() throws Exception {
        // The same invite function deployed with invitations valid for one second, so one is overdue at once.
        DeployedFunction shortLived = start(template.get("InviteFunction"), Map.of("ROSTER_INVITATION_TTL", "PT1S"));
        others.add(shortLived);
        ApiGateway shortLivedApi = new ApiGateway(TemplateRoutes.load(ROOT.resolve("template.yaml")),
                Map.of("InviteFunction", shortLived), JSON);
        ApiGateway.Response invited = shortLivedApi.send(new ApiGateway.Request("POST", "/orgs/" + orgId + "/invitations",
                Map.of("Content-Type", List.of("application/json")),
                ("{\"email\":\"" + LATE_EMAIL + "\",\"role\":\"VIEWER\"}").getBytes(StandardCharsets.UTF_8),
                OWNER.claims(), false));
        assertEquals(201, invited.status(), invited::toString);
        lateInvitationId = field(invited.body(), "id");
        Thread.sleep(1_500);

        RuntimeApiEmulator.Answer sweep = deployed.get("InvitationExpiryFunction")
                .invoke(Files.readString(ROOT.resolve("events/invitation-expiry-scheduled.json")));
        assertFalse(sweep.failed(), sweep::text);
        Map<String, Object> summary = JSON.readValue(sweep.text(), Argument.mapOf(String.class, Object.class));
        assertEquals(1, ((Number) summary.get("expired")).intValue(), sweep::text);
        assertEquals(Boolean.TRUE, summary.get("complete"), sweep::text);
        assertTrue(rawEmailTo(OWNER.email()).contains(LATE_EMAIL), "the inviter is told which invitation expired");

        ApiGateway.Response expired = call(OWNER, "GET", "/orgs/" + orgId + "/invitations?status=EXPIRED", null);
        assertEquals(200, expired.status(), expired::toString);
        assertTrue(expired.body().contains(LATE_EMAIL), expired::body);
    }

    @Test
    @Order(7)
    void sesReportsThatTheExpiredInvitationsEmailBouncedAndTheListShowsIt() throws Exception {
        RuntimeApiEmulator.Answer answer = deployed.get("MailFeedbackFunction").invoke(Files.readString(
                ROOT.resolve("events/mail-feedback-bounce.json")).replace("01JDSAMPLE0RG0000000000000", orgId)
                .replace("01JDSAMPLEINV1TAT10N000000", lateInvitationId).replace("new.member@example.com", LATE_EMAIL));
        assertFalse(answer.failed(), answer::text);
        assertTrue(answer.text().contains("RECORDED"), answer::text);

        ApiGateway.Response expired = call(OWNER, "GET", "/orgs/" + orgId + "/invitations?status=EXPIRED", null);
        assertEquals(200, expired.status(), expired::toString);
        assertTrue(expired.body().contains("\"emailStatus\":\"BOUNCED\""), expired::body);
    }

    @Test
    @Order(8)
    void thePublisherTurnsTheStreamsRealRecordsIntoOneEventPerChange() throws Exception {
        List<Record> records = auditInsertsOnTheStream();
        assertFalse(records.isEmpty());
        RuntimeApiEmulator.Answer answer = deployed.get("EventPublisherFunction")
                .invoke(StreamEvents.eventJson(JSON, records, streamArn));
        assertFalse(answer.failed(), answer::text);
        assertFalse(answer.text().contains("\"itemIdentifier\""), "no record asked for again: " + answer.text());

        List<String> detailTypes = new ArrayList<>();
        for (LoggedRequest put : aws.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")))) {
            Matcher m = Pattern.compile("\"DetailType\"\\s*:\\s*\"([^\"]+)\"").matcher(put.getBodyAsString());
            while (m.find()) {
                detailTypes.add(m.group(1));
            }
            assertTrue(put.getBodyAsString().contains("\"EventBusName\":\"" + BUS + "\""), put::getBodyAsString);
        }
        assertEquals(records.size(), detailTypes.size(), detailTypes::toString);
        assertTrue(detailTypes.containsAll(List.of("org.created", "seats.changed", "invitation.created",
                "invitation.accepted", "member.role_changed", "invitation.expired", "invitation.bounced")),
                detailTypes::toString);
    }

    @Test
    @Order(9)
    void aSweepThatFailsIsReportedToTheRuntimeSoLambdaRetriesItAndTheReportNamesNoPerson() throws Exception {
        // The expiry function deployed against a DynamoDB that fails every request.
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock
                .matching("DynamoDB_20120810\\..*")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}")));
        DeployedFunction failing = start(template.get("InvitationExpiryFunction"),
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", aws.baseUrl()));
        others.add(failing);

        RuntimeApiEmulator.Answer answer = failing.invoke(Files.readString(ROOT.resolve("events/invitation-expiry-scheduled.json")));

        assertTrue(answer.failed(), "the failure reaches the runtime, so Lambda retries the scheduled event");
        Map<String, Object> error = JSON.readValue(answer.text(), Argument.mapOf(String.class, Object.class));
        assertTrue(String.valueOf(error.get("errorType")).startsWith("software.amazon.awssdk.services.dynamodb."), answer::text);
        assertTrue(String.valueOf(error.get("errorMessage")).contains("Status Code: 500"), answer::text);
        assertTrue(failing.log().contains("7bf73129-1428-4cd3-a780-95db273d1602"), "the run's id is logged: " + failing.log());
    }

    @Test
    @Order(10)
    void aHandlerMisnamedWithItsMethodFailsEveryEventButReportsNoneOfIt() throws Exception {
        TemplateFunctions.Function orgs = template.get("OrgsFunction");
        DeployedFunction misnamed = start(new TemplateFunctions.Function(orgs.logicalId(), orgs.handler() + "::handleRequest",
                orgs.codeUri(), orgs.memoryMb(), orgs.timeoutSeconds(), orgs.environment()), Map.of());
        others.add(misnamed);
        ApiGateway misnamedApi = new ApiGateway(TemplateRoutes.load(ROOT.resolve("template.yaml")),
                Map.of("OrgsFunction", misnamed), JSON);

        ApiGateway.Response me = misnamedApi.send(new ApiGateway.Request("GET", "/me", Map.of(), new byte[0],
                IVAN.claims(), false));

        assertEquals(500, me.status(), "with '::handleRequest' the runtime hands Micronaut a map it cannot convert");
        assertTrue(me.functionError().contains("Handler must name the handler class alone"), me::functionError);
        assertFalse(me.functionError().contains(IVAN.email()), me::functionError);
        // The runtime logs the error after reporting it.
        for (int i = 0; i < 50 && !misnamed.log().contains("Handler must name"); i++) {
            Thread.sleep(100);
        }
        assertTrue(misnamed.log().contains("Handler must name the handler class alone"), misnamed::log);
    }

    @Test
    @Order(11)
    void noLogLineAndNoReportedErrorCarriesAClaimAnEmailABodyOrAToken() {
        List<String> secrets = new ArrayList<>(List.of(OWNER.email(), IVAN.email(), EVE.email(), LATE_EMAIL, ORG_NAME,
                WEBHOOK_SECRET, STRIPE_KEY, "Olivia Owner", "Ivan Invitee", "session=abc"));
        if (inviteToken != null) {
            secrets.add(inviteToken);
        }
        for (DeployedFunction f : deployed.values()) {
            assertFalse(f.log().isBlank(), f.function().logicalId() + " logged nothing");
        }
        List<DeployedFunction> all = new ArrayList<>(deployed.values());
        all.addAll(others);
        for (DeployedFunction f : all) {
            String log = f.log();
            for (String secret : secrets) {
                assertFalse(log.contains(secret), () -> f.function().logicalId() + " logged '" + secret + "':\n" + log);
            }
        }
    }

    private static List<Record> auditInsertsOnTheStream() {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            streamArn = streams.listStreams(b -> b.tableName(TABLE)).streams().get(0).streamArn();
            List<Record> records = new ArrayList<>();
            for (var shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(b -> b.shardIterator(current));
                    page.records().stream().filter(StreamEvents.TEMPLATE_FILTER).forEach(records::add);
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            return records;
        }
    }

    private static ApiGateway.Response call(Person caller, String method, String pathAndQuery, String body) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("Bearer eyJhbGciOiJSUzI1NiJ9.validated-by-the-authorizer.sig"));
        headers.put("User-Agent", List.of("Mozilla/5.0 (runtime tier)"));
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return api.send(new ApiGateway.Request(method, pathAndQuery, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), caller.claims(), false));
    }

    /** The newest raw MIME message SES was asked to send to {@code address}, as it would arrive. */
    private static String rawEmailTo(String address) throws Exception {
        List<LoggedRequest> sends = aws.findAll(postRequestedFor(urlEqualTo("/v2/email/outbound-emails")));
        for (int i = sends.size() - 1; i >= 0; i--) {
            Map<String, Object> request = JSON.readValue(sends.get(i).getBodyAsString(), Argument.mapOf(String.class, Object.class));
            if (String.valueOf(request.get("Destination")).contains(address)) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, String>> content = (Map<String, Map<String, String>>) request.get("Content");
                return mimeText(new String(Base64.getDecoder().decode(content.get("Raw").get("Data")), StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("SES was asked for no email to " + address);
    }

    /** The last embedded-metric-format line of the function's log that carries {@code metric}. */
    private static Map<String, Object> emfLine(DeployedFunction function, String metric) throws Exception {
        List<String> lines = function.log().lines().filter(l -> l.startsWith("{") && l.contains("\"_aws\"")
                && l.contains("\"" + metric + "\"")).toList();
        assertFalse(lines.isEmpty(), () -> "no EMF line with " + metric + " in:\n" + function.log());
        return JSON.readValue(lines.get(lines.size() - 1), Argument.mapOf(String.class, Object.class));
    }

    /** The message with any base64 part decoded, so a test reads what a mail client shows. */
    private static String mimeText(String message) {
        StringBuilder text = new StringBuilder(message);
        Matcher parts = Pattern.compile("Content-Transfer-Encoding: base64\\r?\\n\\r?\\n([A-Za-z0-9+/=\\r\\n]+)").matcher(message);
        while (parts.find()) {
            text.append('\n').append(new String(Base64.getMimeDecoder().decode(parts.group(1)), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void stubAws() {
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(json(200, "{\"MessageId\":\"rt-message\"}")));
        aws.stubFor(get(urlEqualTo("/v2/email/account")).willReturn(json(200, "{\"SendingEnabled\":true}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withTransformers("response-template")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{{#each (jsonPath request.body '$.Entries') as |e|}}"
                                + "{{#unless @first}},{{/unless}}{\"EventId\":\"rt-{{@index}}\"}{{/each}}]}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + STRIPE_SECRET_ARN + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + STRIPE_SECRET_ARN + "\",\"Name\":\"roster/stripe\",\"VersionId\":\"rt-1\","
                                + "\"SecretString\":\"{\\\"apiKey\\\":\\\"" + STRIPE_KEY + "\\\",\\\"webhookSecret\\\":\\\""
                                + WEBHOOK_SECRET + "\\\"}\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7644E9}")));
        aws.stubFor(any(anyUrl()).atPriority(100).willReturn(json(404, "{\"message\":\"not stubbed\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
