package dev.roster.local;

import dev.roster.core.port.SecretStore;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The local API's stand-in for Secrets Manager: it holds one secret, the Stripe keys the local API was started with
 * ({@code STRIPE_API_KEY}, {@code STRIPE_WEBHOOK_SECRET}), in the JSON the deployed secret holds, so the seat-purchase
 * function reads its keys locally exactly as it does in AWS.
 */
final class LocalStripeSecret implements SecretStore {

    /** What the local API sets {@code STRIPE_SECRET_ARN} to when it holds the keys itself. */
    static final String NAME = "roster-local/stripe";

    private final String value;

    LocalStripeSecret(String apiKey, String webhookSecret, JsonMapper json) {
        try {
            this.value = new String(json.writeValueAsBytes(Map.of("apiKey", apiKey, "webhookSecret", webhookSecret)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String read(String secretId) {
        if (!NAME.equals(secretId)) {
            throw new SecretUnavailable("the local API holds no secret " + secretId + ", only " + NAME);
        }
        return value;
    }
}
