package dev.roster.core.port;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dashboard reads the names docs/operations.md lists; the code emits exactly those, with those units. */
class MetricNamesTest {

    @Test
    void theCodeEmitsExactlyTheMetricsTheOperationsGuideNamesWithTheirUnits() throws Exception {
        String guide = Files.readString(Path.of("..", "..", "docs", "operations.md"));
        String section = guide.substring(guide.indexOf("## Business metrics"));
        section = section.substring(0, section.indexOf("\n## ", 4));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\| ([A-Za-z]+) \\|").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).toUpperCase(Locale.ROOT));
        }
        Map<String, String> emitted = Arrays.stream(Metrics.Metric.values()).collect(Collectors.toMap(
                Metrics.Metric::metricName, m -> m.unit().name(), (a, b) -> a, TreeMap::new));
        assertEquals(documented, emitted);
    }
}
