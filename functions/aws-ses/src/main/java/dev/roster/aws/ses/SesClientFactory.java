package dev.roster.aws.ses;

import dev.roster.core.aws.AwsClients;
import dev.roster.core.config.RosterSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.List;

/** The SES v2 client, built once per container on the shared HTTP client. */
@Factory
public class SesClientFactory {

    @Singleton
    public SesV2Client ses(SdkHttpClient http, RosterSettings settings, List<ExecutionInterceptor> interceptors) {
        var builder = SesV2Client.builder().httpClient(http).overrideConfiguration(AwsClients.overrides(interceptors));
        settings.sesEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
