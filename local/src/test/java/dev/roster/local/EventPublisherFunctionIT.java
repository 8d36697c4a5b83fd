package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.roster.core.events.DomainEvent;
import dev.roster.core.port.EventPublisher;
import dev.roster.publisher.EventPublisherFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stream handler's partial batch response: Lambda retries from the first record that was not published. */
class EventPublisherFunctionIT {

    @RegisterExtension
    static final LocalStack stacks = LocalStack.forEachTest();

    /** Refuses the events of {@code refused} audit ids; records what it accepted. */
    static final class Refusing implements EventPublisher {
        final Set<String> refused;
        final List<String> accepted = new CopyOnWriteArrayList<>();

        Refusing(Set<String> refused) {
            this.refused = refused;
        }

        @Override
        public List<Integer> publish(List<DomainEvent> events) {
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (refused.contains(events.get(i).id())) {
                    failed.add(i);
                } else {
                    accepted.add(events.get(i).id());
                }
            }
            return failed;
        }
    }

    private static DynamodbEvent streamOf(int records) throws Exception {
        String sample = Files.readString(Path.of("..", "events", "event-publisher-stream.json"));
        String record = sample.substring(sample.indexOf('[') + 1, sample.lastIndexOf(']')).trim();
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            copies.add(record.replace("01JDSAMPLEAUD1T00000000000", "AUDIT-" + i)
                    .replace("111100000000012345678901", "SEQ-" + i));
        }
        String json = "{\"Records\": [" + String.join(",", copies) + "]}";
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, EventPublisherFunctionIT.class.getClassLoader())
                .fromJson(json);
    }

    @Test
    void aRecordThatCannotBePublishedIsNamedSoLambdaRetriesFromIt() throws Exception {
        Refusing publisher = new Refusing(Set.of("AUDIT-13"));
        LocalApi local = stacks.start(Map.of(), publisher).local();
        EventPublisherFunction function = new EventPublisherFunction(local.context());

        StreamsEventResponse response = function.handleRequest(streamOf(25),
                LocalLambdaContext.of("EventPublisherFunction", LocalLambdaContext.API_TIMEOUT));

        assertEquals(List.of("SEQ-13"), response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(19, publisher.accepted.size(), "batches one and two, but for the refused entry");
        assertEquals(List.of(), publisher.accepted.stream().filter(id -> Integer.parseInt(id.substring(6)) >= 20).toList(),
                "nothing after the failing batch");
    }

    @Test
    void aBatchThatPublishesAnswersNoFailures() throws Exception {
        Refusing publisher = new Refusing(Set.of());
        LocalApi local = stacks.start(Map.of(), publisher).local();
        StreamsEventResponse response = new EventPublisherFunction(local.context()).handleRequest(streamOf(12),
                LocalLambdaContext.of("EventPublisherFunction", LocalLambdaContext.API_TIMEOUT));
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(12, publisher.accepted.size());
    }
}
