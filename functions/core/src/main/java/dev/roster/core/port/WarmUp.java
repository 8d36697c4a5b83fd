package dev.roster.core.port;

import io.micronaut.context.BeanLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter that can exercise its client with a request that reads and changes nothing, so that a snapshot taken
 * afterwards (SnapStart) holds the client ready: classes loaded, connection open, credentials resolved.
 */
public interface WarmUp {

    void warmUp();

    /** Warms every adapter the context holds; a failure is logged, never thrown, so the snapshot is still taken. */
    static void all(BeanLocator beans) {
        Logger log = LoggerFactory.getLogger(WarmUp.class);
        for (WarmUp adapter : beans.getBeansOfType(WarmUp.class)) {
            try {
                adapter.warmUp();
            } catch (RuntimeException e) {
                log.warn("Warming up {} failed: {}", adapter.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
