package dev.roster.publisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.store.AuditItems;
import dev.roster.core.usecase.EventPublishingService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run by the table's stream, filtered to inserted audit entries: each becomes one EventBridge event. When some
 * cannot be published, the response names the first of them, so Lambda retries from there (partial batch
 * response) and nothing after it is lost.
 */
public class EventPublisherFunction extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisherFunction.class);

    @Inject
    EventPublishingService publishing;

    public EventPublisherFunction() {
        super();
    }

    public EventPublisherFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        List<AuditEntry> entries = new ArrayList<>();
        List<String> sequenceNumbers = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event == null || event.getRecords() == null
                ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords()) {
            Optional<AuditEntry> entry = "INSERT".equals(record.getEventName()) && record.getDynamodb() != null
                    ? AuditItems.fromImage(StreamImages.toSdk(record.getDynamodb().getNewImage())) : Optional.empty();
            if (entry.isEmpty()) {
                LOG.debug("Skipped stream record {}: not an inserted audit entry", record.getEventID());
                continue;
            }
            entries.add(entry.get());
            sequenceNumbers.add(record.getDynamodb().getSequenceNumber());
        }
        int published = publishing.publish(entries);
        LOG.info("Published {} of {} event(s)", published, entries.size());
        List<StreamsEventResponse.BatchItemFailure> failures = published == entries.size() ? List.of()
                : List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumbers.get(published)));
        return new StreamsEventResponse(failures);
    }
}
