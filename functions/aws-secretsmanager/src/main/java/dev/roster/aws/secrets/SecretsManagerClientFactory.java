package dev.roster.aws.secrets;

import dev.roster.core.aws.AwsClients;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.List;

/**
 * The Secrets Manager client, built once per container on the shared HTTP client; its endpoint follows
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} when set (read by the SDK itself).
 */
@Factory
public class SecretsManagerClientFactory {

    @Singleton
    public SecretsManagerClient secretsManager(SdkHttpClient http, List<ExecutionInterceptor> interceptors) {
        return SecretsManagerClient.builder().httpClient(http).overrideConfiguration(AwsClients.overrides(interceptors))
                .build();
    }
}
