package dev.roster.core.aws;

import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;

/**
 * Builds the DynamoDB client once per container, and the one lean HTTP client every AWS client shares; the SES
 * and EventBridge clients live with their adapters, so only the functions that use them carry them. Endpoints follow
 * {@code AWS_ENDPOINT_URL} (read by the SDK itself) unless a per-service endpoint is configured, as the local
 * API and the tests do. Interceptors registered as beans are attached, which is how tests count calls.
 */
@Factory
public class AwsClients {

    @Context
    public RosterSettings settings(RosterConfig config, JsonMapper json) {
        return new RosterSettings(config, json);
    }

    @Singleton
    public SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Singleton
    public DynamoDbClient dynamoDb(SdkHttpClient http, RosterSettings settings, List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder().httpClient(http)
                .overrideConfiguration(overrides(interceptors));
        settings.dynamodbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** What every client gets: the interceptors registered as beans. */
    public static ClientOverrideConfiguration overrides(List<ExecutionInterceptor> interceptors) {
        return ClientOverrideConfiguration.builder().executionInterceptors(interceptors).build();
    }
}
