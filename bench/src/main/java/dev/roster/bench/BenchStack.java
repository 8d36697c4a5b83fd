package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.roster.local.EmbeddedDynamo;
import dev.roster.runtime.DeployedFunction;
import dev.roster.runtime.RuntimeApiEmulator;
import dev.roster.runtime.TemplateFunctions;
import dev.roster.local.LocalApi;
import dev.roster.local.LocalOptions;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * What a function's deployable jar runs against, alone in a fresh JVM: DynamoDB Local holding the samples' story
 * (the owner's org on STARTER, Ivan invited and accepted), and WireMock answering SES, EventBridge, Secrets Manager
 * (the Stripe keys) and Stripe.
 */
final class BenchStack implements AutoCloseable {

    /** Stripe answers for these subscriptions: unknown to Stripe, and Stripe failing. */
    static final String MISSING_SUBSCRIPTION = "sub_MISSING";
    static final String FAILING_SUBSCRIPTION = "sub_FAILING";
    static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_bench";
    /** SES's GetAccount and EventBridge's DescribeEventBus: the adapters' read-only warm-up requests. */
    static final String SES_ACCOUNT = "/v2/email/account";
    static final String DESCRIBE_EVENT_BUS = "AWSEvents.DescribeEventBus";
    private static final String SAMPLE_ORG = "01JDSAMPLE0RG0000000000000";
    private static final String SAMPLE_TOKEN = "SAMPLE-TOKEN-000000000000000000000000000000";
    private static final String WEBHOOK_SECRET = "whsec_bench";
    private static final String STRIPE_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:roster/stripe-Bench";
    private static final String TABLE = "roster-bench";

    record Function(String name, String handler, String event) {
        Path jar() {
            return Path.of("functions", name, "target", "roster-" + name + "-lambda.jar");
        }
    }

    /** One cold start through the runtime interface client: init, the first invocation, the warm median. */
    record RuntimeRun(double init, double first, double warm, String answer) {
        String status() {
            Matcher m = Pattern.compile("\"statusCode\":(\\d+)").matcher(answer);
            return m.find() ? m.group(1) : "ok";
        }
    }

    /**
     * One cold start: init (constructing the handler), priming when asked (CRaC's beforeCheckpoint, as SnapStart
     * runs it), the first invocation, the median of the warm ones; the DynamoDB requests and capacity of the
     * priming and of the first invocation; the first answer.
     */
    record Run(double init, double prime, double first, double warm, String primeCalls, String calls, String status,
               String answer) {
    }

    private final Path root;
    private final Path work;
    private final WireMockServer aws;
    private final EmbeddedDynamo dynamo;
    private final Map<String, String> env;
    private final Map<String, String> ids;
    private final List<TemplateFunctions.Function> template;
    private final AtomicInteger events = new AtomicInteger();

    private BenchStack(Path root, Path work, WireMockServer aws, EmbeddedDynamo dynamo, Map<String, String> env,
                       Map<String, String> ids, List<TemplateFunctions.Function> template) {
        this.root = root;
        this.work = work;
        this.aws = aws;
        this.dynamo = dynamo;
        this.env = env;
        this.ids = ids;
        this.template = template;
    }

    /** @param root the project's directory: events/, template.yaml and each function's target/ */
    static BenchStack start(Path root) throws Exception {
        Path work = Files.createTempDirectory("roster-bench");
        WireMockServer aws = new WireMockServer(options().dynamicPort());
        aws.start();
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(null);
        try {
            Map<String, String> env = environment(dynamo.endpoint().toString(), aws.baseUrl());
            Map<String, String> ids = seed(root, dynamo.endpoint().toString(), env, work);
            stub(aws, ids.get("org"));
            env.put("BENCH_ORG_ID", ids.get("org"));
            return new BenchStack(root, work, aws, dynamo, env, ids, TemplateFunctions.load(
                    root.resolve("template.yaml"), deployment()));
        } catch (Exception | Error e) {
            dynamo.close();
            aws.stop();
            throw e;
        }
    }

    Path jar(Function f) {
        return root.resolve(f.jar());
    }

    /** The function's sample from events/, with the seeded ids; the webhook signed now, as Stripe signs each delivery. */
    Path sample(Function f) throws Exception {
        return sample(f, f.event(), UnaryOperator.identity());
    }

    /** Another sample of the function's, edited before the ids are put in and the webhook is signed. */
    Path sample(Function f, String event, UnaryOperator<String> edit) throws Exception {
        String text = edit.apply(Files.readString(root.resolve("events").resolve(event)))
                .replace(SAMPLE_ORG, ids.get("org")).replace(SAMPLE_TOKEN, ids.get("token"));
        if (f.name().equals("invite")) {
            text = text.replace("ivan@example.com", "bench-invitee@example.com");
        }
        if (event.equals("seat-purchase-webhook.json")) {
            text = signed(text);
        }
        Path file = work.resolve(f.name() + "-" + events.incrementAndGet() + ".json");
        Files.writeString(file, text);
        return file;
    }

    private static String signed(String text) throws Exception {
        JsonMapper json = JsonMapper.createDefault();
        Map<String, Object> event = json.readValue(text, Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) event.get("headers");
        long now = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        headers.put("stripe-signature", "t=" + now + ",v1=" + HexFormat.of().formatHex(
                mac.doFinal((now + "." + event.get("body")).getBytes(StandardCharsets.UTF_8))));
        return new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8);
    }

    /** Runs one cold start of {@code handler} on {@code jar} alone (plus the bench's invoker and the runtime's serializers). */
    Run coldRun(String handler, Path jar, Path event, List<String> jvmFlags, int warm, boolean prime) throws Exception {
        String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(),
                ColdStartBenchPaths.of(Invoker.class), ColdStartBenchPaths.of(LambdaEventSerializers.class));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, Invoker.class.getName(), handler, event.toString(),
                Integer.toString(warm), prime ? "prime" : "no-prime"));
        Path log = Path.of(event.toString().replace(".json", prime ? "-primed.log" : ".log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String result = null;
        String answer = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.startsWith("ANSWER ")) {
                    answer = line.substring(7);
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(handler + " did not run (exit " + process.exitValue() + "); its log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        }
        Matcher m = Pattern.compile("init=(\\S+) prime=(\\S+) first=(\\S+) warm=(\\S+) primeCalls=(\\S+) calls=(\\S+) status=(\\S+)")
                .matcher(result);
        if (!m.find()) {
            throw new IllegalStateException("unreadable: " + result);
        }
        return new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), m.group(5), m.group(6), m.group(7), answer);
    }

    /** The deployment template.yaml is resolved against: the bench's table, bus, sender, prices and Stripe secret. */
    private static TemplateFunctions.Deployment deployment() {
        return new TemplateFunctions.Deployment(Map.of(
                "JwtIssuer", "https://issuer.roster.bench", "JwtAudience", "roster-bench",
                "MailFrom", "no-reply@roster.bench", "BaseUrl", "https://app.roster.bench",
                "InvitesPerDay", "1000000", "ResendCooldown", "PT0S",
                "StripePrices", "{\"price_local_pro\":\"PRO\",\"price_local_extra_seat\":\"EXTRA_SEAT\"}",
                "StripeSecretArn", STRIPE_SECRET_ARN),
                Map.of("Table", TABLE, "EventBus", "roster-bench", "MailConfigurationSet", "roster-bench-mail"));
    }

    /** The function of template.yaml whose code is this module's jar. */
    TemplateFunctions.Function templateFunction(Function f) {
        return template.stream().filter(t -> t.codeUri().endsWith(f.jar())).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml deploys no " + f.jar()));
    }

    /**
     * One cold start as Lambda runs it: the task root unpacked from the jar, a fresh JVM under the runtime interface
     * client with the template's handler and environment, timed from the process's start to its first request for
     * an event (init), then the first invocation and {@code warm} more, each from the event handed out to the answer.
     */
    RuntimeRun runtimeRun(TemplateFunctions.Function function, Path taskRoot, Path event, int warm) throws Exception {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", env.get("AWS_ENDPOINT_URL_DYNAMODB"));
        endpoints.put("AWS_ENDPOINT_URL_SESV2", aws.baseUrl());
        endpoints.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.baseUrl());
        endpoints.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl());
        endpoints.put("STRIPE_API_BASE", aws.baseUrl());
        endpoints.put("BENCH_ORG_ID", ids.get("org"));
        String sample = Files.readString(event);
        try (DeployedFunction deployed = DeployedFunction.start(function, taskRoot, DeployedFunction.runtimeLibrary(),
                endpoints, List.of(), work.resolve("runtime"))) {
            RuntimeApiEmulator.Answer first = deployed.invoke(sample);
            if (first.failed()) {
                throw new IllegalStateException(function.logicalId() + " failed: " + first.text());
            }
            double[] warmMillis = new double[warm];
            for (int i = 0; i < warm; i++) {
                warmMillis[i] = millis(deployed.invoke(sample).elapsed());
            }
            Arrays.sort(warmMillis);
            return new RuntimeRun(millis(deployed.init()), millis(first.elapsed()),
                    warm == 0 ? 0 : warmMillis[warm / 2], first.text());
        }
    }

    /** The function's jar unpacked once, as Lambda lays out its task root. */
    Path taskRoot(TemplateFunctions.Function function) throws Exception {
        return DeployedFunction.unpack(function.codeUri(), work.resolve("task-roots").resolve(function.logicalId()));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** How many requests WireMock (standing in for SES, EventBridge and Stripe) has received like this. */
    int received(RequestPatternBuilder pattern) {
        return aws.countRequestsMatching(pattern.build()).getCount();
    }

    @Override
    public void close() throws Exception {
        try {
            dynamo.close();
        } finally {
            aws.stop();
        }
    }

    private static Map<String, String> environment(String dynamoEndpoint, String awsStub) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROSTER_TABLE", TABLE);
        env.put("ROSTER_MAIL_FROM", "no-reply@roster.bench");
        env.put("ROSTER_BASE_URL", "https://app.roster.bench");
        env.put("ROSTER_EVENT_BUS", "roster-bench");
        env.put("ROSTER_DYNAMODB_ENDPOINT", dynamoEndpoint);
        env.put("ROSTER_SES_ENDPOINT", awsStub);
        env.put("ROSTER_EVENTBRIDGE_ENDPOINT", awsStub);
        env.put("ROSTER_INVITES_PER_DAY", "1000000");
        env.put("ROSTER_RESEND_COOLDOWN", "PT0S");
        env.put("STRIPE_SECRET_ARN", STRIPE_SECRET_ARN);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", awsStub);
        env.put("STRIPE_API_BASE", awsStub);
        env.put("ROSTER_STRIPE_PRICES", "{\"price_local_pro\":\"PRO\",\"price_local_extra_seat\":\"EXTRA_SEAT\"}");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    private static Map<String, String> seed(Path root, String dynamoEndpoint, Map<String, String> env, Path work)
            throws Exception {
        Map<String, String> local = new LinkedHashMap<>(env);
        local.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_ENDPOINT") || k.startsWith("STRIPE_"));
        try (LocalApi api = LocalApi.start(new LocalOptions(0, work, false, dynamoEndpoint, local, List.of(),
                root.resolve("template.yaml")))) {
            String base = api.baseUri().toString();
            String owner = token(base, "owner@example.com", "Olivia Owner", "user-sample-owner");
            String ivan = token(base, "ivan@example.com", "Ivan Invitee", "user-sample-invitee");
            String org = field(call(base + "/orgs", owner, "{\"name\":\"Acme\"}"), "id");
            call(base + "/_local/orgs/" + org + "/plan", null, "{\"plan\":\"STARTER\"}");
            String url = field(call(base + "/orgs/" + org + "/invitations", owner,
                    "{\"email\":\"ivan@example.com\",\"role\":\"MEMBER\"}"), "inviteUrl");
            String token = url.substring(url.lastIndexOf('/') + 1);
            call(base + "/invitations/" + token + "/accept", ivan, "");
            return Map.of("org", org, "token", token);
        }
    }

    private static void stub(WireMockServer aws, String org) {
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"MessageId\":\"bench\"}")));
        aws.stubFor(get(urlEqualTo(SES_ACCOUNT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"SendingEnabled\":true}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(DESCRIBE_EVENT_BUS))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Name\":\"roster-bench\"}")));
        aws.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Entries\":[{\"EventId\":\"bench\"}],\"FailedEntryCount\":0}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + STRIPE_SECRET_ARN + "\",\"Name\":\"roster/stripe\",\"SecretString\":"
                                + "\"{\\\"apiKey\\\":\\\"sk_test_bench\\\",\\\"webhookSecret\\\":\\\"" + WEBHOOK_SECRET
                                + "\\\"}\",\"VersionStages\":[\"AWSCURRENT\"]}")));
        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1SAMPLE")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sub_1SAMPLE\",\"object\":\"subscription\","
                        + "\"status\":\"active\",\"customer\":\"cus_SAMPLE\",\"metadata\":{\"roster_org_id\":\"" + org + "\"},"
                        + "\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_1\",\"object\":\"subscription_item\","
                        + "\"price\":{\"id\":\"price_local_pro\",\"object\":\"price\"},\"quantity\":1}],\"has_more\":false,"
                        + "\"url\":\"/v1/subscription_items\"}}")));
        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + MISSING_SUBSCRIPTION)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"resource_missing\","
                        + "\"doc_url\":\"https://stripe.com/docs/error-codes/resource-missing\",\"message\":\"No such "
                        + "subscription: '" + MISSING_SUBSCRIPTION + "'\",\"param\":\"id\",\"type\":\"invalid_request_error\"}}")));
        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + FAILING_SUBSCRIPTION)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}")));
        aws.stubFor(post(urlEqualTo("/v1/subscriptions/sub_1SAMPLE")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"charge\":\"ch_bench\","
                        + "\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\",\"doc_url\":"
                        + "\"https://stripe.com/docs/error-codes/card-declined\",\"message\":\"Your card has insufficient"
                        + " funds.\",\"param\":null,\"type\":\"card_error\"}}")));
        aws.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"cs_bench\",\"object\":\"checkout.session\","
                        + "\"url\":\"" + CHECKOUT_URL + "\"}")));
    }

    private static String token(String base, String email, String name, String sub) throws Exception {
        return field(call(base + "/_local/token", null, "{\"email\":\"" + email + "\",\"name\":\"" + name
                + "\",\"sub\":\"" + sub + "\"}"), "token");
    }

    private static String call(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
