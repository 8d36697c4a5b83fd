package dev.roster.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves {@code GET /problems/<slug>}: the section of docs/problems.md that describes the code of a problem whose
 * {@code type} is that URL, so every problem's type resolves against the API. Open to anyone, like a web page;
 * anything else under /problems/ is API Gateway's 404.
 */
final class ProblemDocs implements HttpHandler {

    private static final Pattern SLUG = Pattern.compile("[a-z]+(-[a-z]+)*");

    private final Path document;

    ProblemDocs(Path document) {
        this.document = document;
    }

    /** The problems page next to template.yaml: {@code docs/problems.md} of the repository. */
    static ProblemDocs besideTemplate(Path template) {
        return new ProblemDocs(template.toAbsolutePath().getParent().resolve("docs").resolve("problems.md"));
    }

    /** The section of {@code code} (e.g. SEAT_LIMIT_REACHED), from its heading to the next one. */
    Optional<String> section(String code) throws IOException {
        if (!Files.isRegularFile(document)) {
            return Optional.empty();
        }
        String text = Files.readString(document);
        String heading = "\n## " + code + "\n";
        int start = text.indexOf(heading);
        if (start < 0) {
            return Optional.empty();
        }
        int end = text.indexOf("\n## ", start + heading.length());
        return Optional.of(text.substring(start + 1, end < 0 ? text.length() : end + 1));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String slug = exchange.getRequestURI().getRawPath().substring("/problems/".length());
            Optional<String> section = Optional.empty();
            if ((method.equals("GET") || method.equals("HEAD")) && SLUG.matcher(slug).matches()) {
                section = section(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            byte[] body = section.map(s -> s.getBytes(StandardCharsets.UTF_8))
                    .orElse("{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type",
                    section.isPresent() ? "text/markdown; charset=utf-8" : "application/json");
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(section.isPresent() ? 200 : 404, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
