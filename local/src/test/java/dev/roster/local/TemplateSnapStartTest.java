package dev.roster.local;

import org.crac.Resource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every function template.yaml deploys starts from a SnapStart snapshot, and its handler primes that snapshot. */
class TemplateSnapStartTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionIsPublishedWithSnapStartAndItsHandlerRegistersPriming() throws Exception {
        Map<String, Object> template = TemplateRoutes.read(Path.of("..", "template.yaml"));
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
        assertEquals("live", globals.get("AutoPublishAlias"), "SnapStart applies to published versions only");

        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        var functions = resources.values().stream().filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
                .map(r -> (Map<String, Object>) r.get("Properties")).toList();
        assertFalse(functions.isEmpty());
        for (Map<String, Object> function : functions) {
            assertFalse(function.containsKey("SnapStart"), () -> function.get("Handler") + " overrides SnapStart");
            String handler = ((String) function.get("Handler")).split("::")[0];
            assertTrue(Resource.class.isAssignableFrom(Class.forName(handler)),
                    () -> handler + " has no CRaC hooks to prime its snapshot");
        }
    }
}
