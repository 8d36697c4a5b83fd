package dev.roster.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/** The Lambda context of one local invocation, counting down from the function's timeout as Lambda does. */
public record LocalLambdaContext(String functionName, String awsRequestId, LongSupplier remainingMillis) implements Context {

    /** API functions' timeout in template.yaml's Globals. */
    static final Duration API_TIMEOUT = Duration.ofSeconds(15);
    /** The scheduled functions' timeout in template.yaml. */
    static final Duration SCHEDULED_TIMEOUT = Duration.ofSeconds(300);

    public static LocalLambdaContext of(String functionName, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        return new LocalLambdaContext(functionName, UUID.randomUUID().toString(),
                () -> Math.max(0, deadline - System.currentTimeMillis()));
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) remainingMillis.getAsLong(); }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
