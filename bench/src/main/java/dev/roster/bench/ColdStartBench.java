package dev.roster.bench;

import dev.roster.bench.BenchStack.Function;
import dev.roster.bench.BenchStack.Run;
import dev.roster.runtime.DeployedFunction;
import dev.roster.runtime.TemplateFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Cold start, warm latency, jar size and DynamoDB cost of every function, each against a floor: each function's
 * deployable jar runs as Lambda runs it (its task root, a fresh JVM under the runtime interface client with the
 * template's handler and environment, a Runtime API), is invoked with its sample event from events/ against
 * DynamoDB Local (SES, EventBridge and Stripe answered by WireMock), then {@link #WARM} more times. Each cold start
 * is repeated {@link #COLD_RUNS} times, then as many times again primed in process as SnapStart primes before its
 * snapshot; medians are reported.
 */
public final class ColdStartBench {

    /** Cold starts per function and warm invocations per cold start: 5 and 200 unless set for a quicker look. */
    static final int COLD_RUNS = Integer.getInteger("roster.bench.coldRuns", 5);
    static final int WARM = Integer.getInteger("roster.bench.warm", 200);
    /** For the in-process primed runs: the runtime's flags, heap as for a 1024 MB function. */
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-Xms870m", "-Xmx870m", "-XX:+UseSerialGC", "-Xshare:auto");

    static final List<Function> FUNCTIONS = List.of(
            new Function("orgs", "dev.roster.orgs.OrgsFunction", "orgs-get-org.json"),
            new Function("invite", "dev.roster.invite.InviteFunction", "invite-create-invitation.json"),
            new Function("accept", "dev.roster.accept.AcceptFunction", "accept-accept-invitation.json"),
            new Function("role-change", "dev.roster.rolechange.RoleChangeFunction", "role-change-update-member.json"),
            new Function("seat-purchase", "dev.roster.seats.SeatPurchaseFunction", "seat-purchase-webhook.json"),
            new Function("invitation-expiry", "dev.roster.expiry.InvitationExpiryFunction", "invitation-expiry-scheduled.json"),
            new Function("event-publisher", "dev.roster.publisher.EventPublisherFunction", "event-publisher-stream.json"));

    /**
     * One function's figures: cold starts through the runtime interface client, primed cold starts (in process, as
     * SnapStart's restore cannot run here) and one unprimed in-process run for its DynamoDB requests and capacity.
     */
    private record Measured(String name, Path jar, List<BenchStack.RuntimeRun> cold, List<Run> primed, Run counted) {
    }

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("");
        for (Function f : FUNCTIONS) {
            if (!Files.exists(f.jar())) {
                throw new IllegalStateException(f.jar() + " is missing: build with ./mvnw -q -pl bench -am -DskipTests package");
            }
        }
        List<Measured> results = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(root)) {
            results.add(measureFloor(stack));
            for (Function f : FUNCTIONS) {
                results.add(measure(stack, f));
            }
        }
        String report = report(results);
        System.out.println(report);
        Path out = Path.of("bench", "target", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out);
    }

    private static Measured measure(BenchStack stack, Function f) throws Exception {
        TemplateFunctions.Function deployed = stack.templateFunction(f);
        Path taskRoot = stack.taskRoot(deployed);
        List<BenchStack.RuntimeRun> cold = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            cold.add(stack.runtimeRun(deployed, taskRoot, stack.sample(f), WARM));
            System.err.printf("%s run %d: %s%n", f.name(), i + 1, cold.get(i));
        }
        List<Run> primed = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            primed.add(stack.coldRun(f.handler(), stack.jar(f), stack.sample(f), JVM_FLAGS, 0, true));
            System.err.printf("%s primed run %d: %s%n", f.name(), i + 1, primed.get(i));
        }
        Run counted = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f), JVM_FLAGS, 0, false);
        return new Measured(f.name(), stack.jar(f), cold, primed, counted);
    }

    /** The floor through the same runtime client: the orgs jar's libraries with the floor handler added to its task root. */
    private static Measured measureFloor(BenchStack stack) throws Exception {
        Function orgs = FUNCTIONS.get(0);
        TemplateFunctions.Function template = stack.templateFunction(orgs);
        TemplateFunctions.Function floor = new TemplateFunctions.Function("Floor", FloorHandler.class.getName(),
                template.codeUri(), template.memoryMb(), template.timeoutSeconds(), template.environment());
        Path taskRoot = stack.taskRoot(floor);
        Path handler = taskRoot.resolve(FloorHandler.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(handler.getParent());
        try (var in = FloorHandler.class.getResourceAsStream("FloorHandler.class")) {
            Files.copy(in, handler, StandardCopyOption.REPLACE_EXISTING);
        }
        List<BenchStack.RuntimeRun> cold = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            cold.add(stack.runtimeRun(floor, taskRoot, stack.sample(orgs), WARM));
            System.err.printf("floor run %d: %s%n", i + 1, cold.get(i));
        }
        return new Measured("floor (no framework, one GetItem)", null, cold, List.of(), null);
    }

    private static String report(List<Measured> results) throws Exception {
        double floor = median(results.get(0).cold(), r -> r.init() + r.first());
        StringBuilder s = new StringBuilder();
        s.append(String.format("Medians of %d cold starts through the Lambda runtime interface client (the runtime's JVM flags: %s),"
                        + " %d primed ones in process (flags: %s) and of %d warm invocations each, on %s with %d CPUs.%n%n",
                COLD_RUNS, String.join(" ", DeployedFunction.RUNTIME_JVM_FLAGS), COLD_RUNS, String.join(" ", JVM_FLAGS),
                WARM, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        s.append("| function | jar MB | init ms | first invocation ms | cold total ms | × floor | priming ms | DynamoDB requests (priming) | first invocation after priming ms | warm median ms | DynamoDB requests (first invocation) | capacity units | answer |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---|\n");
        for (Measured m : results) {
            double total = median(m.cold(), r -> r.init() + r.first());
            boolean primed = !m.primed().isEmpty();
            String[] calls = m.counted() == null ? new String[]{"–", "–"} : m.counted().calls().split("\\|");
            s.append(String.format("| %s | %s | %.0f | %.0f | %.0f | %.2f | %s | %s | %s | %.2f | %s | %s | %s |%n", m.name(),
                    m.jar() == null ? "–" : String.format("%.1f", Files.size(m.jar()) / 1_000_000.0),
                    median(m.cold(), BenchStack.RuntimeRun::init), median(m.cold(), BenchStack.RuntimeRun::first), total,
                    total / floor,
                    primed ? String.format("%.0f", medianRun(m.primed(), Run::prime)) : "–",
                    primed ? calls(m.primed().get(0).primeCalls()) : "–",
                    primed ? String.format("%.0f", medianRun(m.primed(), Run::first)) : "–",
                    median(m.cold(), BenchStack.RuntimeRun::warm), m.counted() == null ? "GetItem" : calls(m.counted().calls()),
                    calls.length > 1 ? calls[1] : "–", m.cold().get(m.cold().size() - 1).status()));
        }
        return s.toString();
    }

    private static String calls(String summary) {
        return summary.split("\\|")[0].replaceAll("(\\d+)x", "$1 ").replace("+", " + ");
    }

    private static double median(List<BenchStack.RuntimeRun> runs, ToDoubleFunction<BenchStack.RuntimeRun> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double medianRun(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
