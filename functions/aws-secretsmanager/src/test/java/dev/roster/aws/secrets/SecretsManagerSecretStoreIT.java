package dev.roster.aws.secrets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.roster.core.port.SecretStore.SecretUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Secrets Manager adapter against WireMock speaking Secrets Manager's JSON protocol, through the real SDK client. */
class SecretsManagerSecretStoreIT {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:roster/stripe-AbCdEf";
    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";

    private WireMockServer secretsManager;
    private SecretsManagerClient client;
    private SecretsManagerSecretStore store;

    @BeforeEach
    void start() {
        secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
        client = SecretsManagerClient.builder().endpointOverride(URI.create(secretsManager.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        store = new SecretsManagerSecretStore(client);
    }

    @AfterEach
    void stop() {
        client.close();
        secretsManager.stop();
    }

    private void answer(int status, String body) {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1).withBody(body)));
    }

    @Test
    void readsTheCurrentSecretStringOfTheSecretItIsGiven() {
        answer(200, "{\"ARN\":\"" + ARN + "\",\"Name\":\"roster/stripe\",\"VersionId\":\"v-1\","
                + "\"SecretString\":\"{\\\"apiKey\\\":\\\"sk_test_1\\\",\\\"webhookSecret\\\":\\\"whsec_1\\\"}\","
                + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7640e9}");

        assertEquals("{\"apiKey\":\"sk_test_1\",\"webhookSecret\":\"whsec_1\"}", store.read(ARN));

        List<LoggedRequest> requests = secretsManager.findAll(postRequestedFor(urlEqualTo("/")));
        assertEquals(1, requests.size());
        assertEquals(TARGET, requests.get(0).getHeader("X-Amz-Target"));
        assertTrue(requests.get(0).getHeader("Content-Type").startsWith(JSON_1_1));
        assertEquals("{\"SecretId\":\"" + ARN + "\"}", requests.get(0).getBodyAsString());
        assertTrue(requests.get(0).getHeader("Authorization").startsWith("AWS4-HMAC-SHA256"), "signed with SigV4");
    }

    @Test
    void aSecretTheStoreDoesNotHaveOrWillNotGiveIsUnavailableWithTheReasonAndNothingElse() {
        answer(400, "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified"
                + " secret.\"}");
        SecretUnavailable missing = assertThrows(SecretUnavailable.class, () -> store.read(ARN));
        assertTrue(missing.getMessage().contains("ResourceNotFoundException"), missing.getMessage());

        answer(400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"not authorized\"}");
        SecretUnavailable denied = assertThrows(SecretUnavailable.class, () -> store.read(ARN));
        assertTrue(denied.getMessage().contains("AccessDeniedException"), denied.getMessage());
    }

    @Test
    void aStoreThatCannotBeReachedIsUnavailable() {
        secretsManager.stop();
        SecretUnavailable unreachable = assertThrows(SecretUnavailable.class, () -> store.read(ARN));
        assertTrue(unreachable.getMessage().contains("could not be reached"), unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains("sk_"));
    }

    @Test
    void aBinarySecretIsNotText() {
        answer(200, "{\"ARN\":\"" + ARN + "\",\"Name\":\"roster/stripe\",\"SecretBinary\":\"AAEC\"}");
        assertThrows(SecretUnavailable.class, () -> store.read(ARN));
    }
}
