package dev.roster.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves {@code GET /problems/<slug>}: the section of docs/problems.md that describes the code of a problem whose
 * {@code type} is that URL, so every problem's type resolves against the API. Open to anyone, like a web page;
 * anything else under /problems/ is API Gateway's 404.
 */
final class ProblemDocs {

    static final String PREFIX = "/problems/";

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

    /** GET (or HEAD) of {@code /problems/<slug>}: its section as Markdown; anything else API Gateway's 404. */
    HttpApiEventFactory.Outgoing answer(String method, String rawPath) throws IOException {
        String slug = rawPath.substring(PREFIX.length());
        Optional<String> section = Optional.empty();
        if ((method.equals("GET") || method.equals("HEAD")) && SLUG.matcher(slug).matches()) {
            section = section(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (section.isEmpty()) {
            return new HttpApiEventFactory.Outgoing(404, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        }
        return new HttpApiEventFactory.Outgoing(200, Map.of("Content-Type", "text/markdown; charset=utf-8"),
                method.equals("HEAD") ? new byte[0] : section.get().getBytes(StandardCharsets.UTF_8));
    }
}
