package dev.roster.seats.stripe;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the Stripe credentials are and which Stripe to call, as they arrive from the environment
 * ({@code STRIPE_SECRET_ARN}, {@code STRIPE_API_BASE}). The credentials themselves are never in the environment:
 * {@link StripeCredentials} reads them from the secret at run time.
 */
@ConfigurationProperties("stripe")
public class StripeConfig {

    private String secretArn;
    private String apiBase;

    public String getSecretArn() { return secretArn; }
    public void setSecretArn(String secretArn) { this.secretArn = secretArn; }
    public String getApiBase() { return apiBase; }
    public void setApiBase(String apiBase) { this.apiBase = apiBase; }
}
