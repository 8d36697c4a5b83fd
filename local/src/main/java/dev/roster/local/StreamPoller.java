package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Lambda's event source mapping does for the stream function of template.yaml, locally: reads DynamoDB
 * Local's stream, keeps the records the template's filter lets through (inserted audit entries), builds the
 * stream event as Lambda would and passes it through the Lambda runtime's own serializer to the same handler,
 * and redelivers from the first record a partial batch response names.
 */
final class StreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String function;
    private final MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final JsonMapper json;
    private final PojoSerializer<DynamodbEvent> serializer;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, List<Record>> undelivered = new LinkedHashMap<>();
    private final Set<String> seenShards = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    StreamPoller(DynamoDbStreamsClient streams, String streamArn, String function,
                 MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> handler, JsonMapper json) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.function = function;
        this.handler = handler;
        this.json = json;
        this.serializer = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());
        // What is already in the stream when the local API starts was published by an earlier run.
        discoverShards(ShardIteratorType.LATEST);
        this.thread = new Thread(this::run, "stream-" + function);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try {
                discoverShards(ShardIteratorType.TRIM_HORIZON);
                for (String shard : new ArrayList<>(iterators.keySet())) {
                    poll(shard);
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Stream poll for {} failed; retrying: {}", function, e.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private void discoverShards(ShardIteratorType position) {
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            if (seenShards.add(shard.shardId())) {
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(position)).shardIterator());
                undelivered.put(shard.shardId(), new ArrayList<>());
            }
        }
    }

    private void poll(String shard) {
        List<Record> batch = undelivered.get(shard);
        String iterator = iterators.get(shard);
        if (batch.isEmpty() && iterator != null) {
            var response = streams.getRecords(b -> b.shardIterator(iterator));
            response.records().stream().filter(StreamEvents.TEMPLATE_FILTER).forEach(batch::add);
            if (response.nextShardIterator() == null) {
                iterators.put(shard, null);
            } else {
                iterators.put(shard, response.nextShardIterator());
            }
        }
        if (batch.isEmpty()) {
            if (iterators.get(shard) == null) {
                iterators.remove(shard);
                undelivered.remove(shard);
            }
            return;
        }
        StreamsEventResponse response = handler.handleRequest(serializer.fromJson(StreamEvents.eventJson(json, batch, streamArn)),
                LocalLambdaContext.of(function, Duration.ofSeconds(60)));
        List<StreamsEventResponse.BatchItemFailure> failures = response == null || response.getBatchItemFailures() == null
                ? List.of() : response.getBatchItemFailures();
        if (failures.isEmpty()) {
            batch.clear();
            return;
        }
        String from = failures.get(0).getItemIdentifier();
        int index = 0;
        while (index < batch.size() && !batch.get(index).dynamodb().sequenceNumber().equals(from)) {
            index++;
        }
        batch.subList(0, Math.min(index, batch.size())).clear();
        LOG.warn("{} asks for redelivery from record {}", function, from);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
