package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of a benchmark invocation: plenty of time left, logs to stderr. */
final class BenchContext implements Context {

    static final BenchContext INSTANCE = new BenchContext();

    public String getAwsRequestId() { return "bench"; }
    public String getLogGroupName() { return "bench"; }
    public String getLogStreamName() { return "bench"; }
    public String getFunctionName() { return "bench"; }
    public String getFunctionVersion() { return "$LATEST"; }
    public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
    public CognitoIdentity getIdentity() { return null; }
    public ClientContext getClientContext() { return null; }
    public int getRemainingTimeInMillis() { return 300_000; }
    public int getMemoryLimitInMB() { return 1024; }

    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            public void log(String message) { System.err.print(message); }
            public void log(byte[] message) { System.err.write(message, 0, message.length); }
        };
    }
}
