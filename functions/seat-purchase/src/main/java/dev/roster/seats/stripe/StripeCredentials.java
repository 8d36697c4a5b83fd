package dev.roster.seats.stripe;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.SecretStore;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Stripe API key and webhook signing secret, read at run time from the Secrets Manager secret that
 * {@code STRIPE_SECRET_ARN} names (JSON {@code {"apiKey": "sk_…", "webhookSecret": "whsec_…"}}), so that no key is in
 * the function's environment and a rotated secret needs no redeploy. What was read is kept for {@link #TTL}; when the
 * keys fail sooner (Stripe refuses the API key, a signature does not verify with the secret) they are read once more,
 * at most once every {@link #RENEWAL_INTERVAL}, so that forged webhooks cannot turn every request into a read of the
 * secret. Without a secret named, billing is off. Neither the keys nor the secret's text are ever logged.
 */
@Singleton
public class StripeCredentials {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration RENEWAL_INTERVAL = Duration.ofSeconds(30);
    /** When reading the secret fails for a moment, how soon a retry may succeed. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StripeCredentials.class);

    /** One reading of the secret. Its {@code toString} names no key. */
    record Keys(String apiKey, String webhookSecret, Instant readAt) {
        @Override
        public String toString() {
            return "Stripe keys read at " + readAt;
        }
    }

    private final String secretId;
    private final SecretStore secrets;
    private final JsonMapper json;
    private final Clock clock;
    private volatile Keys cached;

    public StripeCredentials(StripeConfig config, SecretStore secrets, JsonMapper json, Clock clock) {
        this.secretId = config.getSecretArn() == null || config.getSecretArn().isBlank() ? null : config.getSecretArn().trim();
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    /** Whether this deployment has a Stripe secret at all; without one, billing is off. */
    boolean configured() {
        return secretId != null;
    }

    /** Refuses at once when billing is off. */
    void requireConfigured() {
        if (secretId == null) {
            throw new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "Billing is off in this deployment: no Stripe"
                    + " secret is configured (STRIPE_SECRET_ARN, the template's StripeSecretArn parameter, is empty).");
        }
    }

    /** The keys, read from the secret when none are held or those held are older than {@link #TTL}. */
    Keys current() {
        requireConfigured();
        Keys keys = cached;
        if (keys != null && keys.readAt().plus(TTL).isAfter(clock.instant())) {
            return keys;
        }
        return read(keys);
    }

    /**
     * The keys read again after {@code failed} did not work, unless someone read them since (then those) or they
     * were read less than {@link #RENEWAL_INTERVAL} ago (then empty: there is nothing newer to try yet).
     */
    Optional<Keys> renewedAfter(Keys failed) {
        Keys keys = cached;
        if (keys != failed) {
            return Optional.ofNullable(keys);
        }
        if (failed.readAt().plus(RENEWAL_INTERVAL).isAfter(clock.instant())) {
            return Optional.empty();
        }
        LOG.info("Stripe refused the keys read at {}; reading the secret again", failed.readAt());
        return Optional.of(read(failed));
    }

    private synchronized Keys read(Keys seen) {
        if (cached != seen) {
            return cached;
        }
        String text;
        try {
            text = secrets.read(secretId);
        } catch (SecretStore.SecretUnavailable e) {
            LOG.error("The Stripe secret could not be read: {}", e.getMessage());
            throw new RosterException(ErrorCode.BILLING_UNAVAILABLE, "The billing credentials could not be read; try"
                    + " again.", java.util.List.of(), RETRY_AFTER);
        }
        Keys keys = new Keys(field(text, "apiKey"), field(text, "webhookSecret"), clock.instant());
        cached = keys;
        return keys;
    }

    private String field(String secretText, String name) {
        JsonNode secret;
        try {
            secret = json.readValue(secretText, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            secret = null;
        }
        JsonNode value = secret != null && secret.isObject() ? secret.get(name) : null;
        if (value == null || !value.isString() || value.getStringValue().isBlank()) {
            LOG.error("The Stripe secret is not a JSON object with a text \"{}\"", name);
            throw new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "The Stripe secret (STRIPE_SECRET_ARN) must be"
                    + " a JSON object with \"apiKey\" and \"webhookSecret\"; it has no usable \"" + name + "\".");
        }
        return value.getStringValue().trim();
    }
}
