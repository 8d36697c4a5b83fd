package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What Lambda's event source mapping does for the stream function of template.yaml, locally: reads DynamoDB
 * Local's stream, keeps the records the template's filter lets through (inserted audit entries), builds the
 * stream event as Lambda would and passes it through the Lambda runtime's own serializer to the same handler,
 * and redelivers from the first record a partial batch response names.
 */
final class StreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The template's FilterCriteria: {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"type": {"S": ["AUDIT"]}}}}. */
    private static final Predicate<Record> FILTER = r -> "INSERT".equals(r.eventNameAsString())
            && r.dynamodb().hasNewImage() && r.dynamodb().newImage().get("type") != null
            && "AUDIT".equals(r.dynamodb().newImage().get("type").s());

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
            response.records().stream().filter(FILTER).forEach(batch::add);
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
        StreamsEventResponse response = handler.handleRequest(serializer.fromJson(eventJson(batch)),
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

    /** The stream event as Lambda delivers it to the function. */
    private String eventJson(List<Record> records) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : records) {
            Map<String, Object> dynamodb = new LinkedHashMap<>();
            dynamodb.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime() == null ? 0
                    : r.dynamodb().approximateCreationDateTime().getEpochSecond());
            dynamodb.put("Keys", image(r.dynamodb().keys()));
            dynamodb.put("NewImage", image(r.dynamodb().newImage()));
            dynamodb.put("SequenceNumber", r.dynamodb().sequenceNumber());
            dynamodb.put("SizeBytes", r.dynamodb().sizeBytes());
            dynamodb.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventID", r.eventID());
            item.put("eventName", r.eventNameAsString());
            item.put("eventVersion", "1.1");
            item.put("eventSource", "aws:dynamodb");
            item.put("awsRegion", "us-east-1");
            item.put("dynamodb", dynamodb);
            item.put("eventSourceARN", streamArn);
            items.add(item);
        }
        try {
            return new String(json.writeValueAsBytes(Map.of("Records", items)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> image(Map<String, AttributeValue> image) {
        Map<String, Object> result = new LinkedHashMap<>();
        image.forEach((name, value) -> result.put(name, attribute(value)));
        return result;
    }

    private static Map<String, Object> attribute(AttributeValue v) {
        if (v.s() != null) {
            return Map.of("S", v.s());
        }
        if (v.n() != null) {
            return Map.of("N", v.n());
        }
        if (v.bool() != null) {
            return Map.of("BOOL", v.bool());
        }
        if (v.hasM()) {
            return Map.of("M", image(v.m()));
        }
        if (v.hasL()) {
            return Map.of("L", v.l().stream().map(StreamPoller::attribute).toList());
        }
        if (v.hasSs()) {
            return Map.of("SS", v.ss());
        }
        if (v.hasNs()) {
            return Map.of("NS", v.ns());
        }
        if (v.b() != null) {
            return Map.of("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        }
        return Map.of("NULL", true);
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
