package dev.roster.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to run the local API.
 *
 * @param port        HTTP port; 0 picks a free one
 * @param dataDir     where the table and mail persist; the table lives in memory when {@code persistTable} is false
 * @param dynamoEndpoint  an existing DynamoDB endpoint (LocalStack, a shared test engine); null starts DynamoDB Local
 * @param environment the ROSTER_* settings, by environment variable name, over the local defaults
 * @param beans       extra singletons for the application context (tests: a clock, a call counter, a mailer)
 */
public record LocalOptions(int port, Path dataDir, boolean persistTable, String dynamoEndpoint,
                           Map<String, String> environment, List<Object> beans, Path template) {

    public static LocalOptions fromEnvironment() {
        Map<String, String> roster = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("ROSTER_") || k.startsWith("STRIPE_")) {
                roster.put(k, v);
            }
        });
        int port;
        try {
            port = Integer.parseInt(System.getenv().getOrDefault("ROSTER_PORT", "3000"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROSTER_PORT must be a port number, got '" + System.getenv("ROSTER_PORT") + "'");
        }
        return new LocalOptions(port, Path.of(".local"), true, System.getenv("AWS_ENDPOINT_URL"), roster, List.of(),
                Path.of("template.yaml"));
    }
}
