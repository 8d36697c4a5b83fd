package dev.roster.bench;

import dev.roster.bench.BenchStack.Function;
import dev.roster.bench.BenchStack.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function's deployable jar, alone in a fresh JVM as in Lambda, is primed as SnapStart primes it and then
 * answers its sample from events/ against DynamoDB Local and WireMock. The other tests run with every module on
 * one classpath; this is what fails when a jar is trimmed of something its path needs (another function's
 * adapter, a stripe-java class an error answer reaches) or when priming writes.
 */
class FunctionJarsAnswerIT {

    private static final Pattern WRITES = Pattern.compile("Put|Update|Delete|Write");
    /** Each sample's answer and first-invocation DynamoDB requests, run in this order against one table. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "orgs", List.of("200", "1xBatchGetItem"),
            "invite", List.of("201", "1xBatchGetItem+1xTransactWriteItems"),
            "accept", List.of("200", "1xGetItem+1xQuery"),
            "role-change", List.of("200", "1xBatchGetItem+1xTransactWriteItems"),
            "seat-purchase", List.of("200", "1xBatchGetItem+1xTransactWriteItems"),
            "invitation-expiry", List.of("ok", "2xQuery"),
            "event-publisher", List.of("ok", "none"));

    /** The functions that send email, so carry the SES adapter and warm it up. */
    private static final Set<String> MAILS = Set.of("invite", "accept", "role-change", "invitation-expiry");

    private static BenchStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = BenchStack.start(Path.of(".."));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionJarAloneIsPrimedWithoutWritingAndAnswersItsSample() {
        return ColdStartBench.FUNCTIONS.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            if (f.name().equals("seat-purchase")) {
                stripeAnswersReachTheTrimmedStripeJava(f);
            }
            int sesWarmUps = stack.received(getRequestedFor(urlEqualTo(BenchStack.SES_ACCOUNT)));
            int eventBridgeWarmUps = stack.received(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(BenchStack.DESCRIBE_EVENT_BUS)));

            Run run = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f), List.of(), 1, true);

            assertEquals(EXPECTED.get(f.name()).get(0), run.status(), run::answer);
            assertEquals(EXPECTED.get(f.name()).get(1), run.calls().split("\\|")[0], run::toString);
            assertFalse(WRITES.matcher(run.primeCalls()).find(), () -> "priming wrote: " + run.primeCalls());
            if (!f.name().equals("event-publisher")) {
                assertTrue(run.primeCalls().contains("x"), () -> "priming read nothing: " + run.primeCalls());
            }
            assertEquals(MAILS.contains(f.name()) ? 1 : 0,
                    stack.received(getRequestedFor(urlEqualTo(BenchStack.SES_ACCOUNT))) - sesWarmUps, "SES warm-ups");
            assertEquals(f.name().equals("event-publisher") ? 1 : 0, stack.received(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(BenchStack.DESCRIBE_EVENT_BUS))) - eventBridgeWarmUps,
                    "EventBridge warm-ups");
        }));
    }

    /**
     * Checkout, a subscription Stripe does not know (an error answer Gson reads), Stripe failing, and a subscription
     * change Stripe declines (a card error).
     */
    private static void stripeAnswersReachTheTrimmedStripeJava(Function f) throws Exception {
        Run checkout = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f, "seat-purchase-checkout.json", e -> e),
                List.of(), 0, false);
        assertEquals("200", checkout.status(), checkout::answer);
        assertTrue(checkout.answer().contains(BenchStack.CHECKOUT_URL), checkout::answer);

        Run missing = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f, f.event(),
                e -> e.replace("sub_1SAMPLE", BenchStack.MISSING_SUBSCRIPTION).replace("evt_1SAMPLE", "evt_1MISSING")),
                List.of(), 0, false);
        assertEquals("200", missing.status(), missing::answer);
        assertTrue(missing.answer().contains("IGNORED"), missing::answer);

        Run failing = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f, f.event(),
                e -> e.replace("sub_1SAMPLE", BenchStack.FAILING_SUBSCRIPTION).replace("evt_1SAMPLE", "evt_1FAILING")),
                List.of(), 0, false);
        assertEquals("503", failing.status(), failing::answer);
        assertTrue(failing.answer().contains("BILLING_UNAVAILABLE"), failing::answer);

        Run subscribed = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f, f.event(),
                e -> e.replace("evt_1SAMPLE", "evt_1SUBSCRIBE")), List.of(), 0, false);
        assertTrue(subscribed.answer().contains("APPLIED"), subscribed::answer);
        Run declined = stack.coldRun(f.handler(), stack.jar(f), stack.sample(f, "seat-purchase-change-subscription.json",
                e -> e), List.of(), 0, false);
        assertEquals("402", declined.status(), declined::answer);
        assertTrue(declined.answer().contains("PAYMENT_FAILED"), declined::answer);
    }
}
