package dev.roster.bench;

import dev.roster.bench.BenchStack.Function;
import dev.roster.bench.BenchStack.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Cold start, warm latency, jar size and DynamoDB cost of every function, each against a floor: for each
 * function's deployable jar, fresh JVMs with Lambda's flags construct the handler and invoke it with its sample
 * event from events/ against DynamoDB Local (SES, EventBridge and Stripe answered by WireMock), then invoke it
 * {@value #WARM} more times. Each cold start is repeated {@value #COLD_RUNS} times, then as many times again primed
 * as SnapStart primes before its snapshot; medians are reported.
 */
public final class ColdStartBench {

    static final int COLD_RUNS = 5;
    static final int WARM = 200;
    /** Lambda's flags as the issue gives them; heap and GC as we approximate a 1024 MB function. */
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
    private static final Function FLOOR = new Function("orgs", FloorHandler.class.getName(), "orgs-get-org.json");

    private record Measured(String name, Path jar, List<Run> cold, List<Run> primed) {
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
            results.add(measure(stack, "floor (no framework, one GetItem)", FLOOR, null));
            for (Function f : FUNCTIONS) {
                results.add(measure(stack, f.name(), f, stack.jar(f)));
            }
        }
        String report = report(results);
        System.out.println(report);
        Path out = Path.of("bench", "target", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out);
    }

    private static Measured measure(BenchStack stack, String name, Function f, Path jar) throws Exception {
        Path runOn = jar == null ? stack.jar(f) : jar;
        List<Run> cold = new ArrayList<>();
        List<Run> primed = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            cold.add(stack.coldRun(f.handler(), runOn, stack.sample(f), JVM_FLAGS, WARM, false));
            System.err.printf("%s run %d: %s%n", name, i + 1, cold.get(i));
        }
        if (jar != null) {
            for (int i = 0; i < COLD_RUNS; i++) {
                primed.add(stack.coldRun(f.handler(), runOn, stack.sample(f), JVM_FLAGS, WARM, true));
                System.err.printf("%s primed run %d: %s%n", name, i + 1, primed.get(i));
            }
        }
        return new Measured(name, jar, cold, primed);
    }

    private static String report(List<Measured> results) throws Exception {
        double floor = median(results.get(0).cold(), r -> r.init() + r.first());
        StringBuilder s = new StringBuilder();
        s.append(String.format("Medians of %d cold starts, %d primed ones (JVM flags: %s) and of %d warm invocations each, on %s with %d CPUs.%n%n",
                COLD_RUNS, COLD_RUNS, String.join(" ", JVM_FLAGS), WARM, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        s.append("| function | jar MB | init ms | first invocation ms | cold total ms | × floor | priming ms | DynamoDB requests (priming) | first invocation after priming ms | warm median ms | DynamoDB requests (first invocation) | capacity units | answer |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---|\n");
        for (Measured m : results) {
            double total = median(m.cold(), r -> r.init() + r.first());
            Run last = m.cold().get(m.cold().size() - 1);
            String[] calls = last.calls().split("\\|");
            boolean primed = !m.primed().isEmpty();
            s.append(String.format("| %s | %s | %.0f | %.0f | %.0f | %.2f | %s | %s | %s | %.2f | %s | %s | %s |%n", m.name(),
                    m.jar() == null ? "–" : String.format("%.1f", Files.size(m.jar()) / 1_000_000.0),
                    median(m.cold(), Run::init), median(m.cold(), Run::first), total, total / floor,
                    primed ? String.format("%.0f", median(m.primed(), Run::prime)) : "–",
                    primed ? calls(m.primed().get(0).primeCalls()) : "–",
                    primed ? String.format("%.0f", median(m.primed(), Run::first)) : "–",
                    median(m.cold(), Run::warm), calls(last.calls()), calls[1], last.status()));
        }
        return s.toString();
    }

    private static String calls(String summary) {
        return summary.split("\\|")[0].replaceAll("(\\d+)x", "$1 ").replace("+", " + ");
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
