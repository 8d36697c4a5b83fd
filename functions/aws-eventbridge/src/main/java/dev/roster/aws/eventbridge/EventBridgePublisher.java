package dev.roster.aws.eventbridge;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.events.DomainEvent;
import dev.roster.core.port.EventPublisher;
import dev.roster.core.port.WarmUp;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/** The {@link EventPublisher} on Amazon EventBridge: one PutEvents request per call. */
@Singleton
@Secondary
public class EventBridgePublisher implements EventPublisher, WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);

    private final EventBridgeClient eventBridge;
    private final String bus;

    public EventBridgePublisher(EventBridgeClient eventBridge, RosterSettings settings) {
        this.eventBridge = eventBridge;
        this.bus = settings.eventBus();
    }

    @Override
    public List<Integer> publish(List<DomainEvent> events) {
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("PutEvents takes at most " + MAX_BATCH + " entries");
        }
        List<PutEventsRequestEntry> entries = events.stream().map(e -> PutEventsRequestEntry.builder()
                .eventBusName(bus).source(DomainEvent.SOURCE).detailType(e.detailType()).time(e.time())
                .detail(e.detail()).build()).toList();
        List<PutEventsResultEntry> results = eventBridge.putEvents(b -> b.entries(entries)).entries();
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null) {
                failed.add(i);
                LOG.warn("Event {} ({}) not accepted: {} {}", events.get(i).id(), events.get(i).detailType(),
                        result == null ? "no result" : result.errorCode(), result == null ? "" : result.errorMessage());
            }
        }
        return failed;
    }

    /** Describes the bus events go to: needs events:DescribeEventBus, puts nothing on it. */
    @Override
    public void warmUp() {
        eventBridge.describeEventBus(request -> request.name(bus));
    }
}
