package dev.roster.aws.secrets;

import dev.roster.core.port.SecretStore;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@link SecretStore} on AWS Secrets Manager: {@code GetSecretValue} of the secret's current version, which is
 * all the function's policy grants. Callers cache what it reads.
 */
@Singleton
@Secondary
public class SecretsManagerSecretStore implements SecretStore {

    private final SecretsManagerClient secretsManager;

    public SecretsManagerSecretStore(SecretsManagerClient secretsManager) {
        this.secretsManager = secretsManager;
    }

    @Override
    public String read(String secretId) {
        String value;
        try {
            value = secretsManager.getSecretValue(request -> request.secretId(secretId)).secretString();
        } catch (AwsServiceException e) {
            throw new SecretUnavailable("Secrets Manager refused GetSecretValue of " + secretId + ": HTTP "
                    + e.statusCode() + " " + e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            throw new SecretUnavailable("Secrets Manager could not be reached for " + secretId + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (value == null) {
            throw new SecretUnavailable("Secret " + secretId + " holds binary data, not text");
        }
        return value;
    }
}
