package dev.roster.aws.eventbridge;

import dev.roster.core.aws.AwsClients;
import dev.roster.core.config.RosterSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.util.List;

/** The EventBridge client, built once per container on the shared HTTP client. */
@Factory
public class EventBridgeClientFactory {

    @Singleton
    public EventBridgeClient eventBridge(SdkHttpClient http, RosterSettings settings,
                                         List<ExecutionInterceptor> interceptors) {
        var builder = EventBridgeClient.builder().httpClient(http)
                .overrideConfiguration(AwsClients.overrides(interceptors));
        settings.eventBridgeEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
