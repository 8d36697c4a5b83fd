package dev.roster.core.events;

import dev.roster.core.domain.AuditAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/events.md is what subscribers read: every detail-type the code can publish has its schema and example. */
class EventCatalogTest {

    private static final Path CATALOG = Path.of("..", "..", "docs", "events.md");

    @ParameterizedTest
    @EnumSource(AuditAction.class)
    void everyDetailTypeIsDocumentedWithASchemaAndAnExample(AuditAction action) throws IOException {
        String doc = Files.readString(CATALOG);
        String name = action.wireName();
        int section = doc.indexOf("\n## `" + name + "`\n");
        assertTrue(section >= 0, name + " has a section");
        int next = doc.indexOf("\n## ", section + 1);
        String body = doc.substring(section, next < 0 ? doc.length() : next);
        assertTrue(body.contains("\"const\": \"" + name + "\""), name + " has a schema");
        assertTrue(body.contains("\"detail-type\": \"" + name + "\""), name + " has an example");
    }
}
