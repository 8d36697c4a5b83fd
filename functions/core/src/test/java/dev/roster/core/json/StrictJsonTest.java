package dev.roster.core.json;

import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictJsonTest {

    @Test
    void oneValueWithWhitespaceAroundItIsRead() throws IOException {
        JsonNode node = StrictJson.read(" \n{\"name\": \"a\", \"tags\": [1, true, null]}\r\n\t ");
        assertTrue(node.isObject());
        assertEquals("a", node.get("name").getStringValue());
        assertEquals(3, node.get("tags").size());
        assertTrue(StrictJson.read("7".getBytes(StandardCharsets.UTF_8)).isNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} trailing", "{\"name\":\"a\"}{\"name\":\"b\"}", "{\"name\":\"a\"},",
            "{\"name\":\"a\"}]", "[1] [2]", "\"a\" \"b\"", "1 2", "{} null", "{\"name\":\"a\"}\u0000"})
    void anythingAfterTheFirstValueIsRefused(String json) {
        assertThrows(IOException.class, () -> StrictJson.read(json), json);
        assertThrows(IOException.class, () -> StrictJson.read(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"role\":\"VIEWER\",\"role\":\"OWNER\"}", "{\"a\":{\"b\":1,\"b\":2}}",
            "[{\"email\":\"x@example.com\",\"email\":\"y@example.com\"}]"})
    void anObjectNamingAKeyTwiceIsRefused(String json) {
        assertThrows(IOException.class, () -> StrictJson.read(json), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,]", "NaN", "// comment\n{}", "01"})
    void malformedOrEmptyInputIsRefused(String json) {
        assertThrows(IOException.class, () -> StrictJson.read(json), json);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThrows(IOException.class, () -> StrictJson.read(new byte[]{'"', (byte) 0xff, (byte) 0xfe, '"'}));
    }

    @Test
    void nestingBeyondTheParsersLimitIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(IOException.class, () -> StrictJson.read(deep));
    }
}
