package dev.roster.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;

/**
 * The one reader for JSON that Roster is given (request bodies, Stripe's events and answers): exactly one JSON
 * value, nothing after it, and no object naming a key twice.
 * <p>
 * Micronaut Serde's {@code JsonMapper} stops reading after the first value, so {@code {"name":"a"} trailing} or
 * {@code {"name":"a"}{"name":"b"}} would be accepted as the first object; it has no setting to refuse trailing
 * tokens (that is jackson-databind's {@code FAIL_ON_TRAILING_TOKENS}, and Serde does without databind). So the
 * input is read here as a jackson-core token stream into Micronaut's JSON tree, and must end where the value ends.
 * A key given twice is refused because readers disagree on which copy wins.
 */
public final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeTreeCodec TREE = JsonNodeTreeCodec.getInstance();

    private StrictJson() {
    }

    /**
     * @throws IOException if {@code json} is not exactly one well-formed JSON value (UTF-8)
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readWhole(parser);
        }
    }

    /**
     * @throws IOException if {@code json} is not exactly one well-formed JSON value
     */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readWhole(parser);
        }
    }

    private static JsonNode readWhole(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        JsonNode value = TREE.readTree(parser);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "more input after the JSON value");
        }
        return value;
    }
}
