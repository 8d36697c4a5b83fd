package dev.roster.local;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.roster.core.error.ErrorCode;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * openapi.yaml as a check of answers: each answer the tests receive must be documented for its operation (status,
 * media type, required headers), its body must validate against the documented schema, and a problem must carry a
 * code the operation lists in {@code x-problem-codes}, with its status and type. Schemas are validated by networknt's
 * json-schema-validator in the OpenAPI 3.1 dialect (JSON Schema 2020-12), straight from the document, $refs and all.
 * Answers of paths and methods that are no operation of the document (the local API's development routes under
 * /_local, unknown paths) are counted, not checked.
 */
final class ApiContract {

    static final Path DOCUMENT = Path.of("..", "openapi.yaml");
    /** The name the document is known by to the validator: mapped to the file's text, never fetched. */
    private static final String DOCUMENT_IRI = "https://roster.dev/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static volatile ApiContract instance;

    private final Map<String, Object> root;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checked = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unchecked = new ConcurrentHashMap<>();

    /** One operation of the document, with the JSON pointer of its object. */
    record Operation(String method, String path, Pattern pattern, String pointer, Map<String, Object> body) {

        String key() {
            return method + " " + path;
        }

        @SuppressWarnings("unchecked")
        List<String> problemCodes() {
            Object codes = body.get("x-problem-codes");
            return codes instanceof List<?> list ? (List<String>) list : List.of();
        }
    }

