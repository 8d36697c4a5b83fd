package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.local.EmbeddedDynamo;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Cold start, warm latency, jar size and DynamoDB cost of every function, each against a floor: for each
 * function's deployable jar, fresh JVMs with Lambda's flags construct the handler and invoke it with its sample
 * event from events/ against DynamoDB Local (SES, EventBridge and Stripe answered by WireMock), then invoke it
 * {@value #WARM} more times. Each cold start is repeated {@value #COLD_RUNS} times; medians are reported.
 */
public final class ColdStartBench {

    static final int COLD_RUNS = 5;
    static final int WARM = 200;
    /** Lambda's flags as the issue gives them; heap and GC as we approximate a 1024 MB function. */
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-Xms870m", "-Xmx870m", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final String SAMPLE_ORG = "01JDSAMPLE0RG0000000000000";
    private static final String SAMPLE_TOKEN = "SAMPLE-TOKEN-000000000000000000000000000000";
    private static final String WEBHOOK_SECRET = "whsec_bench";
    private static final String TABLE = "roster-bench";

    record Function(String name, String handler, String event) {
        Path jar() {
            return Path.of("functions", name, "target", "roster-" + name + "-lambda.jar");
        }
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("orgs", "dev.roster.orgs.OrgsFunction", "orgs-get-org.json"),
            new Function("invite", "dev.roster.invite.InviteFunction", "invite-create-invitation.json"),
            new Function("accept", "dev.roster.accept.AcceptFunction", "accept-accept-invitation.json"),
            new Function("role-change", "dev.roster.rolechange.RoleChangeFunction", "role-change-update-member.json"),
            new Function("seat-purchase", "dev.roster.seats.SeatPurchaseFunction", "seat-purchase-webhook.json"),
            new Function("invitation-expiry", "dev.roster.expiry.InvitationExpiryFunction", "invitation-expiry-scheduled.json"),
            new Function("event-publisher", "dev.roster.publisher.EventPublisherFunction", "event-publisher-stream.json"));

    record Run(double init, double first, double warm, String calls, String status) {
    }

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        for (Function f : FUNCTIONS) {
            if (!Files.exists(f.jar())) {
                throw new IllegalStateException(f.jar() + " is missing: build with ./mvnw -q -pl bench -am -DskipTests package");
            }
        }
        Path work = Files.createTempDirectory("roster-bench");
        WireMockServer aws = new WireMockServer(options().dynamicPort());
        aws.start();
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.start(null)) {
            String dynamoEndpoint = dynamo.endpoint().toString();
            Map<String, String> env = environment(dynamoEndpoint, aws.baseUrl());
            Map<String, String> ids = seed(dynamoEndpoint, env, work);
            stub(aws, ids.get("org"));

            Map<String, List<Run>> results = new LinkedHashMap<>();
            results.put("floor (no framework, one GetItem)", runs(new Function("floor", FloorHandler.class.getName(),
                    "orgs-get-org.json"), Path.of("functions/orgs/target/roster-orgs-lambda.jar"), env, ids, work));
            for (Function f : FUNCTIONS) {
                results.put(f.name(), runs(f, f.jar(), env, ids, work));
            }
            String report = report(results);
            System.out.println(report);
            Path out = Path.of("bench", "target", "results.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
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
        env.put("STRIPE_API_KEY", "sk_test_bench");
        env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("STRIPE_API_BASE", awsStub);
        env.put("ROSTER_STRIPE_PRICES", "{\"price_local_pro\":\"PRO\",\"price_local_extra_seat\":\"EXTRA_SEAT\"}");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    /** The samples' story, through the local API: the owner's org on STARTER, Ivan invited and accepted. */
    private static Map<String, String> seed(String dynamoEndpoint, Map<String, String> env, Path work) throws Exception {
        Map<String, String> local = new LinkedHashMap<>(env);
        local.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_ENDPOINT") || k.startsWith("STRIPE_API_BASE"));
        try (LocalApi api = LocalApi.start(new LocalOptions(0, work, false, dynamoEndpoint, local, List.of(),
                Path.of("template.yaml")))) {
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
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Entries\":[{\"EventId\":\"bench\"}],\"FailedEntryCount\":0}")));
        aws.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1SAMPLE")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sub_1SAMPLE\",\"object\":\"subscription\","
                        + "\"status\":\"active\",\"customer\":\"cus_SAMPLE\",\"metadata\":{\"roster_org_id\":\"" + org + "\"},"
                        + "\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_1\",\"object\":\"subscription_item\","
                        + "\"price\":{\"id\":\"price_local_pro\",\"object\":\"price\"},\"quantity\":1}],\"has_more\":false,"
                        + "\"url\":\"/v1/subscription_items\"}}")));
    }

    private static List<Run> runs(Function f, Path jar, Map<String, String> env, Map<String, String> ids, Path work)
            throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            Path event = work.resolve(f.name() + "-" + i + ".json");
            Files.writeString(event, sample(f, ids));
            runs.add(coldRun(f, jar, env, ids, event));
            System.err.printf("%s run %d: %s%n", f.name(), i + 1, runs.get(runs.size() - 1));
        }
        return runs;
    }

    /** The sample with the seeded ids; the webhook signed now, as Stripe signs each delivery. */
    private static String sample(Function f, Map<String, String> ids) throws Exception {
        String text = Files.readString(Path.of("events", f.event())).replace(SAMPLE_ORG, ids.get("org"))
                .replace(SAMPLE_TOKEN, ids.get("token"));
        if (f.name().equals("invite")) {
            text = text.replace("ivan@example.com", "bench-invitee@example.com");
        }
        if (f.name().equals("seat-purchase")) {
            JsonMapper json = JsonMapper.createDefault();
            Map<String, Object> event = json.readValue(text, Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) event.get("headers");
            long now = System.currentTimeMillis() / 1000;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            headers.put("stripe-signature", "t=" + now + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((now + "." + event.get("body")).getBytes(StandardCharsets.UTF_8))));
            text = new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8);
        }
        return text;
    }

    private static Run coldRun(Function f, Path jar, Map<String, String> env, Map<String, String> ids, Path event)
            throws Exception {
        String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(),
                ColdStartBenchPaths.of(Invoker.class), ColdStartBenchPaths.of(LambdaEventSerializers.class));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(Arrays.asList("-cp", classpath, Invoker.class.getName(), f.handler(), event.toString(),
                Integer.toString(WARM)));
        Path log = Path.of(event.toString().replace(".json", ".log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("BENCH_ORG_ID", ids.get("org"));
        Process process = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(f.name() + " did not run (exit " + process.exitValue() + "); its log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        }
        Matcher m = Pattern.compile("init=(\\S+) first=(\\S+) warm=(\\S+) calls=(\\S+) status=(\\S+)").matcher(result);
        if (!m.find()) {
            throw new IllegalStateException("unreadable: " + result);
        }
        return new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4), m.group(5));
    }

    private static String report(Map<String, List<Run>> results) throws Exception {
        List<Run> floorRuns = results.values().iterator().next();
        double floor = median(floorRuns.stream().mapToDouble(r -> r.init() + r.first()).toArray());
        StringBuilder s = new StringBuilder();
        s.append(String.format("Medians of %d cold starts (JVM flags: %s) and of %d warm invocations each, on %s with %d CPUs.%n%n",
                COLD_RUNS, String.join(" ", JVM_FLAGS), WARM, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        s.append("| function | jar MB | init ms | first invocation ms | cold total ms | × floor | warm median ms | DynamoDB requests (first invocation) | capacity units | answer |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        for (Map.Entry<String, List<Run>> e : results.entrySet()) {
            List<Run> runs = e.getValue();
            double init = median(runs.stream().mapToDouble(Run::init).toArray());
            double first = median(runs.stream().mapToDouble(Run::first).toArray());
            double total = median(runs.stream().mapToDouble(r -> r.init() + r.first()).toArray());
            double warm = median(runs.stream().mapToDouble(Run::warm).toArray());
            Run last = runs.get(runs.size() - 1);
            String[] calls = last.calls().split("\\|");
            Path jar = e.getKey().startsWith("floor") ? null : Path.of("functions", e.getKey(), "target",
                    "roster-" + e.getKey() + "-lambda.jar");
            s.append(String.format("| %s | %s | %.0f | %.0f | %.0f | %.2f | %.2f | %s | %s | %s |%n", e.getKey(),
                    jar == null ? "–" : String.format("%.1f", Files.size(jar) / 1_000_000.0), init, first, total,
                    total / floor, warm, calls[0].replace("+", " + "), calls[1], last.status()));
        }
        return s.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
