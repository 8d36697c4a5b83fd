package dev.roster.local;

import dev.roster.expiry.InvitationExpiryFunction;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep that cannot reach the table fails the invocation, so Lambda retries it and then dead-letters it. */
class InvitationExpiryFailureIT {

    @Test
    void aStoreFailureSurfacesFromTheHandler() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LocalApi.defaultLocalCredentials();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("roster.table", "unreachable", "roster.mail-from", "no-reply@roster.test",
                        "roster.base-url", "https://app.roster.test",
                        "roster.dynamodb-endpoint", "http://127.0.0.1:" + closedPort))
                .singletons(new EmlMailer(Files.createTempDirectory("mail"), Clock.systemUTC()))
                .start()) {
            InvitationExpiryFunction function = new InvitationExpiryFunction(context);
            Map<String, Object> event = Map.of("id", "run-1");

            SdkClientException failure = assertThrows(SdkClientException.class, () -> function.handleRequest(event,
                    LocalLambdaContext.of("InvitationExpiryFunction", Duration.ofSeconds(300))));
            assertTrue(causedByConnectionRefusal(failure), failure::toString);
        }
    }

    private static boolean causedByConnectionRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
