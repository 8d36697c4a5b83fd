package dev.roster.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function of template.yaml in its own execution environment, as the managed {@code java21} runtime runs it:
 * the deployable jar unpacked as the task root (what Lambda does with a jar's zip), a fresh JVM with the runtime's
 * flags and Lambda's reserved variables on top of the template's environment, and the AWS Lambda Java runtime
 * interface client as entry point, given the template's {@code Handler} string, polling its own Runtime API.
 */
public final class DeployedFunction implements AutoCloseable {

    /**
     * The flags the managed runtime starts its JVM with (AWS documents C1-only tiered compilation from Java 17 on,
     * the serial collector and class-data sharing); the heap follows the function's memory.
     */
    public static final List<String> RUNTIME_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    private static final String ENTRY_POINT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final TemplateFunctions.Function function;
    private final RuntimeApiEmulator runtimeApi;
    private final Process process;
    private final Path log;
    private final long startedAt;
    private final long readyAt;

    private DeployedFunction(TemplateFunctions.Function function, RuntimeApiEmulator runtimeApi, Process process,
                             Path log, long startedAt, long readyAt) {
        this.function = function;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
        this.readyAt = readyAt;
    }

    /**
     * Starts the function and waits until its runtime asks for the first event.
     *
     * @param runtimeLibrary the runtime's own jars (the runtime interface client and its serialization), as in
     *                       {@code /var/runtime/lib}
     * @param extraEnvironment what the imagined deployment adds: endpoints of the stand-ins, credentials
     * @param work           where the task root and the log go
     */
    public static DeployedFunction start(TemplateFunctions.Function function, Path runtimeLibrary,
                                         Map<String, String> extraEnvironment, List<String> extraJvmFlags, Path work)
            throws Exception {
        Path taskRoot = unpack(function.codeUri(), work.resolve(function.logicalId()).resolve("task"));
        return start(function, taskRoot, runtimeLibrary, extraEnvironment, extraJvmFlags, work);
    }

    /** The same, on a task root already laid out. */
    public static DeployedFunction start(TemplateFunctions.Function function, Path taskRoot, Path runtimeLibrary,
                                         Map<String, String> extraEnvironment, List<String> extraJvmFlags, Path work)
            throws Exception {
        Files.createDirectories(work.resolve(function.logicalId()));
        Path log = work.resolve(function.logicalId()).resolve("log-" + System.nanoTime() + ".txt");
        RuntimeApiEmulator runtimeApi = RuntimeApiEmulator.start(function.logicalId());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RUNTIME_JVM_FLAGS);
        command.add("-XX:MaxHeapSize=" + function.memoryMb() * 85 / 100 + "m");
        command.addAll(extraJvmFlags);
        command.addAll(List.of("-classpath", runtimeLibrary.toAbsolutePath() + "/*", ENTRY_POINT, function.handler()));

        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(function.environment());
        env.putAll(lambdaVariables(function, taskRoot, runtimeLibrary, runtimeApi.address()));
        env.putAll(extraEnvironment);

        long startedAt = System.nanoTime();
        Process process = builder.start();
        try {
            long readyAt = runtimeApi.awaitReady(Duration.ofSeconds(60));
            return new DeployedFunction(function, runtimeApi, process, log, startedAt, readyAt);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            runtimeApi.close();
            throw new IllegalStateException(function.logicalId() + " did not start; its log:\n" + Files.readString(log), e);
        }
    }

    /** The variables Lambda sets in every execution environment. */
    private static Map<String, String> lambdaVariables(TemplateFunctions.Function function, Path taskRoot,
                                                       Path runtimeLibrary, String runtimeApi) {
        return Map.ofEntries(
                Map.entry("_HANDLER", function.handler()),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", function.logicalId()),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb())),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId()),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/29/[$LATEST]runtime-tier"),
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "ASIARUNTIMETIER"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "runtime-tier-secret"),
                Map.entry("AWS_SESSION_TOKEN", "runtime-tier-session"),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("LAMBDA_RUNTIME_DIR", runtimeLibrary.toAbsolutePath().toString()),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("TZ", ":UTC"));
    }

    /**
     * Where the build put the runtime's own jars: the {@code roster.lambda.runtime.library} system property, else
     * the runtime tier's target folder seen from the repository root or from a module.
     */
    public static Path runtimeLibrary() {
        String configured = System.getProperty("roster.lambda.runtime.library");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("runtime-tier", "target", "lambda-runtime"),
                Path.of("..", "runtime-tier", "target", "lambda-runtime"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the Lambda runtime's jars are missing: build with ./mvnw package");
    }

    /** Sends one event and waits for the runtime's answer (its response or the error it reported). */
    public RuntimeApiEmulator.Answer invoke(String event) throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException(function.logicalId() + " has exited; its log:\n" + log());
        }
        return runtimeApi.invoke(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(function.timeoutSeconds()));
    }

    /** From the process's start to the runtime's first request for an event: the init phase. */
    public Duration init() {
        return Duration.ofNanos(readyAt - startedAt);
    }

    public TemplateFunctions.Function function() {
        return function;
    }

    /** Everything the function wrote: what CloudWatch Logs would hold. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        runtimeApi.close();
    }

    /** Lambda unzips the deployment package into the task root; an existing task root is reused. */
    public static Path unpack(Path jar, Path taskRoot) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the functions first (./mvnw package)");
        }
        if (Files.isDirectory(taskRoot)) {
            return taskRoot;
        }
        Files.createDirectories(taskRoot);
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return taskRoot;
    }
}
