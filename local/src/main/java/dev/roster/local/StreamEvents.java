package dev.roster.local;

import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What Lambda's event source mapping makes of DynamoDB stream records for the stream function of template.yaml. */
public final class StreamEvents {

    /** The template's FilterCriteria: {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"type": {"S": ["AUDIT"]}}}}. */
    public static final Predicate<Record> TEMPLATE_FILTER = r -> "INSERT".equals(r.eventNameAsString())
            && r.dynamodb().hasNewImage() && r.dynamodb().newImage().get("type") != null
            && "AUDIT".equals(r.dynamodb().newImage().get("type").s());

    private StreamEvents() {
    }

    /** The stream event as Lambda delivers {@code records} of {@code streamArn} to the function. */
    public static String eventJson(JsonMapper json, List<Record> records, String streamArn) {
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
            return Map.of("L", v.l().stream().map(StreamEvents::attribute).toList());
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
}
