package dev.roster.publisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.port.WarmUp;
import dev.roster.core.store.AuditItems;
import dev.roster.core.usecase.EventPublishingService;
import dev.roster.logging.UnconvertibleEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run by the table's stream, filtered to inserted audit entries: each becomes one EventBridge event. When some
 * cannot be published, the response names the first of them, so Lambda retries from there (partial batch
 * response) and nothing after it is lost.
 */
public class EventPublisherFunction extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse>
        implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisherFunction.class);
    private static final String PRIMING = "roster-priming";

    @Inject
    EventPublishingService publishing;

    public EventPublisherFunction() {
        super();
        Core.getGlobalContext().register(this);
    }

    /**
     * Before a SnapStart snapshot: a batch whose one record is an inserted item that is not an audit entry, so
     * the record is read and skipped and nothing is sent to EventBridge.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        StreamRecord image = new StreamRecord().withSequenceNumber("0").withNewImage(Map.of(
                "pk", new AttributeValue().withS(PRIMING), "sk", new AttributeValue().withS(PRIMING)));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(PRIMING);
        record.setEventName("INSERT");
        record.setDynamodb(image);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        WarmUp.all(getApplicationContext());
        try {
            execute(event);
        } catch (RuntimeException e) {
            LOG.warn("Priming the event publisher failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the SDK re-opens connections and refreshes credentials as it needs them.
    }

    public EventPublisherFunction(ApplicationContext context) {
        super(context);
    }

    /** As for the HTTP functions: a misnamed handler must not put the stream's images in the logs. */
    @Override
    protected DynamodbEvent convertInput(Object input) {
        throw new IllegalArgumentException(UnconvertibleEvent.describe(input, DynamodbEvent.class));
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
