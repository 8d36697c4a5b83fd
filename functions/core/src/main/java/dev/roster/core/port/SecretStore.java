package dev.roster.core.port;

/**
 * Secrets read at run time (AWS Secrets Manager), so that no secret sits in a function's environment and a rotated
 * secret is picked up without a redeploy. Nothing here ever logs or repeats a secret's value.
 */
public interface SecretStore {

    /**
     * The secret's current value, as text.
     *
     * @throws SecretUnavailable when the store cannot give it now: unreachable, throttled, no such secret, no access
     */
    String read(String secretId);

    /** The store did not give the secret; the message says why, never what the secret holds. */
    final class SecretUnavailable extends RuntimeException {
        public SecretUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
