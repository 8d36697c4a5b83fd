package dev.roster.seats.stripe;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Stripe credentials and endpoint as they arrive from the environment ({@code STRIPE_API_KEY},
 * {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_API_BASE}); {@link StripeBillingGateway} validates them.
 */
@ConfigurationProperties("stripe")
public class StripeConfig {

    private String apiKey;
    private String webhookSecret;
    private String apiBase;

    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
    public String getApiBase() { return apiBase; }
    public void setApiBase(String apiBase) { this.apiBase = apiBase; }
}
