package dev.roster.seats.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource.RequestMethod;
import com.stripe.net.RawRequestOptions;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.seats.stripe.StripeCredentials.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Requests to Stripe's API through stripe-java's raw requests (its authentication, retries, idempotency and typed
 * errors), with the keys {@link StripeCredentials} holds: a request Stripe refuses the key for is tried once more with
 * the secret read again, so a rotated key is picked up at once. Stripe's failures become Roster's problems here, and
 * nothing logged names a key or a request's secrets.
 */
final class StripeCalls {

    /** When Stripe is busy or unreachable, how soon a retry may succeed. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StripeCalls.class);

    /** One request: {@code doing} says what it is for, in the words of logs and problems. */
    record Request(RequestMethod method, String path, String form, String idempotencyKey, String doing) {

        static Request get(String path, String doing) {
            return new Request(RequestMethod.GET, path, null, null, doing);
        }

        static Request post(String path, String form, String idempotencyKey, String doing) {
            return new Request(RequestMethod.POST, path, form, idempotencyKey, doing);
        }
    }

    /** The client for one set of keys; another set gets another client. */
    private record Connection(Keys keys, StripeClient client) {
    }

    private final StripeCredentials credentials;
    private final String apiBase;
    private volatile Connection connection;

    /** @param apiBase Stripe's API base URL; null for Stripe's own */
    StripeCalls(StripeCredentials credentials, String apiBase) {
        this.credentials = credentials;
        this.apiBase = apiBase;
    }

    /** Stripe's answer to a request that creates or changes something. */
    String send(Request request) {
        return find(request).orElseThrow();
    }

    /** Stripe's answer; empty when Stripe does not know the object a GET asks for. */
    Optional<String> find(Request request) {
        Keys keys = credentials.current();
        try {
            return attempt(keys, request);
        } catch (AuthenticationException e) {
            Optional<Keys> renewed = credentials.renewedAfter(keys).filter(k -> !k.apiKey().equals(keys.apiKey()));
            if (renewed.isEmpty()) {
                throw keyRefused(request, e);
            }
            try {
                return attempt(renewed.get(), request);
            } catch (AuthenticationException again) {
                throw keyRefused(request, again);
            } catch (StripeException other) {
                throw failed(request, other);
            }
        } catch (StripeException e) {
            throw failed(request, e);
        }
    }

    private Optional<String> attempt(Keys keys, Request request) throws StripeException {
        RawRequestOptions options = request.idempotencyKey() == null ? null
                : RawRequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        try {
            return Optional.of(client(keys).rawRequest(request.method(), request.path(), request.form(), options).body());
        } catch (InvalidRequestException e) {
            if (request.method() == RequestMethod.GET && "resource_missing".equals(e.getCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private StripeClient client(Keys keys) {
        Connection current = connection;
        if (current != null && current.keys() == keys) {
            return current.client();
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(keys.apiKey())
                // Within Stripe's webhook timeout even with the one retry.
                .setConnectTimeout(2_000).setReadTimeout(5_000).setMaxNetworkRetries(1);
        if (apiBase != null) {
            builder.setApiBase(apiBase);
        }
        StripeClient client = builder.build();
        connection = new Connection(keys, client);
        return client;
    }

    private static RosterException keyRefused(Request request, StripeException e) {
        log(request, e);
        return new RosterException(ErrorCode.BILLING_NOT_CONFIGURED, "Stripe refused the configured API key "
                + request.doing() + ".");
    }

    /**
     * A payment Stripe declined (402: the proration invoice of a subscription change, say) is the buyer's to fix;
     * anything else, a busy or unreachable Stripe included, is worth a retry.
     */
    private static RosterException failed(Request request, StripeException e) {
        log(request, e);
        if (e.getStatusCode() != null && e.getStatusCode() == 402) {
            String reason = e instanceof CardException && e.getStripeError() != null
                    && e.getStripeError().getMessage() != null ? " " + e.getStripeError().getMessage() : "";
            return new RosterException(ErrorCode.PAYMENT_FAILED, "Stripe declined the payment " + request.doing()
                    + "." + reason + " Nothing was changed; update the payment method in the billing portal and try"
                    + " again.");
        }
        return new RosterException(ErrorCode.BILLING_UNAVAILABLE, "Stripe could not be reached " + request.doing()
                + "; try again.", List.of(), RETRY_AFTER);
    }

    private static void log(Request request, StripeException e) {
        // What failed and how, never the key or the request's form.
        LOG.error("Stripe failed {}: HTTP {} {} ({})", request.doing(), e.getStatusCode(), e.getCode(),
                e.getClass().getSimpleName());
    }
}
