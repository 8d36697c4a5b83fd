package dev.roster.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
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

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every AWS call each function of template.yaml makes is allowed by that function's policy there, and the policy
 * grants nothing no call needs.
 *
 * <p>The calls are recorded where they are made: each function runs from its deployable jar under the Lambda runtime
 * interface client, as in {@link DeployedFunctionsIT}, on a copy of its task root to which this test adds
 * {@link AwsCallRecorder} and the SDK's global interceptor file naming it; every SDK client the function builds then
 * appends the service, operation and resource-deciding fields of each request to a file per function. A story calls
 * every route of the template with an answer that succeeds, under the default settings and again with
 * {@code OneOrgPerUser} and {@code AddExistingUsersDirectly} on (paths that read and write more), and feeds the sweep,
 * the Stripe EventBridge event and the stream's records to their functions. Each call is translated into the IAM
 * actions and resource ARNs AWS authorizes it by (a transaction needs its items' actions; a send needs the sender's
 * identity and the configuration set) and checked against {@link TemplatePolicies}.
 *
 * <p>What cannot be recorded here is listed in {@link #UNRECORDED} with its reason. The record, per step, is written
 * to {@code target/aws-calls.md} with the DynamoDB capacity each call consumed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionPoliciesIT {

    /** Grants no call of this tier can show, and why each is still needed. */
    static final Map<String, String> UNRECORDED = Map.of(
            "ses:GetAccount", "the SES adapter's warm-up, run only by the handler's CRaC beforeCheckpoint before the "
                    + "SnapStart snapshot; this tier takes no snapshot (the bench's primed runs make the call)",
            "events:DescribeEventBus", "the EventBridge adapter's warm-up, run only before the SnapStart snapshot");

    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

    /** Actions AWS authorizes on no resource narrower than {@code *}. */
    static final Set<String> STAR_ONLY = Set.of("ses:GetAccount");

    private static final Path ROOT = Path.of("..");
    private static final String TABLE = "roster-policies";
    private static final String BUS = "roster-policies-bus";
    private static final String CONFIGURATION_SET = "roster-policies-feedback";
    private static final String MAIL_FROM = "Roster <no-reply@roster.example>";
    private static final String STRIPE_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:roster/stripe-Policies";
    private static final String WEBHOOK_SECRET = "whsec_policies";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private record Person(String sub, String email, String name) {
        Map<String, String> claims() {
            return Map.of("sub", sub, "email", email, "email_verified", "true", "name", name,
                    "iss", "https://issuer.roster.example", "aud", "roster-web");
        }
    }

    private static final Person OWNER = new Person("user-pol-owner", "olivia.owner@example.com", "Olivia Owner");
    private static final Person IVAN = new Person("user-pol-ivan", "ivan@example.com", "Ivan");
    private static final Person ANA = new Person("user-pol-ana", "ana@example.com", "Ana");
    private static final Person BEN = new Person("user-pol-ben", "ben@example.com", "Ben");
    private static final Person CARL = new Person("user-pol-carl", "carl@example.com", "Carl");
    private static final Person DORA = new Person("user-pol-dora", "dora@example.com", "Dora");
    private static final Person FRED = new Person("user-pol-fred", "fred@example.com", "Fred");

    /** One recorded AWS request: service and operation as the SDK names them, and the resource-deciding fields. */
    record Call(String function, String service, String operation, List<String> fields) {
        List<String> values(String suffix) {
            return fields.stream().filter(f -> f.substring(0, f.indexOf('=')).endsWith(suffix))
                    .map(f -> f.substring(f.indexOf('=') + 1)).toList();
        }
    }

    /** One IAM authorization a call needs. */
    record Need(String action, String resource) {
    }

    private static EmbeddedDynamo dynamo;
    private static WireMockServer aws;
    private static Path work;
    private static Map<String, TemplateFunctions.Function> template;
    private static TemplatePolicies policies;
    private static final Map<String, DeployedFunction> running = new LinkedHashMap<>();
    private static final List<DeployedFunction> all = new ArrayList<>();
    private static List<TemplateRoutes.RouteDef> routes;
    private static final Set<String> routesAnswered = new TreeSet<>();
    private static final StringBuilder report = new StringBuilder();
    private static final Map<String, Integer> logLines = new LinkedHashMap<>();

    @BeforeAll
    static void deploy() throws Exception {
        work = Files.createTempDirectory("roster-policies");
        dynamo = EmbeddedDynamo.start(null);
        dynamo.ensureTable(TABLE);
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        stubAws();
        Map<String, String> parameters = Map.of(
                "JwtIssuer", "https://issuer.roster.example",
                "JwtAudience", "roster-web",
                "MailFrom", MAIL_FROM,
                "BaseUrl", "https://app.roster.example",
                "SesConfigurationSet", CONFIGURATION_SET,
                "StripePrices", "{\"price_pol_starter\":\"STARTER\",\"price_pol_pro\":\"PRO\",\"price_pol_seat\":\"EXTRA_SEAT\"}",
                "StripeSecretArn", STRIPE_SECRET_ARN);
        template = TemplateFunctions.load(ROOT.resolve("template.yaml"), new TemplateFunctions.Deployment(parameters,
                        Map.of("Table", TABLE, "EventBus", BUS)))
                .stream().collect(Collectors.toMap(TemplateFunctions.Function::logicalId, f -> f, (a, b) -> a, LinkedHashMap::new));
        policies = new TemplatePolicies(ROOT.resolve("template.yaml"), parameters, Map.of("Table", TABLE, "EventBus", BUS));
        routes = TemplateRoutes.load(ROOT.resolve("template.yaml"));
        for (TemplateFunctions.Function function : template.values()) {
            running.put(function.logicalId(), start(function.logicalId(), Map.of("ROSTER_RESEND_COOLDOWN", "PT1S")));
        }
        report.append("# AWS calls per step\n\nWritten by FunctionPoliciesIT: each step, the function that served it, its "
                + "AWS requests and the DynamoDB read and write capacity units they consumed, as DynamoDB Local reports them.\n\n"
                + "| step | function | AWS requests | read units | write units |\n|---|---|---|---:|---:|\n");
    }

    @AfterAll
    static void stop() throws Exception {
        for (DeployedFunction f : all) {
            f.close();
        }
        if (aws != null) {
            aws.stop();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("aws-calls.md"), report.toString());
        }
    }

    // --- the story --------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aStoryAnswersEveryRouteOfTheTemplateWithASuccess() throws Exception {
        ApiGateway api = new ApiGateway(routes, running, JSON);
        String orgId = field(send(api, "create an org", OWNER, "POST", "/orgs", "{\"name\":\"Acme Policies\"}", 201), "id");
        send(api, "start a checkout", OWNER, "POST", "/orgs/" + orgId + "/billing/checkout", "{\"plan\":\"STARTER\"}", 200);
        stubSubscription("sub_pol_1", orgId, "price_pol_starter");
        webhook(api, "a Stripe webhook applies STARTER", "evt_pol_1", "customer.subscription.created", "sub_pol_1", orgId, "APPLIED");
        webhook(api, "the same webhook again", "evt_pol_1", "customer.subscription.created", "sub_pol_1", orgId, "DUPLICATE");
        webhook(api, "a webhook of a type Roster ignores", "evt_pol_2", "customer.created", "sub_pol_1", orgId, "IGNORED");
        send(api, "change the running subscription", OWNER, "PATCH", "/orgs/" + orgId + "/subscription",
                "{\"plan\":\"PRO\"}", 200);
        send(api, "open the billing portal", OWNER, "POST", "/orgs/" + orgId + "/billing/portal", null, 200);
        invoke("Stripe's EventBridge event", "SeatPurchaseFunction", Files.readString(ROOT.resolve("events/seat-purchase-eventbridge.json"))
                .replace("01JDSAMPLE0RG0000000000000", orgId).replace("sub_1SAMPLE", "sub_pol_1")
                .replace("evt_1SAMPLEeventbridge000000", "evt_pol_3"));

        String workspace = field(send(api, "create a workspace", OWNER, "POST", "/orgs/" + orgId + "/workspaces",
                "{\"name\":\"Field\"}", 201), "id");
        send(api, "list workspaces", OWNER, "GET", "/orgs/" + orgId + "/workspaces", null, 200);
        String ivanUrl = field(send(api, "invite one", OWNER, "POST", "/orgs/" + orgId + "/invitations",
                "{\"email\":\"" + IVAN.email() + "\",\"role\":\"MEMBER\",\"workspaceIds\":[\"" + workspace + "\"],"
                        + "\"permissions\":[\"crm\"]}", 201), "inviteUrl");
        Map<String, Object> bulk = JSON.readValue(send(api, "invite three at once", OWNER, "POST", "/orgs/" + orgId + "/invitations",
                "{\"invitations\":[{\"email\":\"" + ANA.email() + "\",\"role\":\"VIEWER\"},{\"email\":\"" + BEN.email()
                        + "\",\"role\":\"MEMBER\"},{\"email\":\"" + CARL.email() + "\",\"role\":\"MEMBER\",\"workspaceIds\":[\""
                        + workspace + "\"]}]}", 201), Argument.mapOf(String.class, Object.class));
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Object item : (List<?>) bulk.get("results")) {
            Map<?, ?> result = (Map<?, ?>) item;
            urls.put(String.valueOf(result.get("email")), String.valueOf(result.get("inviteUrl")));
            ids.put(String.valueOf(result.get("email")), String.valueOf(((Map<?, ?>) result.get("invitation")).get("id")));
        }
        send(api, "list pending invitations", OWNER, "GET", "/orgs/" + orgId + "/invitations?status=PENDING", null, 200);
        send(api, "list all invitations", OWNER, "GET", "/orgs/" + orgId + "/invitations", null, 200);
        Thread.sleep(1_100); // the resend cooldown of this deployment
        send(api, "resend an invitation", OWNER, "POST", "/orgs/" + orgId + "/invitations/" + ids.get(BEN.email()) + "/resend", null, 200);

        send(api, "preview without signing in", null, "GET", "/invitations/" + token(ivanUrl), null, 200);
        send(api, "accept", IVAN, "POST", "/invitations/" + token(ivanUrl) + "/accept", null, 200);
        send(api, "accept again (idempotent)", IVAN, "POST", "/invitations/" + token(ivanUrl) + "/accept", null, 200);
        send(api, "accept (a second member)", CARL, "POST", "/invitations/" + token(urls.get(CARL.email())) + "/accept", null, 200);
        send(api, "decline", ANA, "POST", "/invitations/" + token(urls.get(ANA.email())) + "/decline", null, 204);
        send(api, "revoke", OWNER, "DELETE", "/orgs/" + orgId + "/invitations/" + ids.get(BEN.email()), null, 204);
        String bounced = invoke("SES reports a bounce", "MailFeedbackFunction", Files.readString(ROOT.resolve(
                "events/mail-feedback-bounce.json")).replace("01JDSAMPLE0RG0000000000000", orgId)
                .replace("01JDSAMPLEINV1TAT10N000000", ids.get(BEN.email())));
        assertTrue(bounced.contains("RECORDED"), bounced);

        send(api, "read the org", IVAN, "GET", "/orgs/" + orgId, null, 200);
        send(api, "read /me", IVAN, "GET", "/me", null, 200);
        send(api, "list members with invitations", OWNER, "GET", "/orgs/" + orgId + "/members?include=invitations", null, 200);
        send(api, "read a member", OWNER, "GET", "/orgs/" + orgId + "/members/" + IVAN.sub(), null, 200);
        send(api, "check access", IVAN, "GET", "/orgs/" + orgId + "/access?workspaceId=" + workspace + "&permission=crm", null, 200);
        send(api, "read the audit log", OWNER, "GET", "/orgs/" + orgId + "/audit", null, 200);
        send(api, "read the catalog", IVAN, "GET", "/orgs/" + orgId + "/catalog", null, 200);

        theSweepExpiresAnOverdueInvitation(orgId, workspace);
        send(api, "delete a workspace members hold", OWNER, "DELETE", "/orgs/" + orgId + "/workspaces/" + workspace, null, 204);

        send(api, "change a role", OWNER, "PATCH", "/orgs/" + orgId + "/members/" + IVAN.sub(), "{\"role\":\"ADMIN\"}", 200);
        send(api, "suspend", OWNER, "POST", "/orgs/" + orgId + "/members/" + CARL.sub() + "/suspend", null, 200);
        send(api, "reactivate", OWNER, "POST", "/orgs/" + orgId + "/members/" + CARL.sub() + "/reactivate", null, 200);
        send(api, "remove", OWNER, "DELETE", "/orgs/" + orgId + "/members/" + CARL.sub(), null, 204);
        send(api, "transfer ownership", OWNER, "POST", "/orgs/" + orgId + "/transfer-ownership", "{\"userId\":\"" + IVAN.sub() + "\"}", 200);
        send(api, "leave", OWNER, "POST", "/orgs/" + orgId + "/leave", null, 204);

        oneOrgPerUserAndExistingUsersAddedDirectly();
        publishEveryAuditEntryOnTheStream();

        Set<String> expected = routes.stream().map(TemplateRoutes.RouteDef::routeKey).collect(Collectors.toCollection(TreeSet::new));
        expected.removeAll(routesAnswered);
        assertTrue(expected.isEmpty(), () -> "routes the story never answered with a success: " + expected);
    }

    private void theSweepExpiresAnOverdueInvitation(String orgId, String workspace) throws Exception {
        DeployedFunction shortLived = start("InviteFunction", Map.of("ROSTER_INVITATION_TTL", "PT1S"));
        ApiGateway api = new ApiGateway(routes, Map.of("InviteFunction", shortLived), JSON);
        send(api, "invite with a one-second link", OWNER, "POST", "/orgs/" + orgId + "/invitations",
                "{\"email\":\"lou.late@example.com\",\"role\":\"VIEWER\",\"workspaceIds\":[\"" + workspace + "\"]}", 201);
        Thread.sleep(1_500);
        String summary = invoke("the scheduled sweep", "InvitationExpiryFunction",
                Files.readString(ROOT.resolve("events/invitation-expiry-scheduled.json")));
        assertTrue(summary.contains("\"expired\":1"), summary);
    }

    private void oneOrgPerUserAndExistingUsersAddedDirectly() throws Exception {
        Map<String, String> settings = Map.of("ROSTER_ONE_ORG_PER_USER", "true", "ROSTER_ADD_EXISTING_USERS_DIRECTLY", "true");
        Map<String, DeployedFunction> functions = new LinkedHashMap<>(running);
        for (String id : List.of("OrgsFunction", "InviteFunction", "AcceptFunction")) {
            functions.put(id, start(id, settings));
        }
        ApiGateway api = new ApiGateway(routes, functions, JSON);
        String orgId = field(send(api, "create an org (one org per user)", DORA, "POST", "/orgs", "{\"name\":\"Dora's\"}", 201), "id");
        stubSubscription("sub_pol_2", orgId, "price_pol_starter");
        webhook(api, "a Stripe webhook applies STARTER (second org)", "evt_pol_4", "customer.subscription.created", "sub_pol_2", orgId, "APPLIED");
        String added = send(api, "invite someone with an account (added directly)", DORA, "POST", "/orgs/" + orgId + "/invitations",
                "{\"email\":\"" + CARL.email() + "\",\"role\":\"MEMBER\"}", 201);
        assertTrue(added.contains(CARL.sub()), added);
        String fredUrl = field(send(api, "invite someone new (one org per user)", DORA, "POST", "/orgs/" + orgId + "/invitations",
                "{\"email\":\"" + FRED.email() + "\",\"role\":\"MEMBER\"}", 201), "inviteUrl");
        send(api, "accept (one org per user)", FRED, "POST", "/invitations/" + token(fredUrl) + "/accept", null, 200);
    }

    private void publishEveryAuditEntryOnTheStream() throws Exception {
        List<Record> records = new ArrayList<>();
        String streamArn;
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            streamArn = streams.listStreams(b -> b.tableName(TABLE)).streams().get(0).streamArn();
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
        }
        assertFalse(records.isEmpty());
        String answer = invoke("publish the stream's audit entries", "EventPublisherFunction",
                StreamEvents.eventJson(JSON, records, streamArn));
        assertFalse(answer.contains("\"itemIdentifier\""), answer);
    }

    // --- the checks -------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void everyCallAFunctionMadeIsAllowedByItsPolicy() throws Exception {
        Map<String, List<Call>> calls = recordedCalls();
        assertEquals(template.keySet(), calls.keySet(), "every function made AWS calls");
        List<String> denied = new ArrayList<>();
        calls.forEach((function, list) -> {
            List<TemplatePolicies.Statement> statements = policies.statements(function);
            for (Call call : list) {
                for (Need need : needs(call)) {
                    if (!TemplatePolicies.allows(statements, need.action(), need.resource())) {
                        denied.add(function + ": " + need.action() + " on " + need.resource() + " (" + call.operation() + ")");
                    }
                }
            }
        });
        assertTrue(denied.isEmpty(), () -> "calls template.yaml does not allow:\n" + String.join("\n", new TreeSet<>(denied)));
    }

    @Test
    @Order(3)
    void everyGrantOfAPolicyIsNeededByACallOfItsFunction() throws Exception {
        Map<String, List<Call>> calls = recordedCalls();
        List<String> unused = new ArrayList<>();
        for (String function : template.keySet()) {
            Set<Need> needed = calls.getOrDefault(function, List.of()).stream().flatMap(c -> needs(c).stream())
                    .collect(Collectors.toSet());
            for (TemplatePolicies.Statement statement : policies.statements(function)) {
                for (String action : statement.actions()) {
                    for (String resource : statement.resources()) {
                        boolean used = needed.stream().anyMatch(n -> TemplatePolicies.glob(action, n.action(), true)
                                && TemplatePolicies.glob(resource, n.resource(), false));
                        if (!used && !UNRECORDED.containsKey(action)) {
                            unused.add(function + " " + statement.where() + ": " + action + " on " + resource);
                        }
                    }
                }
            }
        }
        assertTrue(unused.isEmpty(), () -> "grants no call needed:\n" + String.join("\n", unused));
    }

    @Test
    @Order(4)
    void onlyActionsWithoutResourcesAreGrantedOnWildcards() {
        List<String> wide = new ArrayList<>();
        for (String function : template.keySet()) {
            for (TemplatePolicies.Statement statement : policies.statements(function)) {
                for (String resource : statement.resources()) {
                    for (String action : statement.actions()) {
                        if ((resource.contains("*") || action.contains("*")) && !STAR_ONLY.contains(action)) {
                            wide.add(function + " " + statement.where() + ": " + action + " on " + resource);
                        }
                    }
                }
            }
        }
        assertTrue(wide.isEmpty(), () -> "wildcards where AWS can scope the grant:\n" + String.join("\n", wide));
    }

    /** What IAM authorizes a call by: the action and resource ARN of each thing the request touches. */
    static List<Need> needs(Call call) {
        String arn = "arn:" + TemplatePolicies.PARTITION + ":%s:" + TemplatePolicies.REGION + ":" + TemplatePolicies.ACCOUNT + ":%s";
        List<Need> needs = new ArrayList<>();
        switch (call.service()) {
            case "DynamoDb" -> {
                if (call.operation().equals("TransactWriteItems")) {
                    for (String field : call.fields()) {
                        String[] path = field.substring(0, field.indexOf('=')).split("\\.");
                        String action = switch (path[1]) {
                            case "Put" -> "PutItem";
                            case "Update" -> "UpdateItem";
                            case "Delete" -> "DeleteItem";
                            case "ConditionCheck" -> "ConditionCheckItem";
                            default -> throw new IllegalStateException("unknown transaction item " + field);
                        };
                        needs.add(new Need("dynamodb:" + action, String.format(arn, "dynamodb", "table/" + field.substring(field.indexOf('=') + 1))));
                    }
                } else {
                    List<String> indexes = call.values("IndexName");
                    for (String table : call.values("TableName")) {
                        String resource = "table/" + table + (indexes.isEmpty() ? "" : "/index/" + indexes.get(0));
                        needs.add(new Need("dynamodb:" + call.operation(), String.format(arn, "dynamodb", resource)));
                    }
                }
            }
            case "SesV2" -> {
                if (call.operation().equals("SendEmail")) {
                    for (String from : call.values("FromEmailAddress")) {
                        String address = from.contains("<") ? from.substring(from.lastIndexOf('<') + 1, from.lastIndexOf('>')) : from;
                        // SES authorizes the identity it sends as: the address's or, when only that is verified, its domain's.
                        needs.add(new Need("ses:SendEmail", String.format(arn, "ses", "identity/" + address.toLowerCase(Locale.ROOT))));
                        needs.add(new Need("ses:SendEmail", String.format(arn, "ses", "identity/" + address.substring(address.indexOf('@') + 1))));
                    }
                    call.values("ConfigurationSetName").forEach(set ->
                            needs.add(new Need("ses:SendEmail", String.format(arn, "ses", "configuration-set/" + set))));
                } else {
                    needs.add(new Need("ses:" + call.operation(), "*"));
                }
            }
            case "EventBridge" -> {
                List<String> buses = call.operation().equals("PutEvents") ? call.values("EventBusName") : call.values("Name");
                for (String bus : new LinkedHashSet<>(buses)) {
                    needs.add(new Need("events:" + call.operation(), bus.startsWith("arn:") ? bus : String.format(arn, "events", "event-bus/" + bus)));
                }
            }
            // The seat-purchase function reads the one secret its environment names: this deployment's.
            case "SecretsManager" -> needs.add(new Need("secretsmanager:" + call.operation(), STRIPE_SECRET_ARN));
            default -> throw new IllegalStateException("a call to a service this test cannot map to IAM: " + call);
        }
        if (needs.isEmpty()) {
            throw new IllegalStateException("no resource recorded for " + call);
        }
        return needs;
    }

    // --- deploying with the recorder --------------------------------------------------------------------------

    private static DeployedFunction start(String logicalId, Map<String, String> overrides) throws Exception {
        TemplateFunctions.Function function = template.get(logicalId);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl());
        env.put("STRIPE_API_BASE", aws.baseUrl());
        env.put(AwsCallRecorder.LOG_VARIABLE, callLog(logicalId).toAbsolutePath().toString());
        env.putAll(overrides);
        DeployedFunction deployed = DeployedFunction.start(function, recordingTaskRoot(function),
                DeployedFunction.runtimeLibrary(), env, List.of(), work);
        all.add(deployed);
        return deployed;
    }

    /** The function's task root plus the recorder and the SDK's global interceptor file naming it. */
    private static Path recordingTaskRoot(TemplateFunctions.Function function) throws Exception {
        Path taskRoot = work.resolve(function.logicalId()).resolve("task-recording");
        if (Files.isDirectory(taskRoot)) {
            return taskRoot;
        }
        DeployedFunction.unpack(function.codeUri(), taskRoot);
        Path recorder = classFile(AwsCallRecorder.class);
        Path target = taskRoot.resolve(AwsCallRecorder.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        Files.copy(recorder, target);
        Path interceptors = taskRoot.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(interceptors.getParent());
        Files.writeString(interceptors, AwsCallRecorder.class.getName() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return taskRoot;
    }

    private static Path classFile(Class<?> type) throws URISyntaxException {
        return Path.of(type.getResource(type.getSimpleName() + ".class").toURI());
    }

    private static Path callLog(String logicalId) {
        return work.resolve("calls-" + logicalId + ".tsv");
    }

    /** Every call each function made, by function. */
    private static Map<String, List<Call>> recordedCalls() throws Exception {
        Map<String, List<Call>> calls = new TreeMap<>();
        for (String function : template.keySet()) {
            Path log = callLog(function);
            if (!Files.exists(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                String[] parts = line.split("\t");
                if (parts[0].equals("call")) {
                    calls.computeIfAbsent(function, f -> new ArrayList<>()).add(new Call(function, parts[1], parts[2],
                            List.of(parts).subList(3, parts.length)));
                }
            }
        }
        return calls;
    }

    /** The function's log lines since the last step, for the report. */
    private static void reportStep(String step, String function) throws Exception {
        Path log = callLog(function);
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        int from = logLines.getOrDefault(function, 0);
        logLines.put(function, lines.size());
        Map<String, Integer> requests = new LinkedHashMap<>();
        double read = 0;
        double written = 0;
        for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            String[] parts = line.split("\t");
            if (parts[0].equals("call")) {
                requests.merge(parts[2], 1, Integer::sum);
            } else if (parts[0].equals("capacity") && READS.contains(parts[1])) {
                read += Double.parseDouble(parts[2]);
            } else if (parts[0].equals("capacity")) {
                written += Double.parseDouble(parts[2]);
            }
        }
        String calls = requests.isEmpty() ? "none" : requests.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(" + "));
        report.append("| ").append(step).append(" | ").append(function).append(" | ").append(calls).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f | %.1f", read, written)).append(" |\n");
    }

    // --- requests ---------------------------------------------------------------------------------------------

    private static String send(ApiGateway api, String step, Person caller, String method, String path, String body,
                               int expected) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        ApiGateway.Response response = api.send(new ApiGateway.Request(method, path, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), caller == null ? null : caller.claims(), false));
        assertEquals(expected, response.status(), () -> step + ": " + response);
        String route = route(method, path);
        routesAnswered.add(route);
        reportStep(step, routes.stream().filter(r -> r.routeKey().equals(route)).findFirst().orElseThrow().function());
        return response.body();
    }

    private static String route(String method, String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        return routes.stream().filter(r -> r.match(method, path) != null).findFirst().orElseThrow().routeKey();
    }

    private static void webhook(ApiGateway api, String step, String eventId, String type, String subscription, String orgId,
                                String outcome) throws Exception {
        String event = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\","
                + "\"created\":1764400000,\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type + "\","
                + "\"data\":{\"object\":{\"id\":\"" + subscription + "\",\"object\":\"subscription\",\"status\":\"active\","
                + "\"metadata\":{\"roster_org_id\":\"" + orgId + "\"}}}}";
        ApiGateway.Response response = api.send(new ApiGateway.Request("POST", "/webhooks/stripe",
                Map.of("Content-Type", List.of("application/json; charset=utf-8"),
                        "Stripe-Signature", List.of(Webhook.Signature.generateSignatureHeader(event, WEBHOOK_SECRET))),
                event.getBytes(StandardCharsets.UTF_8), null, true));
        assertEquals(200, response.status(), () -> step + ": " + response);
        if (outcome != null) {
            assertTrue(response.body().contains(outcome), () -> step + ": " + response.body());
        }
        routesAnswered.add("POST /webhooks/stripe");
        reportStep(step, "SeatPurchaseFunction");
    }

    private static String invoke(String step, String function, String event) throws Exception {
        RuntimeApiEmulator.Answer answer = running.get(function).invoke(event);
        assertFalse(answer.failed(), () -> step + ": " + answer.text());
        reportStep(step, function);
        return answer.text();
    }

    /** Stripe holds the subscription in this state, and answers a change to it with the same (the test's only need). */
    private static void stubSubscription(String id, String orgId, String price) {
        String subscription = "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"active\",\"customer\":\"cus_pol\","
                + "\"metadata\":{\"roster_org_id\":\"" + orgId + "\"},\"items\":{\"object\":\"list\",\"data\":["
                + "{\"id\":\"si_pol\",\"object\":\"subscription_item\",\"price\":{\"id\":\"" + price + "\","
                + "\"object\":\"price\"},\"quantity\":1}],\"has_more\":false,\"url\":\"/v1/subscription_items\"}}";
        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + id)).willReturn(json(200, subscription)));
        aws.stubFor(post(urlPathEqualTo("/v1/subscriptions/" + id)).willReturn(json(200, subscription)));
        aws.stubFor(post(urlEqualTo("/v1/billing_portal/sessions")).willReturn(json(200, "{\"id\":\"bps_pol\","
                + "\"object\":\"billing_portal.session\",\"customer\":\"cus_pol\","
                + "\"url\":\"https://billing.stripe.com/p/session/pol\"}")));
    }

    private static void stubAws() {
        // The Stripe keys, as the seat-purchase function reads them from Secrets Manager at run time.
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + STRIPE_SECRET_ARN + "\",\"Name\":\"roster/stripe\",\"VersionId\":\"pol-1\","
                                + "\"SecretString\":\"{\\\"apiKey\\\":\\\"sk_test_policies\\\",\\\"webhookSecret\\\":\\\""
                                + WEBHOOK_SECRET + "\\\"}\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7644E9}")));
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(json(200, "{\"MessageId\":\"pol-message\"}")));
        aws.stubFor(get(urlEqualTo("/v2/email/account")).willReturn(json(200, "{\"SendingEnabled\":true}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withTransformers("response-template")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{{#each (jsonPath request.body '$.Entries') as |e|}}"
                                + "{{#unless @first}},{{/unless}}{\"EventId\":\"pol-{{@index}}\"}{{/each}}]}")));
        aws.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(json(200, "{\"id\":\"cs_pol\","
                + "\"object\":\"checkout.session\",\"mode\":\"subscription\",\"url\":\"https://checkout.stripe.com/c/pay/cs_pol\"}")));
        aws.stubFor(any(anyUrl()).atPriority(100).willReturn(json(404, "{\"message\":\"not stubbed\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String token(String inviteUrl) {
        return inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
    }

    private static String field(String json, String name) throws Exception {
        Object value = JSON.readValue(json, Argument.mapOf(String.class, Object.class)).get(name);
        if (value == null) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return String.valueOf(value);
    }
}
