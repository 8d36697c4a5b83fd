package dev.roster.runtime;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions of template.yaml as Lambda would run them once the stack is deployed: handler string, code, memory,
 * timeout and environment, with Globals applied and every intrinsic in the environment resolved against the
 * parameters and resources of one imagined deployment. No secret is resolved into an environment: functions read
 * their secrets at run time, and a dynamic reference in an environment is refused.
 */
public final class TemplateFunctions {

    /** One AWS::Serverless::Function as deployed. */
    public record Function(String logicalId, String handler, Path codeUri, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment) {
    }

    /**
     * What the deployment resolves intrinsics to.
     *
     * @param parameters values of the template's parameters (defaults fill the rest)
     * @param resources  what {@code Ref} of a resource (a table, a bus) answers
     */
    public record Deployment(Map<String, String> parameters, Map<String, String> resources) {
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    private static final String DYNAMIC_REFERENCE = "{{resolve:";

    private final Map<String, Object> root;
    private final Deployment deployment;

    private TemplateFunctions(Map<String, Object> root, Deployment deployment) {
        this.root = root;
        this.deployment = deployment;
    }

    public static List<Function> load(Path template, Deployment deployment) throws IOException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(template)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        return new TemplateFunctions(root, deployment).functions(template.toAbsolutePath().getParent());
    }

    private List<Function> functions(Path projectRoot) {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        for (Map.Entry<String, Object> resource : map(root.get("Resources")).entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!"AWS::Serverless::Function".equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> props = map(body.get("Properties"));
            Map<String, String> environment = new LinkedHashMap<>();
            environment(globals).forEach((k, v) -> environment.put(k, resolve(v)));
            environment(props).forEach((k, v) -> environment.put(k, resolve(v)));
            functions.add(new Function(resource.getKey(), String.valueOf(setting(props, globals, "Handler")),
                    projectRoot.resolve(String.valueOf(setting(props, globals, "CodeUri"))),
                    Integer.parseInt(String.valueOf(setting(props, globals, "MemorySize"))),
                    Integer.parseInt(String.valueOf(setting(props, globals, "Timeout"))), environment));
        }
        return functions;
    }

    private static Object setting(Map<String, Object> props, Map<String, Object> globals, String name) {
        Object value = props.getOrDefault(name, globals.get(name));
        if (value == null) {
            throw new IllegalStateException("template.yaml sets no " + name + " for a function");
        }
        return value;
    }

    private static Map<String, Object> environment(Map<String, Object> props) {
        return map(map(props.get("Environment")).get("Variables"));
    }

    /** A value of the environment: a literal, Ref, Fn::Sub (with dynamic references), Fn::If. */
    private String resolve(Object value) {
        if (value instanceof String s) {
            return noDynamicReference(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            return ref(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::Sub")) {
            Matcher m = SUB.matcher(String.valueOf(intrinsic.get("Fn::Sub")));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(ref(m.group(1))));
            }
            m.appendTail(out);
            return noDynamicReference(out.toString());
        }
        if (intrinsic.containsKey("Fn::If")) {
            List<?> branches = (List<?>) intrinsic.get("Fn::If");
            return resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
        }
        throw new IllegalStateException("cannot resolve " + value);
    }

    private String ref(String name) {
        if (deployment.parameters().containsKey(name)) {
            return deployment.parameters().get(name);
        }
        Map<String, Object> parameter = map(map(root.get("Parameters")).get(name));
        if (parameter.containsKey("Default")) {
            return String.valueOf(parameter.get("Default"));
        }
        if (deployment.resources().containsKey(name)) {
            return deployment.resources().get(name);
        }
        throw new IllegalStateException("the deployment gives no value for " + name);
    }

    /** A dynamic reference would put a secret into the environment, where no secret belongs. */
    private static String noDynamicReference(String text) {
        if (text.contains(DYNAMIC_REFERENCE)) {
            throw new IllegalStateException("template.yaml resolves " + text + " into a function's environment; "
                    + "functions read secrets at run time");
        }
        return text;
    }

    private boolean condition(String name) {
        Object definition = map(root.get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalStateException("no condition " + name);
        }
        return evaluate(definition);
    }

    private boolean evaluate(Object condition) {
        Map<String, Object> c = map(condition);
        if (c.containsKey("Fn::Equals")) {
            List<?> sides = (List<?>) c.get("Fn::Equals");
            return resolve(sides.get(0)).equals(resolve(sides.get(1)));
        }
        if (c.containsKey("Fn::Not")) {
            return !evaluate(((List<?>) c.get("Fn::Not")).get(0));
        }
        if (c.containsKey("Fn::And")) {
            return ((List<?>) c.get("Fn::And")).stream().allMatch(this::evaluate);
        }
        if (c.containsKey("Fn::Or")) {
            return ((List<?>) c.get("Fn::Or")).stream().anyMatch(this::evaluate);
        }
        if (c.containsKey("Condition")) {
            return condition(String.valueOf(c.get("Condition")));
        }
        throw new IllegalStateException("cannot evaluate " + condition);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
