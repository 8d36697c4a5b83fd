package dev.roster.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context of one local invocation. */
record LocalLambdaContext(String functionName, String awsRequestId) implements Context {

    static LocalLambdaContext of(String functionName) {
        return new LocalLambdaContext(functionName, UUID.randomUUID().toString());
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
