package dev.roster.core.port;

import dev.roster.core.events.DomainEvent;

import java.util.List;

/** Where domain events go: EventBridge in AWS, a file or an EventBridge endpoint locally. */
public interface EventPublisher {

    /** At most this many events go in one {@link #publish} call, as PutEvents allows. */
    int MAX_BATCH = 10;

    /**
     * Publishes up to {@link #MAX_BATCH} events in one request.
     *
     * @return the positions in {@code events} of those that were not accepted; empty when all were
     */
    List<Integer> publish(List<DomainEvent> events);
}
