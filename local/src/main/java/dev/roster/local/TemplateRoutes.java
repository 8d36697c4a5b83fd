package dev.roster.local;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API routes as template.yaml declares them: method, path, the function's handler class, and whether
 * the JWT authorizer guards the route. The local API serves exactly these, so it cannot drift from AWS.
 */
public final class TemplateRoutes {

    /** One HttpApi event of one function. */
    public record RouteDef(String function, String method, String path, String handler, boolean authorized) {

        public String routeKey() {
            return method + " " + path;
        }

        private Pattern pattern() {
            return Pattern.compile("^" + path.replaceAll("\\{[^/}]+}", "([^/]+)") + "$");
        }

        private List<String> parameterNames() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^/}]+)}").matcher(path);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /**
         * The path parameters, decoded, if {@code requestPath} (as sent, percent-encoded) matches this route, else
         * null. A parameter that is not valid percent-encoded UTF-8 is MALFORMED_REQUEST.
         */
        public Map<String, String> match(String requestMethod, String requestPath) {
            if (!method.equals(requestMethod)) {
                return null;
            }
            Matcher m = pattern().matcher(requestPath);
            if (!m.matches()) {
                return null;
            }
            Map<String, String> params = new java.util.LinkedHashMap<>();
            List<String> names = parameterNames();
            for (int i = 0; i < names.size(); i++) {
                params.put(names.get(i), decodeSegment(m.group(i + 1)));
            }
            return params;
        }
    }

    /**
     * A path segment as API Gateway hands it to a function: percent-decoded, {@code +} kept as it is (that is the
     * query string's space, not the path's). Anything but printable ASCII and {@code %XX} escapes of UTF-8 is refused:
     * a path that cannot be decoded cannot name anything.
     */
    static String decodeSegment(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw malformedPath();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > ' ' && c < 0x7f) {
                bytes.write(c);
            } else {
                throw malformedPath();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformedPath();
        }
    }

    private static RosterException malformedPath() {
        return new RosterException(ErrorCode.MALFORMED_REQUEST, "The request path is not valid percent-encoded UTF-8.");
    }

    /** A function run by an EventBridge schedule. */
    public record ScheduledDef(String function, String handler) {
    }

    private TemplateRoutes() {
    }

    public static List<RouteDef> load(Path template) throws IOException {
        List<RouteDef> routes = new ArrayList<>();
        events(read(template), "HttpApi", (function, handler, p) -> {
            @SuppressWarnings("unchecked")
            Object auth = ((Map<String, Object>) p.getOrDefault("Auth", Map.of())).get("Authorizer");
            routes.add(new RouteDef(function, String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT),
                    String.valueOf(p.get("Path")), handler, !"NONE".equals(auth)));
        });
        return routes;
    }

    /** Functions template.yaml runs from the table's stream, by logical id, with their handler classes. */
    public static List<ScheduledDef> streamed(Path template) throws IOException {
        List<ScheduledDef> functions = new ArrayList<>();
        events(read(template), "DynamoDB", (function, handler, p) -> functions.add(new ScheduledDef(function, handler)));
        return functions;
    }

    public static List<ScheduledDef> scheduled(Path template) throws IOException {
        List<ScheduledDef> functions = new ArrayList<>();
        events(read(template), "Schedule", (function, handler, p) -> functions.add(new ScheduledDef(function, handler)));
        return functions;
    }

    /** Functions run by an EventBridge rule of template.yaml (SAM's EventBridgeRule event), by logical id. */
    public static List<ScheduledDef> ruled(Path template) throws IOException {
        List<ScheduledDef> functions = new ArrayList<>();
        events(read(template), "EventBridgeRule", (function, handler, p) -> functions.add(new ScheduledDef(function, handler)));
        return functions;
    }

    private interface EventVisitor {
        void visit(String function, String handler, Map<String, Object> properties);
    }

    /** The template as YAML maps and lists. */
    static Map<String, Object> read(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static void events(Map<String, Object> root, String type, EventVisitor visitor) {
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) root.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of());
        Map<String, Object> resources = (Map<String, Object>) root.get("Resources");
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = (Map<String, Object>) resource.getValue();
            if (!"AWS::Serverless::Function".equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> props = (Map<String, Object>) body.get("Properties");
            String handler = String.valueOf(props.getOrDefault("Handler", globals.get("Handler"))).replaceAll("::.*$", "");
            Map<String, Object> events = (Map<String, Object>) props.getOrDefault("Events", Map.of());
            for (Object e : events.values()) {
                Map<String, Object> event = (Map<String, Object>) e;
                if (type.equals(event.get("Type"))) {
                    visitor.visit(resource.getKey(), handler, (Map<String, Object>) event.getOrDefault("Properties", Map.of()));
                }
            }
        }
    }
}
