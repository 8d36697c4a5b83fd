package dev.roster.local;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.Problems;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml is an OpenAPI 3.1 document (swagger-parser reads it without a message; every schema in it is valid
 * JSON Schema 2020-12), describes exactly the routes of template.yaml with their authorizers, names
 * every ErrorCode, and lists for each operation the problem codes it can answer with a response for each. The
 * answers themselves are checked in every integration test, through {@link ApiContract}.
 */
class OpenApiDocumentTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Path PROBLEMS_PAGE = Path.of("..", "docs", "problems.md");
    private static String text;
    private static OpenAPI document;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(ApiContract.DOCUMENT);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        document = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
    }

    @Test
    void swaggerParserReadsItAsOpenApi31WithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(List.of(), result.getMessages());
        assertEquals(SpecVersion.V31, result.getOpenAPI().getSpecVersion());
        assertTrue(result.getOpenAPI().getOpenapi().startsWith("3.1."), result.getOpenAPI().getOpenapi());
    }

    /**
     * swagger-parser checks the document's structure but not its schemas' keywords (a {@code type: strin} passes it):
     * every Schema Object, in components and inline, is checked against JSON Schema 2020-12's meta-schema, the
     * dialect OpenAPI 3.1 schemas are written in (networknt ships it).
     */
    @Test
    void everySchemaInItIsAValidJsonSchema202012() throws IOException {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(text);
        Map<String, Object> schemas = new LinkedHashMap<>();
        collectSchemas("#", root, schemas);
        assertTrue(schemas.size() > 40, "found only " + schemas.size() + " schemas");
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> schema : schemas.entrySet()) {
            String schemaJson = new String(json.writeValueAsBytes(schema.getValue()), java.nio.charset.StandardCharsets.UTF_8);
            metaSchema.validate(schemaJson, InputFormat.JSON).forEach(e -> errors.add(schema.getKey() + ": " + e));
        }
        assertEquals(List.of(), errors);
    }

    /** Every value under a {@code schema} key, and every component schema, by its JSON pointer. */
    @SuppressWarnings("unchecked")
    private static void collectSchemas(String pointer, Object node, Map<String, Object> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String child = pointer + "/" + String.valueOf(key).replace("~", "~0").replace("/", "~1");
                if ("schema".equals(key) || pointer.equals("#/components/schemas")) {
                    found.put(child, value);
                } else {
                    collectSchemas(child, value, found);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectSchemas(pointer + "/" + i, list.get(i), found);
            }
        }
    }

    @Test
    void everyComponentSchemaLoadsWithItsReferences() {
        ApiContract contract = ApiContract.get();
        for (String name : document.getComponents().getSchemas().keySet()) {
            contract.schemaFor("#/components/schemas/" + name);
        }
    }

    @Test
    void itsOperationsAreTheRoutesOfTemplateYaml() throws IOException {
        Set<String> template = TemplateRoutes.load(TEMPLATE).stream().map(TemplateRoutes.RouteDef::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(template, new TreeSet<>(operations().keySet()));
    }

    @Test
    void onlyTheRoutesWithoutTheJwtAuthorizerAreOpen() throws IOException {
        Map<String, Operation> operations = operations();
        for (TemplateRoutes.RouteDef route : TemplateRoutes.load(TEMPLATE)) {
            Operation operation = operations.get(route.routeKey());
            List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : document.getSecurity();
            boolean jwt = security.stream().anyMatch(requirement -> requirement.containsKey("jwt"));
            assertEquals(route.authorized(), jwt, route.routeKey() + " security " + security);
            if (route.authorized()) {
                assertEquals(List.of(new SecurityRequirement().addList("jwt")), security, route.routeKey());
                ApiResponse unauthorized = operation.getResponses().get("401");
                assertTrue(unauthorized != null && unauthorized.getContent().containsKey("application/json"),
                        route.routeKey() + " answers API Gateway's 401");
            } else {
                assertTrue(!operation.getResponses().containsKey("401"), route.routeKey() + " has no 401");
            }
        }
        assertEquals(List.of(new SecurityRequirement().addList("stripeSignature")),
                operations.get("POST /webhooks/stripe").getSecurity());
    }

    @Test
    void theProblemCodeEnumIsEveryErrorCode() {
        io.swagger.v3.oas.models.media.Schema<?> code = (io.swagger.v3.oas.models.media.Schema<?>)
                document.getComponents().getSchemas().get("Problem").getProperties().get("code");
        List<?> codes = code.getEnum();
        Set<String> expected = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = codes.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, documented);
        assertEquals(ErrorCode.values().length, codes.size(), "each code once");
    }

    @Test
    void everyOperationListsTheProblemCodesItCanAnswerWithAResponseForEach() {
        Set<String> listedSomewhere = new TreeSet<>();
        operations().forEach((route, operation) -> {
            Object extension = operation.getExtensions() == null ? null : operation.getExtensions().get("x-problem-codes");
            assertTrue(extension instanceof List<?> list && !list.isEmpty(), route + " has x-problem-codes");
            List<String> codes = ((List<?>) extension).stream().map(String::valueOf).toList();
            assertEquals(codes.size(), new TreeSet<>(codes).size(), route + " lists a code twice");
            for (String code : codes) {
                assertTrue(Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(code)), route + ": " + code + " is no ErrorCode");
                ApiResponse response = operation.getResponses().get(String.valueOf(ErrorCode.valueOf(code).status()));
                assertTrue(response != null && response.getContent().containsKey("application/problem+json"),
                        route + ": " + code + " needs a " + ErrorCode.valueOf(code).status() + " problem response");
            }
            operation.getResponses().forEach((status, response) -> {
                if (response.getContent() != null && response.getContent().containsKey("application/problem+json")) {
                    assertTrue(codes.stream().anyMatch(c -> String.valueOf(ErrorCode.valueOf(c).status()).equals(status)),
                            route + ": no listed code answers its " + status + " problem response");
                }
                if (status.equals("429")) {
                    assertTrue(response.getHeaders().get("Retry-After").getRequired(), route + ": 429 carries Retry-After");
                }
            });
            // Every function reads the body of every request, and any can fail.
            assertTrue(codes.containsAll(List.of("PAYLOAD_TOO_LARGE", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE")), route);
            boolean authorized = operation.getSecurity() == null;
            assertEquals(authorized, codes.contains("UNAUTHENTICATED"), route + ": UNAUTHENTICATED where a caller is required");
            if (operation.getRequestBody() != null) {
                assertTrue(operation.getResponses().containsKey("413"), route + ": API Gateway's 413 for its body");
            }
            listedSomewhere.addAll(codes);
        });
        // Answered below the routes: ROUTE_NOT_FOUND for a request no route serves (a deployment error in AWS), the
        // other three for HTTP the local API cannot read (API Gateway's own refusals in AWS).
        Set<String> unlisted = Arrays.stream(ErrorCode.values()).map(Enum::name).filter(c -> !listedSomewhere.contains(c))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("ROUTE_NOT_FOUND", "MALFORMED_REQUEST", "URI_TOO_LONG", "HEADERS_TOO_LARGE"), unlisted,
                "codes no operation lists");
    }

    @Test
    void everyAnswerBodyIsANamedSchema() {
        ApiContract contract = ApiContract.get();
        List<String> inline = new ArrayList<>();
        for (ApiContract.Operation operation : contract.operations()) {
            ApiContract.map(operation.body().get("responses")).forEach((status, value) -> {
                Map<String, Object> response = ApiContract.map(value);
                if (response.get("$ref") instanceof String ref) {
                    response = contract.resolve(ref.substring(1));
                }
                ApiContract.map(response.get("content")).forEach((mediaType, media) -> {
                    Object ref = ApiContract.map(ApiContract.map(media).get("schema")).get("$ref");
                    if (!(ref instanceof String r) || !r.startsWith("#/components/schemas/")
                            || !document.getComponents().getSchemas().containsKey(r.substring("#/components/schemas/".length()))) {
                        inline.add(operation.key() + " " + status + " " + mediaType);
                    }
                });
            });
        }
        assertEquals(List.of(), inline, "answers whose schema is not a $ref to components/schemas");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeIsDescribedInDocsProblemsMd(ErrorCode code) throws IOException {
        String page = Files.readString(PROBLEMS_PAGE);
        String type = Problems.of(new RosterException(code, "x"), "request-1").type();
        int start = page.indexOf("\n## " + code.name() + "\n");
        assertTrue(start >= 0, code + " has a section");
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        assertTrue(section.contains("- Status: " + code.status() + "\n"), code + " status");
        assertTrue(section.contains("- Title: " + code.title() + "\n"), code + " title");
        assertTrue(section.contains("- Type: `" + type + "`\n"), code + " type " + type);
        assertTrue(section.contains("<a id=\"" + type.substring("/problems/".length()) + "\"></a>"), code + " anchor");
        assertTrue(section.contains("**When:**") && section.contains("**What to do:**"), code + " when and what to do");
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }
}
