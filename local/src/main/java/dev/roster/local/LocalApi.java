package dev.roster.local;

import dev.roster.core.config.InvalidConfigurationException;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Caller;
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
import dev.roster.http.IdParameter;
import dev.roster.http.JsonInput;
import dev.roster.http.json.Representations;
import dev.roster.local.HttpApiEventFactory.Incoming;
import dev.roster.local.HttpApiEventFactory.Outgoing;
import dev.roster.local.TemplateRoutes.RouteDef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every function of template.yaml behind one HTTP port, as API Gateway would put them: the same routes, the
 * same handler classes, payload-2.0 events, and an emulated JWT authorizer. DynamoDB Local runs in-process.
 */
public final class LocalApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);
    private static final String EXPIRY_FUNCTION = "InvitationExpiryFunction";
    private static final String MAIL_FEEDBACK_FUNCTION = "MailFeedbackFunction";
    private static final Pattern PLAN_ROUTE = Pattern.compile("^/_local/orgs/([^/]+)/plan$");
    static final String LOCAL_STRIPE_API_KEY = "sk_test_roster_local_placeholder";
    static final String LOCAL_STRIPE_WEBHOOK_SECRET = "whsec_roster_local";
    static final String LOCAL_STRIPE_PRICES = "{\"price_local_starter\":\"STARTER\",\"price_local_pro\":\"PRO\","
            + "\"price_local_founder\":\"FOUNDER\",\"price_local_extra_seat\":\"EXTRA_SEAT\"}";
    /** API Gateway's own payload limit; the functions enforce their smaller one. */
    private static final int GATEWAY_MAX_BODY = 10 * 1024 * 1024;

    private final LocalHttpServer server;
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
    private final ProblemDocs problemDocs;
    private final Path eventsFile;
    private final boolean stripeConfigured;
    private final List<StreamPoller> pollers = new java.util.ArrayList<>();

    private LocalApi(LocalHttpServer server, ApplicationContext context, EmbeddedDynamo dynamo,
                     List<RouteDef> routes,
                     Map<String, MicronautRequestHandler<?, ?>> handlers,
                     Map<String, MicronautRequestHandler<Map<String, Object>, ?>> scheduled, LocalAuthorizer authorizer,
                     Path mailDir, ProblemDocs problemDocs, boolean stripeConfigured) {
        this.server = server;
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
        this.problemDocs = problemDocs;
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
        Cors cors = Cors.fromSetting(options.environment().get("ROSTER_ALLOWED_ORIGINS"));
        List<RouteDef> routes = TemplateRoutes.load(options.template());
        // The port first: a taken port fails at once, before DynamoDB Local starts.
        LocalHttpServer server = LocalHttpServer.bind(options.port());
        EmbeddedDynamo dynamo = options.dynamoEndpoint() == null
                ? EmbeddedDynamo.start(options.persistTable() ? options.dataDir().resolve("dynamodb") : null) : null;
        String dynamoEndpoint = dynamo != null ? dynamo.endpoint().toString() : options.dynamoEndpoint();

        int port = server.port();
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
            server.close();
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
        for (TemplateRoutes.ScheduledDef function : TemplateRoutes.ruled(options.template())) {
            scheduled.put(function.function(), instantiate(function.handler(), context));
        }
        LocalAuthorizer authorizer = new LocalAuthorizer(secret(options), context.getBean(JsonMapper.class), clock);
        LocalApi api = new LocalApi(server, context, dynamo, routes, handlers, scheduled, authorizer, mailDir,
                ProblemDocs.besideTemplate(options.template()), stripeConfigured);
        api.startStreams(options.template(), table, dynamoEndpoint);
        server.start(api.json, GATEWAY_MAX_BODY, cors, api::answer);
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
        return server.port();
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
        server.close();
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

    /** One request, as {@link LocalHttpServer} hands it over; a problem thrown here is answered as problem+json. */
    private Outgoing answer(Incoming in) throws IOException {
        String method = in.method().toUpperCase(Locale.ROOT);
        if (in.body().length > GATEWAY_MAX_BODY) {
            throw new RosterException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is over the " + GATEWAY_MAX_BODY + " bytes API Gateway passes on.");
        }
        if (in.rawPath().startsWith("/_local/")) {
            return developmentRoute(in, method);
        }
        if (in.rawPath().startsWith(ProblemDocs.PREFIX)) {
            return problemDocs.answer(method, in.rawPath());
        }
        for (RouteDef route : routes) {
            Map<String, String> parameters = route.match(method, in.rawPath());
            if (parameters != null) {
                return invoke(in, route, parameters);
            }
        }
        throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "No route of template.yaml matches this method and path.");
    }

    private Outgoing invoke(Incoming in, RouteDef route, Map<String, String> parameters) throws IOException {
        Map<String, String> claims = null;
        if (route.authorized()) {
            Optional<Map<String, String>> verified = authorizer.verify(in.header("Authorization"));
            if (verified.isEmpty()) {
                // API Gateway's own answer, before any function runs.
                return new Outgoing(401, Map.of("Content-Type", "application/json", "www-authenticate", "Bearer"),
                        "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            }
            claims = verified.get();
        }
        String event = events.eventJson(in, route.routeKey(), parameters, claims, clock.instant());
        return events.fromResponse(invoke(route.handler(), route.function(), event));
    }

    private Outgoing developmentRoute(Incoming in, String method) throws IOException {
        String path = in.rawPath();
        if (method.equals("GET") && path.equals("/_local/health")) {
            return json(Map.of("status", "ok"));
        }
        if (method.equals("POST") && path.equals("/_local/token")) {
            return token(in.body());
        }
        if (method.equals("POST") && path.equals("/_local/run/invitation-expiry")) {
            return json(runScheduled(EXPIRY_FUNCTION));
        }
        if (method.equals("POST") && path.equals("/_local/ses-feedback")) {
            return sesFeedback(in.body());
        }
        Matcher plan = PLAN_ROUTE.matcher(path);
        if (method.equals("POST") && plan.matches()) {
            return plan(IdParameter.ORG_ID.require(plan.group(1)), in.body());
        }
        throw new RosterException(ErrorCode.ROUTE_NOT_FOUND, "No development route matches this method and path.");
    }

    private Outgoing token(byte[] body) throws IOException {
        JsonInput input = JsonInput.object(body, Set.of("email", "name", "sub", "emailVerified"));
        String email = input.string("email", true, 320);
        String name = input.string("name", false, 200);
        String sub = input.string("sub", false, Caller.MAX_USER_ID_LENGTH);
        Boolean verified = input.bool("emailVerified");
        if (email != null && EmailAddress.parse(email).isEmpty()) {
            input.reject("email", "must be an email address");
        }
        if (sub != null && !Caller.isPossibleUserId(sub)) {
            input.reject("sub", "must be 1 to " + Caller.MAX_USER_ID_LENGTH + " printable ASCII characters, as an OpenID sub is");
        }
        input.done();
        String token = authorizer.issue(email.trim(), name, sub, verified == null || verified);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", token);
        result.put("sub", sub == null ? LocalAuthorizer.stableSub(email) : sub);
        result.put("email", email.trim());
        return json(result);
    }

    /**
     * Delivers the event SES would publish for a bounce or a complaint of a message the local mailer wrote to the
     * mail-feedback function, as the EventBridge rule would.
     */
    private Outgoing sesFeedback(byte[] body) throws IOException {
        JsonInput input = JsonInput.object(body, Set.of("messageId", "email", "type"));
        String messageId = input.string("messageId", false, 300);
        String email = input.string("email", false, 320);
        String type = input.string("type", true, 20);
        if ((messageId == null) == (email == null)) {
            input.reject("messageId", "give either messageId or email");
        }
        if (type != null && !type.equals("Bounce") && !type.equals("Complaint")) {
            input.reject("type", "must be Bounce or Complaint");
        }
        Optional<EmlMailer.Sent> sent = context.findBean(EmlMailer.class)
                .flatMap(mailer -> messageId != null ? mailer.sent(messageId) : mailer.lastSentTo(email));
        if ((messageId != null || email != null) && sent.isEmpty()) {
            input.reject(messageId != null ? "messageId" : "email",
                    "the local mailer wrote no such message since the local API started");
        }
        input.done();
        Map<String, Object> event = type.equals("Bounce") ? SesFeedbackEvents.bounce(sent.get(), clock.instant())
                : SesFeedbackEvents.complaint(sent.get(), clock.instant());
        MicronautRequestHandler<Map<String, Object>, ?> handler = scheduled.get(MAIL_FEEDBACK_FUNCTION);
        handler.handleRequest(event, LocalLambdaContext.of(MAIL_FEEDBACK_FUNCTION, LocalLambdaContext.API_TIMEOUT));
        return new Outgoing(204, Map.of(), new byte[0]);
    }

    private Outgoing plan(String orgId, byte[] body) throws IOException {
        JsonInput input = JsonInput.object(body, Set.of("plan", "extraSeats"));
        String plan = input.string("plan", true, 40);
        Integer extraSeats = input.integer("extraSeats", 0, 100_000);
        input.done();
        var org = context.getBean(BillingService.class).applyPlan(orgId, plan,
                extraSeats == null ? 0 : extraSeats, "system:local", "local");
        return json(Representations.org(org));
    }

    private Outgoing json(Object body) throws IOException {
        return new Outgoing(200, Map.of("Content-Type", "application/json"), json.writeValueAsBytes(body));
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
