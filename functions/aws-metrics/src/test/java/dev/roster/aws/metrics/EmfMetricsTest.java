package dev.roster.aws.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.core.port.Metrics.Metric;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lines Lambda's log group receives, as CloudWatch reads embedded metric format. */
class EmfMetricsTest {

    @Test
    @SuppressWarnings("unchecked")
    void eachDataPointIsOneEmfLineInTheRosterNamespaceWithOnlyTheFunctionNameDimension() throws Exception {
        // As in Lambda, where the library detects the environment by AWS_LAMBDA_FUNCTION_NAME and writes to stdout.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            EmfMetrics metrics = new EmfMetrics("roster-invite");
            metrics.count(Metric.INVITATIONS_CREATED);
            metrics.record(Metric.SEAT_UTILIZATION, 60);
        } finally {
            System.setOut(original);
        }

        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                lines.add(new ObjectMapper().readValue(line, Map.class));
            }
        }
        assertEquals(2, lines.size(), out::toString);
        assertLine(lines.get(0), "InvitationsCreated", "Count", 1);
        assertLine(lines.get(1), "SeatUtilization", "Percent", 60);
    }

    @SuppressWarnings("unchecked")
    private static void assertLine(Map<String, Object> line, String name, String unit, double value) {
        Map<String, Object> directive = ((List<Map<String, Object>>) ((Map<String, Object>) line.get("_aws"))
                .get("CloudWatchMetrics")).get(0);
        assertEquals("Roster", directive.get("Namespace"));
        assertEquals(List.of(List.of("FunctionName")), directive.get("Dimensions"));
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) directive.get("Metrics");
        assertEquals(1, metrics.size(), metrics::toString);
        assertEquals(name, metrics.get(0).get("Name"));
        assertEquals(unit, metrics.get(0).get("Unit"));
        assertEquals("roster-invite", line.get("FunctionName"));
        assertEquals(value, ((Number) line.get(name)).doubleValue());
    }
}
