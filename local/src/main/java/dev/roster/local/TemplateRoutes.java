package dev.roster.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

        /** The path parameters if {@code requestPath} matches this route, else null. */
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
                params.put(names.get(i), java.net.URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return params;
        }
    }

    private TemplateRoutes() {
    }

    @SuppressWarnings("unchecked")
    public static List<RouteDef> load(Path template) throws IOException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(template)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) root.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of());
        Map<String, Object> resources = (Map<String, Object>) root.get("Resources");
        List<RouteDef> routes = new ArrayList<>();
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
                if (!"HttpApi".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> p = (Map<String, Object>) event.get("Properties");
                Object auth = ((Map<String, Object>) p.getOrDefault("Auth", Map.of())).get("Authorizer");
                routes.add(new RouteDef(resource.getKey(), String.valueOf(p.get("Method")).toUpperCase(),
                        String.valueOf(p.get("Path")), handler, !"NONE".equals(auth)));
            }
        }
        return routes;
    }
}
