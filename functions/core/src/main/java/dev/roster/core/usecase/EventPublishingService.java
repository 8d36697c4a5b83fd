package dev.roster.core.usecase;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Times;
import dev.roster.core.events.DomainEvent;
import dev.roster.core.events.EventDetail;
import dev.roster.core.port.EventPublisher;
import dev.roster.core.port.Metrics;
import io.micronaut.json.JsonMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns committed audit entries, in stream order, into domain events. Entries go out in batches of ten; the
 * entries of a batch that were not accepted are retried on their own, so an accepted entry is never sent twice
 * by this run. Whatever still fails stops the run there: the caller hands the rest back for redelivery.
 */
// Only in the functions that carry an event publisher (roster-aws-eventbridge): Lambda contexts create their singletons eagerly.
@Requires(beans = EventPublisher.class)
@Singleton
public class EventPublishingService {

    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(EventPublishingService.class);

    private final EventPublisher publisher;
    private final Metrics metrics;
    private final JsonMapper json;

    public EventPublishingService(EventPublisher publisher, Metrics metrics, JsonMapper json) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * @return how many of {@code entries}, from the first, are published; {@code entries.size()} when all are
     */
    public int publish(List<AuditEntry> entries) {
        int published = publishInBatches(entries);
        if (published > 0) {
            metrics.record(Metrics.Metric.EVENTS_PUBLISHED, published);
        }
        if (published < entries.size()) {
            metrics.record(Metrics.Metric.EVENTS_RETRIED, entries.size() - published);
        }
        return published;
    }

    private int publishInBatches(List<AuditEntry> entries) {
        for (int start = 0; start < entries.size(); start += EventPublisher.MAX_BATCH) {
            List<AuditEntry> batch = entries.subList(start, Math.min(entries.size(), start + EventPublisher.MAX_BATCH));
            int firstUnpublished = publishBatch(batch);
            if (firstUnpublished < batch.size()) {
                return start + firstUnpublished;
            }
        }
        return entries.size();
    }

    /** @return the position of the first entry of {@code batch} still unpublished after every attempt, or its size */
    private int publishBatch(List<AuditEntry> batch) {
        List<Integer> pending = positions(batch.size());
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<DomainEvent> events = pending.stream().map(i -> event(batch.get(i))).toList();
            List<Integer> failed;
            try {
                failed = publisher.publish(events);
            } catch (RuntimeException e) {
                LOG.warn("Publishing {} event(s) failed on attempt {}: {}", events.size(), attempt, e.toString());
                failed = positions(events.size());
            }
            List<Integer> stillPending = new ArrayList<>();
            for (int position : failed) {
                stillPending.add(pending.get(position));
            }
            pending = stillPending;
        }
        if (pending.isEmpty()) {
            return batch.size();
        }
        int first = pending.get(0);
        LOG.error("Event {} ({}) could not be published after {} attempts; it and those after it go back to the stream",
                batch.get(first).id(), batch.get(first).action(), ATTEMPTS);
        return first;
    }

    /** 0, 1, … size - 1. */
    private static List<Integer> positions(int size) {
        return IntStream.range(0, size).boxed().toList();
    }

    private DomainEvent event(AuditEntry entry) {
        EventDetail detail = new EventDetail(entry.id(), entry.orgId(), Times.format(entry.time()), entry.actor(),
                entry.action(), entry.target(), entry.before(), entry.after(), entry.requestId());
        try {
            return new DomainEvent(entry.id(), entry.action(), entry.time(),
                    new String(json.writeValueAsBytes(detail), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("event detail of audit entry " + entry.id(), e);
        }
    }
}
