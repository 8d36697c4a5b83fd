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
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Duration;
import java.util.List;

/**
 * Builds each AWS client once per container. One lean HTTP client is shared. Endpoints follow
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

    @Singleton
    public SesV2Client ses(SdkHttpClient http, RosterSettings settings, List<ExecutionInterceptor> interceptors) {
        var builder = SesV2Client.builder().httpClient(http).overrideConfiguration(overrides(interceptors));
        settings.sesEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Singleton
    public EventBridgeClient eventBridge(SdkHttpClient http, RosterSettings settings, List<ExecutionInterceptor> interceptors) {
        var builder = EventBridgeClient.builder().httpClient(http).overrideConfiguration(overrides(interceptors));
        settings.eventBridgeEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides(List<ExecutionInterceptor> interceptors) {
        return ClientOverrideConfiguration.builder().executionInterceptors(interceptors).build();
    }
}
