package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function's deployable jar, alone on the classpath as in Lambda, constructs its handler: every bean its
 * context creates finds what it needs in that jar (the local API and the other tests run with every module on
 * one classpath, which hides a bean needing another function's adapter).
 */
class FunctionJarsStartIT {

    private static final Path ROOT = Path.of("..");

    @TestFactory
    Stream<DynamicTest> everyFunctionJarStartsItsHandlerOnItsOwn() {
        return ColdStartBench.FUNCTIONS.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, ROOT.resolve(f.jar()).toString(),
                            ColdStartBenchPaths.of(Invoker.class), ColdStartBenchPaths.of(LambdaEventSerializers.class)),
                    Invoker.class.getName(), f.handler()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(Map.of("ROSTER_TABLE", "roster", "ROSTER_MAIL_FROM", "no-reply@roster.test",
                    "ROSTER_BASE_URL", "https://app.roster.test", "ROSTER_EVENT_BUS", "roster-test",
                    "STRIPE_API_KEY", "sk_test_start", "STRIPE_WEBHOOK_SECRET", "whsec_start",
                    "ROSTER_STRIPE_PRICES", "{\"price_pro\":\"PRO\"}", "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), () -> f.name() + ":\n" + output);
            assertTrue(output.contains("STARTED init="), output);
        }));
    }
}
