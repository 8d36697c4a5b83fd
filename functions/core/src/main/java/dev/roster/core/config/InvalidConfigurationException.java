package dev.roster.core.config;

/** Stops start-up; the message names the environment variable to fix. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String variable, String problem) {
        super(variable + " " + problem);
    }
}
