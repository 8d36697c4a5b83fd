package dev.roster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the .eml files the local API wrote, as a mail client would: headers and the decoded parts. */
final class Mailbox {

    record Message(Path file, Map<String, String> headers, String text, String html) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private Mailbox() {
    }

    static List<Message> to(Path dir, String address) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(Mailbox::read)
                    .filter(m -> address.equalsIgnoreCase(m.header("to"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message read(Path file) {
        try {
            String raw = Files.readString(file, StandardCharsets.US_ASCII);
            int split = raw.indexOf("\r\n\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : raw.substring(0, split).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
            }
            String boundary = headers.get("content-type").replaceAll(".*boundary=\"([^\"]+)\".*", "$1");
            String text = null;
            String html = null;
            for (String part : raw.substring(split + 4).split("--" + boundary)) {
                int body = part.indexOf("\r\n\r\n");
                if (body < 0) {
                    continue;
                }
                String content = part.substring(body + 4);
                String decoded = part.contains("Content-Transfer-Encoding: base64")
                        ? new String(Base64.getMimeDecoder().decode(content.trim()), StandardCharsets.UTF_8)
                        : content.replace("\r\n", "\n");
                if (part.contains("text/plain")) {
                    text = decoded;
                } else if (part.contains("text/html")) {
                    html = decoded;
                }
            }
            return new Message(file, headers, text, html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
