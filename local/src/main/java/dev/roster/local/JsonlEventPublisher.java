package dev.roster.local;

import dev.roster.core.events.DomainEvent;
import dev.roster.core.port.EventPublisher;
import dev.roster.core.domain.Times;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Locally, each event is appended to {@code .local/events.jsonl}: one PutEvents entry a line. */
final class JsonlEventPublisher implements EventPublisher {

    private final Path file;
    private final JsonMapper json;

    JsonlEventPublisher(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    @Override
    public synchronized List<Integer> publish(List<DomainEvent> events) {
        StringBuilder lines = new StringBuilder();
        try {
            for (DomainEvent event : events) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("source", DomainEvent.SOURCE);
                entry.put("detailType", event.detailType());
                entry.put("detail", json.readValue(event.detail(), Argument.mapOf(String.class, Object.class)));
                entry.put("time", Times.format(event.time()));
                lines.append(new String(json.writeValueAsBytes(entry), StandardCharsets.UTF_8)).append('\n');
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of();
    }
}
