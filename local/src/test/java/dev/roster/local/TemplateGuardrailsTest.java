package dev.roster.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What template.yaml promises in production: nothing fails unwatched, deployments roll back on errors, the access
 * log holds no secret, the routes anyone can call are throttled tighter, and the dashboard's business metrics are
 * the ones docs/operations.md tells the code to emit.
 */
class TemplateGuardrailsTest {

    private static final Path ROOT = Path.of("..");
    private static Map<String, Object> template;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        template = TemplateRoutes.read(ROOT.resolve("template.yaml"));
        resources = (Map<String, Map<String, Object>>) template.get("Resources");
    }

    @Test
    void everyQueueHasADepthAlarmAndAnOutputUnderTheSameCondition() {
        for (String queue : ofType("AWS::SQS::Queue")) {
            List<String> alarms = alarms().entrySet().stream()
                    .filter(a -> "ApproximateNumberOfMessagesVisible".equals(props(a.getKey()).get("MetricName")))
                    .filter(a -> String.valueOf(props(a.getKey()).get("Dimensions")).contains("[" + queue + ", QueueName]"))
                    .map(Map.Entry::getKey).toList();
            assertEquals(1, alarms.size(), () -> queue + " has no depth alarm");
            assertEquals(resources.get(queue).get("Condition"), resources.get(alarms.get(0)).get("Condition"), queue);
            var outputs = map(template.get("Outputs")).values().stream().map(TemplateGuardrailsTest::map)
                    .filter(o -> Map.of("Ref", queue).equals(o.get("Value"))).toList();
            assertEquals(1, outputs.size(), () -> queue + " is not in the outputs");
            assertEquals(resources.get(queue).get("Condition"), outputs.get(0).get("Condition"), queue);
        }
    }

    @Test
    void everyFunctionIsTracedAndWatchedAndItsErrorsAlarmRollsItsDeploymentBack() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals("Active", globals.get("Tracing"));
        assertEquals(Map.of("Ref", "DeploymentType"), map(globals.get("DeploymentPreference")).get("Type"));
        assertEquals("live", globals.get("AutoPublishAlias"));
        for (String function : ofType("AWS::Serverless::Function")) {
            String errors = alarmOn(function, "Errors");
            alarmOn(function, "Throttles");
            assertTrue(String.valueOf(props(errors).get("Dimensions")).contains("${" + function + "}:live"),
                    () -> errors + " watches the live alias, which every trigger invokes");
            Map<String, Object> preference = map(props(function).get("DeploymentPreference"));
            assertEquals(List.of(Map.of("Ref", errors)), preference.get("Alarms"), function);
            assertFalse(props(function).containsKey("Tracing"), () -> function + " overrides tracing");
        }
        alarmOn("EventPublisherFunction", "IteratorAge");
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        Object topic = Map.of("Fn::If", List.of("CreateAlarmTopic", Map.of("Ref", "AlarmTopic"), Map.of("Ref", "AlarmTopicArn")));
        assertTrue(alarms().size() >= 20, "alarms: " + alarms().keySet());
        alarms().forEach((name, alarm) -> {
            assertEquals(List.of(topic), props(name).get("AlarmActions"), name);
            assertEquals(List.of(topic), props(name).get("OKActions"), name);
            assertTrue(String.valueOf(props(name).get("AlarmDescription")).contains("docs/operations.md#"), name);
        });
    }

    @Test
    void theAccessLogIsJsonOfRequestFactsWithoutTokensHeadersPathsOrAddresses() throws Exception {
        String format = String.valueOf(map(props("HttpApi").get("AccessLogSettings")).get("Format"));
        Map<String, Object> line = JsonMapper.createDefault().readValue(format, Argument.mapOf(String.class, Object.class));
        assertEquals("$context.authorizer.claims.sub", line.get("sub"));
        Set<String> variables = new TreeSet<>();
        Matcher m = Pattern.compile("\\$context\\.[A-Za-z.]+").matcher(format);
        while (m.find()) {
            variables.add(m.group());
        }
        assertEquals(new TreeSet<>(Set.of("$context.requestId", "$context.requestTime", "$context.routeKey",
                "$context.status", "$context.responseLatency", "$context.integrationLatency",
                "$context.integrationStatus", "$context.integrationErrorMessage", "$context.error.responseType",
                "$context.authorizer.claims.sub", "$context.responseLength", "$context.protocol")), variables,
                "a new access-log field: check it carries no token, header, path (invitation tokens) or address");
    }

    @Test
    void theRoutesWithoutAJwtAreThrottledTighterThanTheDefault() throws Exception {
        Map<String, Object> api = props("HttpApi");
        Set<String> open = TemplateRoutes.load(ROOT.resolve("template.yaml")).stream().filter(r -> !r.authorized())
                .map(TemplateRoutes.RouteDef::routeKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("GET /invitations/{token}", "POST /webhooks/stripe"), open);
        assertEquals(open, new TreeSet<>(map(api.get("RouteSettings")).keySet()));
        map(api.get("RouteSettings")).values().forEach(s -> assertEquals(Map.of(
                "ThrottlingBurstLimit", Map.of("Ref", "PublicRouteThrottlingBurstLimit"),
                "ThrottlingRateLimit", Map.of("Ref", "PublicRouteThrottlingRateLimit")), s));
        assertEquals(Map.of("ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit"),
                "ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit")), api.get("DefaultRouteSettings"));
    }

    @Test
    void theDashboardsBusinessMetricsAreTheOnesTheOperationsGuideNames() throws Exception {
        String body = String.valueOf(map(map(props("Dashboard").get("DashboardBody"))).get("Fn::Sub"));
        Map<String, Object> dashboard = JsonMapper.createDefault().readValue(body.replaceAll("\\$\\{[^}]+}", "x"),
                Argument.mapOf(String.class, Object.class));
        assertFalse(((List<?>) dashboard.get("widgets")).isEmpty());
        Set<String> onDashboard = new TreeSet<>();
        Matcher metric = Pattern.compile("\\[\"Roster\",\"([A-Za-z]+)\"|MetricName=\\\\\"([A-Za-z]+)\\\\\"").matcher(body);
        while (metric.find()) {
            if (metric.group(1) != null) {
                onDashboard.add(metric.group(1));
            } else if (body.substring(Math.max(0, metric.start() - 40), metric.start()).contains("{Roster")) {
                onDashboard.add(metric.group(2));
            }
        }
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        String section = guide.substring(guide.indexOf("## Business metrics"));
        section = section.substring(0, section.indexOf("\n## ", 4) < 0 ? section.length() : section.indexOf("\n## ", 4));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertFalse(documented.isEmpty());
        assertEquals(documented, onDashboard);
    }

    private static String alarmOn(String function, String metric) {
        List<String> found = alarms().keySet().stream()
                .filter(a -> metric.equals(props(a).get("MetricName")))
                .filter(a -> String.valueOf(props(a).get("Dimensions")).contains("{Ref=" + function + "}"))
                .toList();
        assertEquals(1, found.size(), () -> function + " has no single " + metric + " alarm: " + found);
        return found.get(0);
    }

    private static Map<String, Map<String, Object>> alarms() {
        return resources.entrySet().stream().filter(e -> "AWS::CloudWatch::Alarm".equals(e.getValue().get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> ofType(String type) {
        List<String> names = new ArrayList<>();
        resources.forEach((name, r) -> {
            if (type.equals(r.get("Type"))) {
                names.add(name);
            }
        });
        assertFalse(names.isEmpty(), type);
        return names;
    }

    private static Map<String, Object> props(String resource) {
        return map(resources.get(resource).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
