package dev.roster.core.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
public class SystemBeans {

    /** UTC wall clock; tests register their own to move time. */
    @Singleton
    @Secondary
    public Clock clock() {
        return Clock.systemUTC();
    }
}