    private ApiContract(String text) {
        this.root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT_IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        for (Map.Entry<String, Object> path : map(root.get("paths")).entrySet()) {
            Pattern pattern = Pattern.compile("^" + path.getKey().replaceAll("\\{[^/}]+}", "[^/]+") + "$");
            for (Map.Entry<String, Object> op : map(path.getValue()).entrySet()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern,
                            "/paths/" + escape(path.getKey()) + "/" + op.getKey(), map(op.getValue())));
                }
            }
        }
    }

    static ApiContract get() {
        ApiContract contract = instance;
        if (contract == null) {
            synchronized (ApiContract.class) {
                if (instance == null) {
                    try {
                        instance = new ApiContract(Files.readString(DOCUMENT));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Runtime.getRuntime().addShutdownHook(new Thread(instance::writeSummary));
                }
                contract = instance;
            }
        }
        return contract;
    }

    /** For ApiClient: fails the test that received an answer the document does not describe. */
    /** Problems the local API's HTTP layer answers for a request it cannot read, before routing. */
    private static final java.util.regex.Pattern BELOW_THE_ROUTES =
            java.util.regex.Pattern.compile("\"code\":\"(MALFORMED_REQUEST|URI_TOO_LONG|HEADERS_TOO_LARGE)\"");

    static void verify(String method, String path, int status, Map<String, List<String>> headers, String body) {
        List<String> problems = get().check(method, path, status, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer does not match openapi.yaml:\n  " + String.join("\n  ", problems)
                    + "\n  body: " + (body == null || body.length() <= 2000 ? body : body.substring(0, 2000) + "…"));
        }
    }

    List<Operation> operations() {
        return operations;
    }

    Map<String, Object> root() {
        return root;
    }

    /** What is wrong with the answer, each message naming the route and status; empty when it is as documented. */
    List<String> check(String method, String path, int status, Map<String, List<String>> headers, String body) {
        String rawPath = path.replaceAll("[?#].*$", "");
        Operation operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.pattern().matcher(rawPath).matches())
                .findFirst().orElse(null);
        if (operation == null) {
            unchecked.computeIfAbsent(method + " " + (rawPath.startsWith("/_local/") ? "/_local/…" : rawPath) + " " + status,
                    k -> new AtomicInteger()).incrementAndGet();
            return List.of();
        }
        if (body != null && BELOW_THE_ROUTES.matcher(body).find()) {
            // The HTTP layer's refusals (API Gateway's own in AWS) come before any route: no operation lists them.
            unchecked.computeIfAbsent("below the routes " + status, k -> new AtomicInteger()).incrementAndGet();
            return List.of();
        }
        String where = operation.key() + " → " + status;
        List<String> problems = new ArrayList<>();
        Map<String, Object> responses = map(operation.body().get("responses"));
        String statusKey = String.valueOf(status);
        if (!responses.containsKey(statusKey)) {
            statusKey = (status / 100) + "XX";
        }
        if (!responses.containsKey(statusKey)) {
            statusKey = "default";
        }
        if (!responses.containsKey(statusKey)) {
            return List.of(where + ": status not documented (documented: " + responses.keySet() + ")");
        }
        String responsePointer = operation.pointer() + "/responses/" + escape(statusKey);
        Map<String, Object> response = map(responses.get(statusKey));
        if (response.containsKey("$ref")) {
            responsePointer = pointer((String) response.get("$ref"));
            response = resolve(responsePointer);
        }

        for (Map.Entry<String, Object> header : map(response.get("headers")).entrySet()) {
            Map<String, Object> definition = map(header.getValue());
            if (definition.containsKey("$ref")) {
                definition = resolve(pointer((String) definition.get("$ref")));
            }
            String value = header(headers, header.getKey());
            if (value == null) {
                if (Boolean.TRUE.equals(definition.get("required"))) {
                    problems.add(where + ": required header " + header.getKey() + " is missing");
                }
                continue;
            }
            String json = value.matches("-?\\d+") ? value : quote(value);
            for (Error error : validate(schemaOf(definition), json)) {
                problems.add(where + ": header " + header.getKey() + ": " + error);
            }
        }

        Map<String, Object> content = map(response.get("content"));
        String contentType = header(headers, "content-type");
        if (content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add(where + ": a body where the document has none");
            }
            count(operation, status, "no content", problems);
            return problems;
        }
        if (contentType == null) {
            problems.add(where + ": no Content-Type (documented: " + content.keySet() + ")");
            return problems;
        }
        String mediaType = contentType.replaceAll(";.*$", "").trim().toLowerCase(Locale.ROOT);
        if (!content.containsKey(mediaType)) {
            problems.add(where + ": Content-Type " + contentType + " not documented (documented: " + content.keySet() + ")");
            return problems;
        }
        Map<String, Object> schema = map(map(content.get(mediaType)).get("schema"));
        if (!(schema.get("$ref") instanceof String ref)) {
            problems.add(where + ": the document's schema for " + mediaType + " is not a $ref to components/schemas");
            return problems;
        }
        boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
        String instance = json ? body : quote(body == null ? "" : body);
        if (json && (body == null || body.isBlank())) {
            problems.add(where + ": empty body, documented as " + mediaType + " " + ref);
            return problems;
        }
        for (Error error : validate(schemaFor(ref), instance)) {
            problems.add(where + ": " + ref.replace("#/components/schemas/", "") + " " + error);
        }
        if (mediaType.equals("application/problem+json") && problems.isEmpty()) {
            checkProblem(operation, where, status, body, problems);
        }
        count(operation, status, mediaType, problems);
        return problems;
    }

    /** A problem's code is one the operation lists, and its status and type are that code's. */
    private static void checkProblem(Operation operation, String where, int status, String body, List<String> problems) {
        Map<String, Object> problem;
        try {
            problem = JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            problems.add(where + ": problem body is not JSON");
            return;
        }
        String code = String.valueOf(problem.get("code"));
        if (!operation.problemCodes().contains(code)) {
            problems.add(where + ": problem code " + code + " is not in the operation's x-problem-codes "
                    + operation.problemCodes());
        }
        ErrorCode errorCode = ErrorCode.valueOf(code);
        if (errorCode.status() != status || !(problem.get("status") instanceof Number n && n.intValue() == status)) {
            problems.add(where + ": problem " + code + " has status " + problem.get("status") + "; the code's is "
                    + errorCode.status());
        }
        String type = "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
        if (!type.equals(problem.get("type"))) {
            problems.add(where + ": problem " + code + " has type " + problem.get("type") + ", not " + type);
        }
    }

    private void count(Operation operation, int status, String mediaType, List<String> problems) {
        if (problems.isEmpty()) {
            checked.computeIfAbsent(operation.key() + " " + status + " " + mediaType, k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    Schema schemaFor(String ref) {
        return schemas.computeIfAbsent(ref, r -> {
            synchronized (registry) {
                Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + r));
                schema.initializeValidators();
                return schema;
            }
        });
    }

    private Schema schemaOf(Map<String, Object> parameter) {
        String text = write(parameter.get("schema"));
        return schemas.computeIfAbsent("inline:" + text, r -> {
            synchronized (registry) {
                Schema schema = registry.getSchema(text, InputFormat.JSON);
                schema.initializeValidators();
                return schema;
            }
        });
    }

    private static List<Error> validate(Schema schema, String instance) {
        return schema.validate(instance, InputFormat.JSON);
    }

    /** The answers checked and those that were no operation's, with counts. */
    String summary() {
        int total = checked.values().stream().mapToInt(AtomicInteger::get).sum();
        int other = unchecked.values().stream().mapToInt(AtomicInteger::get).sum();
        StringBuilder out = new StringBuilder("openapi.yaml: " + total + " answers validated, of "
                + checked.keySet().stream().map(k -> k.replaceAll(" \\d+ .*$", "")).distinct().count() + " operations in "
                + checked.size() + " (operation, status, media type) kinds; " + other + " answers of no operation\n");
        new TreeMap<>(checked).forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        out.append("not operations of the document:\n");
        new TreeMap<>(unchecked).forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private void writeSummary() {
        try {
            Path file = Path.of("target", "openapi-answers.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary());
        } catch (IOException | RuntimeException e) {
            // a summary only; the checks themselves already ran
        }
    }

    // --- the document as YAML maps ---------------------------------------------------------------------------

    /** The object at a local JSON pointer of the document. */
    Map<String, Object> resolve(String pointer) {
        Object current = root;
        for (String token : pointer.substring(1).split("/")) {
            current = map(current).get(token.replace("~1", "/").replace("~0", "~"));
        }
        return map(current);
    }

    private static String pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local $refs are supported: " + ref);
        }
        return ref.substring(1);
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? "" : e.getValue().get(0)).findFirst().orElse(null);
    }

    private static String quote(String text) {
        return write(text);
    }

    private static String write(Object value) {
        try {
            return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> keys(Map<String, ?> map) {
        return map.keySet().stream().collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
