package dev.roster.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stack of the integration tests, as a JUnit 5 extension: one in-memory DynamoDB Local for the whole test
 * JVM, and local APIs on free ports, each with a table of its own so that tests never see each other's items.
 *
 * <p>On a static field, {@link #forClass} serves a whole test class: its API starts before the first test and closes
 * after the last, and {@link #api()} and {@link #fixture()} may be taken before it starts. On any field,
 * {@link #forEachTest} lets each test {@link #start} APIs with settings of its own, closed when the test ends.
 */
final class LocalStack implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** A started local API with a client and a fixture on it. */
    record Running(LocalApi local, ApiClient api, Fixture fixture) {
    }

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamo dynamo;

    private final Map<String, String> environment;
    private final Object[] beans;
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private final List<LocalApi> startedInTest = new ArrayList<>();
    private final ApiClient api = new ApiClient(this::baseUri);
    private final Fixture fixture = new Fixture(api);
    private LocalApi local;

    private LocalStack(Map<String, String> environment, Object[] beans) {
        this.environment = environment;
        this.beans = beans;
    }

    /** One local API for the test class, with {@code environment} over the local defaults and {@code beans} in it. */
    static LocalStack forClass(Map<String, String> environment, Object... beans) {
        return new LocalStack(environment, beans);
    }

    /** Local APIs that each test starts itself. */
    static LocalStack forEachTest() {
        return new LocalStack(null, null);
    }

    /** Also closes {@code resources} when the stack closes, after its API: the stand-ins the API was pointed at. */
    LocalStack closing(AutoCloseable... resources) {
        closeAtEnd.addAll(List.of(resources));
        return this;
    }

    /** A local API for the current test only, with {@code environment} over the defaults and {@code beans} in it. */
    Running start(Map<String, String> environment, Object... beans) throws Exception {
        LocalApi started = startApi(environment, beans);
        startedInTest.add(started);
        ApiClient client = new ApiClient(started.baseUri());
        return new Running(started, client, new Fixture(client));
    }

    LocalApi local() {
        if (local == null) {
            throw new IllegalStateException("the class's local API starts before its first test; register the stack "
                    + "with LocalStack.forClass on a static field");
        }
        return local;
    }

    ApiClient api() {
        return api;
    }

    Fixture fixture() {
        return fixture;
    }

    private URI baseUri() {
        return local().baseUri();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (environment != null) {
            local = startApi(environment, beans);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        startedInTest.forEach(LocalApi::close);
        startedInTest.clear();
        if (environment == null) {
            closeResources();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (local != null) {
            local.close();
            local = null;
        }
        closeResources();
    }

    private void closeResources() {
        for (AutoCloseable resource : closeAtEnd) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource, e);
            }
        }
        closeAtEnd.clear();
    }

    /**
     * A local API that nothing closes for the caller: for engines other than Jupiter (jqwik's containers), which
     * cannot register this extension.
     */
    static LocalApi startApi(Map<String, String> environment, Object... beans) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ROSTER_TABLE", "roster-test-" + TABLES.incrementAndGet());
        Path data = Files.createTempDirectory("roster-it");
        return LocalApi.start(new LocalOptions(0, data, false, dynamo().endpoint().toString(), env, List.of(beans),
                Path.of("..", "template.yaml")));
    }

    private static synchronized EmbeddedDynamo dynamo() throws Exception {
        if (dynamo == null) {
            dynamo = EmbeddedDynamo.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dynamo.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        }
        return dynamo;
    }
}
