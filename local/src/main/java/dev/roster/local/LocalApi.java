package dev.roster.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.port.EventPublisher;
import dev.roster.core.port.SecretStore;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import dev.roster.core.usecase.BillingService;
import dev.roster.http.JsonInput;
import dev.roster.http.Problems;
import dev.roster.http.json.Representations;
import dev.roster.local.TemplateRoutes.RouteDef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every function of template.yaml behind one HTTP port, as API Gateway would put them: the same routes, the
 * same handler classes, payload-2.0 events, and an emulated JWT authorizer. DynamoDB Local runs in-process.
 */
public final class LocalApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);
    private static final String EXPIRY_FUNCTION = "InvitationExpiryFunction";
    private static final Pattern PLAN_ROUTE = Pattern.compile("^/_local/orgs/([^/]+)/plan$");
    static final String LOCAL_STRIPE_API_KEY = "sk_test_roster_local_placeholder";
    static final String LOCAL_STRIPE_WEBHOOK_SECRET = "whsec_roster_local";
    static final String LOCAL_STRIPE_PRICES = "{\"price_local_starter\":\"STARTER\",\"price_local_pro\":\"PRO\","
            + "\"price_local_founder\":\"FOUNDER\",\"price_local_extra_seat\":\"EXTRA_SEAT\"}";
    /** API Gateway's own payload limit; the functions enforce their smaller one. */
    private static final int GATEWAY_MAX_BODY = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ApplicationContext context;
    private final EmbeddedDynamo dynamo;
    private final List<RouteDef> routes;
    private final Map<String, MicronautRequestHandler<?, ?>> handlers;
    private final Map<String, MicronautRequestHandler<Map<String, Object>, ?>> scheduled;
    private final HttpApiEventFactory events;
    private final LocalAuthorizer authorizer;
    private final JsonMapper json;
    private final Clock clock;
    private final Path mailDir;
    private final Path eventsFile;
    private final boolean stripeConfigured;
    private final List<StreamPoller> pollers = new java.util.ArrayList<>();

    private LocalApi(HttpServer server, ExecutorService executor, ApplicationContext context, EmbeddedDynamo dynamo,
                     List<RouteDef> routes,
                     Map<String, MicronautRequestHandler<?, ?>> handlers,
                     Map<String, MicronautRequestHandler<Map<String, Object>, ?>> scheduled, LocalAuthorizer authorizer,
                     Path mailDir, boolean stripeConfigured) {
        this.server = server;
        this.executor = executor;
        this.context = context;
        this.dynamo = dynamo;
        this.routes = routes;
        this.handlers = handlers;
        this.scheduled = scheduled;
        this.json = context.getBean(JsonMapper.class);
        this.clock = context.getBean(Clock.class);
        this.events = new HttpApiEventFactory(json);
        this.authorizer = authorizer;
        this.mailDir = mailDir;
        this.eventsFile = mailDir.resolveSibling("events.jsonl");
        this.stripeConfigured = stripeConfigured;
    }

    public static void main(String[] args) throws Exception {
        LocalApi api;
        try {
            api = start(LocalOptions.fromEnvironment());
        } catch (InvalidConfigurationException | IllegalArgumentException e) {
            System.err.println("Roster local API did not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        System.out.println(api.banner());
    }

    public static LocalApi start(LocalOptions options) throws Exception {
        defaultLocalCredentials();
        List<RouteDef> routes = TemplateRoutes.load(options.template());
        EmbeddedDynamo dynamo = options.dynamoEndpoint() == null
                ? EmbeddedDynamo.start(options.persistTable() ? options.dataDir().resolve("dynamodb") : null) : null;
        String dynamoEndpoint = dynamo != null ? dynamo.endpoint().toString() : options.dynamoEndpoint();

        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", options.port()), 200);
        int port = server.getAddress().getPort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ROSTER_TABLE", "roster");
        settings.put("ROSTER_MAIL_FROM", "no-reply@roster.localhost");
        settings.put("ROSTER_BASE_URL", "http://localhost:" + port);
        settings.put("ROSTER_EVENT_BUS", "roster-local");
        // Safe stand-ins so the seat-purchase function starts; real test-mode values come from the environment.
        settings.put("STRIPE_API_KEY", LOCAL_STRIPE_API_KEY);
        settings.put("STRIPE_WEBHOOK_SECRET", LOCAL_STRIPE_WEBHOOK_SECRET);
        settings.put("ROSTER_STRIPE_PRICES", LOCAL_STRIPE_PRICES);
        settings.put("STRIPE_SECRET_ARN", LocalStripeSecret.NAME);
        settings.putAll(options.environment());
        List<Object> beans = new java.util.ArrayList<>(options.beans());
        boolean stripeConfigured = holdStripeKeys(settings, beans);
        Map<String, Object> properties = new HashMap<>();
        settings.forEach((variable, value) -> properties.put(property(variable), value));
        properties.put("roster.dynamodb-endpoint", dynamoEndpoint);

        Path mailDir = options.dataDir().resolve("mail");
        Clock clock = options.beans().stream().filter(Clock.class::isInstance).map(Clock.class::cast).findFirst()
                .orElse(Clock.systemUTC());
        if (beans.stream().noneMatch(Mailer.class::isInstance)) {
            beans.add(new EmlMailer(mailDir, clock));
        }
        boolean eventBridgeConfigured = settings.containsKey("ROSTER_EVENTBRIDGE_ENDPOINT")
                || System.getenv("AWS_ENDPOINT_URL") != null;
        if (beans.stream().noneMatch(EventPublisher.class::isInstance) && !eventBridgeConfigured) {
            beans.add(new JsonlEventPublisher(options.dataDir().resolve("events.jsonl"), JsonMapper.createDefault()));
        }
        ApplicationContext context;
        try {
            context = ApplicationContext.builder().properties(properties).singletons(beans.toArray())
                    .deduceEnvironment(false).environments("local").start();
        } catch (BeanInstantiationException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidConfigurationException)) {
                cause = cause.getCause();
            }
            if (dynamo != null) {
                dynamo.close();
            }
            throw cause instanceof InvalidConfigurationException ice ? ice : e;
        }
        String table = context.getBean(RosterSettings.class).table();
        if (dynamo != null) {
            dynamo.ensureTable(table);
        } else {
            EmbeddedDynamo.ensureTableAt(URI.create(dynamoEndpoint), table);
        }

        Map<String, MicronautRequestHandler<?, ?>> handlers = new HashMap<>();
        for (RouteDef route : routes) {
            if (!handlers.containsKey(route.handler())) {
                handlers.put(route.handler(), instantiate(route.handler(), context));
            }
        }
        Map<String, MicronautRequestHandler<Map<String, Object>, ?>> scheduled = new HashMap<>();
        for (TemplateRoutes.ScheduledDef function : TemplateRoutes.scheduled(options.template())) {
            scheduled.put(function.function(), instantiate(function.handler(), context));
        }
        LocalAuthorizer authorizer = new LocalAuthorizer(secret(options), context.getBean(JsonMapper.class), clock);
        ExecutorService executor = Executors.newFixedThreadPool(32);
        LocalApi api = new LocalApi(server, executor, context, dynamo, routes, handlers, scheduled, authorizer, mailDir,
                stripeConfigured);
        api.startStreams(options.template(), table, dynamoEndpoint);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** Runs each stream function of template.yaml on the table's stream, as its event source mapping would. */
    private void startStreams(Path template, String table, String dynamoEndpoint) throws Exception {
        List<TemplateRoutes.ScheduledDef> functions = TemplateRoutes.streamed(template);
        if (functions.isEmpty()) {
            return;
        }
        String streamArn = context.getBean(DynamoDbClient.class).describeTable(b -> b.tableName(table)).table()
                .latestStreamArn();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamoEndpoint))
                .httpClient(context.getBean(SdkHttpClient.class)).build();
        for (TemplateRoutes.ScheduledDef function : functions) {
            pollers.add(new StreamPoller(streams, streamArn, function.function(), instantiate(function.handler(), context),
                    json));
        }
    }

    /** Where locally published events are appended, one PutEvents entry a line. */
    public Path eventsFile() {
        return eventsFile;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    /** Where the local mailer writes .eml files. */
    public Path mailDirectory() {
        return mailDir;
    }

    public ApplicationContext context() {
        return context;
    }

    public List<RouteDef> routes() {
        return routes;
    }

    /** The handler instance serving a class name from template.yaml. */
    public MicronautRequestHandler<?, ?> handler(String className) {
        return handlers.get(className);
    }

    /** Runs a handler of template.yaml with an event as the Lambda runtime would, answering the result's JSON. */
    public String invoke(String className, String function, String eventJson) {
        MicronautRequestHandler<?, ?> handler = handlers.get(className);
        if (handler == null) {
            throw new IllegalArgumentException("template.yaml routes nothing to " + className);
        }
        return LambdaRuntime.invoke(handler, eventJson, LocalLambdaContext.of(function, LocalLambdaContext.API_TIMEOUT));
    }

    @Override
    public void close() {
        pollers.forEach(StreamPoller::close);
        server.stop(0);
        executor.shutdownNow();
        context.close();
        if (dynamo != null) {
            try {
                dynamo.close();
            } catch (Exception e) {
                LOG.warn("DynamoDB Local did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    // --- request handling ------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readNBytes(GATEWAY_MAX_BODY + 1);
            if (body.length > GATEWAY_MAX_BODY) {
                send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            if (path.startsWith("/_local/")) {
                developmentRoute(exchange, method, path, body);
                return;
            }
            for (RouteDef route : routes) {
                Map<String, String> parameters = route.match(method, path);
                if (parameters != null) {
                    invoke(exchange, route, parameters, body);
                    return;
                }
            }
            send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            LOG.error("Local API failure", e);
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void invoke(HttpExchange exchange, RouteDef route, Map<String, String> parameters, byte[] body) throws IOException {
        Map<String, String> claims = null;
        if (route.authorized()) {
            Optional<Map<String, String>> verified = authorizer.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            if (verified.isEmpty()) {
                exchange.getResponseHeaders().add("www-authenticate", "Bearer");
                send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}");
                return;
            }
            claims = verified.get();
        }
        var incoming = new HttpApiEventFactory.Incoming(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress());
        String event = events.eventJson(incoming, route.routeKey(), parameters, claims, clock.instant());
        HttpApiEventFactory.Outgoing out = events.fromResponse(invoke(route.handler(), route.function(), event));
        out.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        send(exchange, out.status(), null, out.body());
    }

    private void developmentRoute(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        try {
            if (method.equals("GET") && path.equals("/_local/health")) {
                sendJson(exchange, 200, Map.of("status", "ok"));
            } else if (method.equals("POST") && path.equals("/_local/token")) {
                JsonInput input = JsonInput.object(json, body, Set.of("email", "name", "sub", "emailVerified"));
                String email = input.string("email", true, 320);
                String name = input.string("name", false, 200);
                String sub = input.string("sub", false, 128);
                Boolean verified = input.bool("emailVerified");
                if (email != null && EmailAddress.parse(email).isEmpty()) {
                    input.reject("email", "must be an email address");
                }
                input.done();
                String token = authorizer.issue(email.trim(), name, sub, verified == null || verified);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("token", token);
                result.put("sub", sub == null ? LocalAuthorizer.stableSub(email) : sub);
                result.put("email", email.trim());
                sendJson(exchange, 200, result);
            } else if (method.equals("POST") && path.equals("/_local/run/invitation-expiry")) {
                sendJson(exchange, 200, runScheduled(EXPIRY_FUNCTION));
            } else if (method.equals("POST") && PLAN_ROUTE.matcher(path).matches()) {
                Matcher m = PLAN_ROUTE.matcher(path);
                m.matches();
                JsonInput input = JsonInput.object(json, body, Set.of("plan", "extraSeats"));
                String plan = input.string("plan", true, 40);
                Integer extraSeats = input.integer("extraSeats", 0, 100_000);
                input.done();
                var org = context.getBean(BillingService.class).applyPlan(m.group(1), plan,
                        extraSeats == null ? 0 : extraSeats, "system:local", "local");
                sendJson(exchange, 200, Representations.org(org));
            } else {
                throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "No development route " + method + " " + path + ".");
            }
        } catch (RosterException e) {
            var problem = Problems.of(e);
            send(exchange, problem.status(), "application/problem+json", json.writeValueAsBytes(problem));
        }
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = body.length == 0 || status == 204;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // --- start-up helpers ------------------------------------------------------------------------------------

    /**
     * The Stripe keys reach the seat-purchase function as they do in AWS, through a secret: the local API holds one
     * made of {@code STRIPE_API_KEY} and {@code STRIPE_WEBHOOK_SECRET}, unless a secret store is among {@code beans}
     * or {@code STRIPE_SECRET_ARN} names another secret (Secrets Manager at {@code AWS_ENDPOINT_URL}; empty: billing
     * off). The keys themselves never become the function's settings.
     *
     * @return whether real keys were given rather than the placeholders
     */
    private static boolean holdStripeKeys(Map<String, String> settings, List<Object> beans) {
        String apiKey = settings.remove("STRIPE_API_KEY");
        String webhookSecret = settings.remove("STRIPE_WEBHOOK_SECRET");
        if (beans.stream().noneMatch(SecretStore.class::isInstance)
                && LocalStripeSecret.NAME.equals(settings.get("STRIPE_SECRET_ARN"))) {
            beans.add(new LocalStripeSecret(apiKey, webhookSecret, JsonMapper.createDefault()));
        }
        return !LOCAL_STRIPE_API_KEY.equals(apiKey);
    }

    /** {@code ROSTER_INVITES_PER_DAY} becomes {@code roster.invites-per-day}, as Micronaut binds it. */
    static String property(String variable) {
        String lower = variable.toLowerCase(Locale.ROOT);
        int first = lower.indexOf('_');
        return lower.substring(0, first) + "." + lower.substring(first + 1).replace('_', '-');
    }

    @SuppressWarnings("unchecked")
    private static <I, O> MicronautRequestHandler<I, O> instantiate(String className, ApplicationContext context)
            throws ReflectiveOperationException {
        return (MicronautRequestHandler<I, O>) Class.forName(className)
                .getConstructor(ApplicationContext.class).newInstance(context);
    }

    /** The handler instance of a scheduled function of template.yaml, by its logical id. */
    public MicronautRequestHandler<Map<String, Object>, ?> scheduledHandler(String function) {
        return scheduled.get(function);
    }

    /** Runs a scheduled function now, with the event EventBridge Scheduler would send, and returns its result. */
    public Object runScheduled(String function) throws IOException {
        MicronautRequestHandler<Map<String, Object>, ?> handler = scheduled.get(function);
        if (handler == null) {
            throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "template.yaml has no scheduled function " + function + ".");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", java.util.UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of("arn:aws:events:us-east-1:000000000000:rule/roster-local-" + function));
        event.put("detail", Map.of());
        return handler.handleRequest(event, LocalLambdaContext.of(function, LocalLambdaContext.SCHEDULED_TIMEOUT));
    }

    /** The authorizer's signing key: kept under the data directory so tokens outlive a restart. */
    private static byte[] secret(LocalOptions options) throws IOException {
        if (!options.persistTable()) {
            return randomBytes();
        }
        Path file = options.dataDir().resolve("jwt-secret");
        if (!Files.exists(file)) {
            Files.createDirectories(options.dataDir());
            Files.write(file, randomBytes());
        }
        return Files.readAllBytes(file);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** DynamoDB Local accepts any credentials, but the SDK insists on some. */
    static void defaultLocalCredentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
        }
        if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
    }

    String banner() {
        String base = baseUri().toString();
        return String.join("\n",
                "",
                "Roster local API listening on " + base,
                "  table:  DynamoDB Local, persisted under .local/dynamodb",
                "  email:  every message is written to " + mailDir.toAbsolutePath() + " as an .eml file",
                "  routes: " + routes.size() + " from template.yaml, plus the development routes under /_local",
                "  events: every domain event is appended to " + eventsFile.toAbsolutePath(),
                "  stripe: " + (stripeConfigured
                        ? "checkout and webhooks use the STRIPE_* settings from the environment"
                        : "no STRIPE_API_KEY set, so checkout cannot reach Stripe; POST /_local/orgs/{orgId}/plan applies a plan"),
                "",
                "Try it:",
                "  TOKEN=$(curl -s -X POST " + base + "/_local/token -H 'content-type: application/json' \\",
                "      -d '{\"email\":\"owner@example.com\",\"name\":\"Olivia Owner\"}' | sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')",
                "  curl -s -X POST " + base + "/orgs -H \"authorization: Bearer $TOKEN\" \\",
                "      -H 'content-type: application/json' -d '{\"name\":\"Acme\"}'",
                "",
                "The README walks through inviting and accepting. Stop with Ctrl+C.",
                "");
    }
}
