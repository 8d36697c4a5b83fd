package dev.roster.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory DynamoDB Local for the whole test JVM; each local API started here gets a table of its own, so
 * test classes never see each other's items.
 */
final class TestStack {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamo dynamo;

    private TestStack() {
    }

    static synchronized EmbeddedDynamo dynamo() throws Exception {
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

    /** A local API on a free port with {@code environment} over the defaults and {@code beans} in its context. */
    static LocalApi start(Map<String, String> environment, Object... beans) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ROSTER_TABLE", "roster-test-" + TABLES.incrementAndGet());
        Path data = Files.createTempDirectory("roster-it");
        return LocalApi.start(new LocalOptions(0, data, false, dynamo().endpoint().toString(), env, List.of(beans),
                Path.of("..", "template.yaml")));
    }

    static Path mailDir(LocalApi api) {
        return api.mailDirectory();
    }
}
