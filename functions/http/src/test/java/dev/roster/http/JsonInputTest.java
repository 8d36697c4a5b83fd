package dev.roster.http;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonInputTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} trailing", "{\"name\":\"a\"}{\"name\":\"b\"}", "{\"name\":\"a\"}\n{}",
            "{\"name\":\"a\",\"name\":\"b\"}"})
    void aBodyThatIsMoreThanOneJsonObjectIsMalformedJson(String body) {
        RosterException e = assertThrows(RosterException.class, () -> JsonInput.object(bytes(body), Set.of("name")), body);
        assertEquals(ErrorCode.MALFORMED_JSON, e.code());
    }

    @Test
    void oneObjectFollowedOnlyByWhitespaceIsRead() {
        JsonInput input = JsonInput.object(bytes("{\"name\":\"a\"}\r\n "), Set.of("name"));
        assertEquals("a", input.string("name", true, 10));
        input.done();
    }

    @Test
    void aRouteThatTakesNoInputRefusesTrailingTokensAfterAnEmptyObject() {
        JsonInput.none(bytes("{}"));
        JsonInput.none(new byte[0]);
        assertEquals(ErrorCode.MALFORMED_JSON,
                assertThrows(RosterException.class, () -> JsonInput.none(bytes("{} {\"reason\":\"x\"}"))).code());
    }
}
