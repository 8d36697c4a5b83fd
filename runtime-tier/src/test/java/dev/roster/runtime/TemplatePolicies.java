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
 * The permissions template.yaml gives each function's code, as IAM would evaluate them in one imagined deployment:
 * the function's {@code Policies} (inline statements and the stack's own {@code AWS::IAM::ManagedPolicy} resources it
 * references), every intrinsic resolved against the deployment's parameters, account, region and resource names.
 *
 * <p>What SAM attaches on its own is not read here, because the code does not use it: AWSLambdaBasicExecutionRole
 * (logs), AWSXrayWriteOnlyAccess ({@code Tracing: Active}), AWSLambdaDynamoDBExecutionRole (the stream's event source
 * mapping) and the {@code sqs:SendMessage} policies of dead-letter queues and the stream's failure destination.
 * A {@code Policies} entry of any other kind (an AWS managed policy, a SAM policy template) is refused, so a new kind
 * of grant cannot slip past the test that uses this.
 */
final class TemplatePolicies {

    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    /** One Allow statement: its Sid (or where it is), actions and resources, intrinsics resolved. */
    record Statement(String where, List<String> actions, List<String> resources) {
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> root;
    private final Map<String, String> parameters;
    private final Map<String, String> resourceNames;

    /**
     * @param parameters    the deployment's parameter values (defaults fill the rest)
     * @param resourceNames what {@code Ref} of a resource answers in this deployment (the table's and bus's names);
     *                      other resources answer their logical id
     */
    TemplatePolicies(Path template, Map<String, String> parameters, Map<String, String> resourceNames) throws IOException {
        try (Reader reader = Files.newBufferedReader(template)) {
            this.root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        this.parameters = parameters;
        this.resourceNames = resourceNames;
    }

    /** The Allow statements of a function's {@code Policies}. */
    List<Statement> statements(String functionLogicalId) {
        Map<String, Object> function = map(resources().get(functionLogicalId));
        if (!"AWS::Serverless::Function".equals(function.get("Type"))) {
            throw new IllegalArgumentException(functionLogicalId + " is no function of the template");
        }
        Map<String, Object> props = map(function.get("Properties"));
        if (props.containsKey("Role")) {
            throw new IllegalStateException(functionLogicalId + " names its own Role: read it here before trusting this test");
        }
        List<Statement> statements = new ArrayList<>();
        for (Object policy : list(props.get("Policies"))) {
            Map<String, Object> p = map(policy);
            if (p.containsKey("Statement")) {
                statements.addAll(document(functionLogicalId, p));
            } else if (p.containsKey("Ref") && "AWS::IAM::ManagedPolicy".equals(
                    map(resources().get(String.valueOf(p.get("Ref")))).get("Type"))) {
                String name = String.valueOf(p.get("Ref"));
                statements.addAll(document(name, map(map(map(resources().get(name)).get("Properties")).get("PolicyDocument"))));
            } else {
                throw new IllegalStateException(functionLogicalId + " has a policy this test cannot read: " + policy);
            }
        }
        return statements;
    }

    private List<Statement> document(String where, Map<String, Object> document) {
        List<Statement> statements = new ArrayList<>();
        for (Object raw : list(document.get("Statement"))) {
            Object resolved = resolve(raw);
            if (resolved == null) {
                continue; // a statement behind a condition that is false here
            }
            Map<String, Object> s = map(resolved);
            if (!"Allow".equals(s.get("Effect")) || s.containsKey("Condition") || s.containsKey("NotAction")
                    || s.containsKey("NotResource")) {
                throw new IllegalStateException(where + ": only plain Allow statements are understood here: " + s);
            }
            statements.add(new Statement(where + "/" + s.getOrDefault("Sid", "statement"),
                    strings(s.get("Action")), strings(s.get("Resource"))));
        }
        return statements;
    }

    /** Whether some statement allows {@code action} on {@code resource}. */
    static boolean allows(List<Statement> statements, String action, String resource) {
        return statements.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> glob(a, action, true))
                && s.resources().stream().anyMatch(r -> glob(r, resource, false)));
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; actions are case-insensitive. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    // --- intrinsics -------------------------------------------------------------------------------------------

    /** A value with every intrinsic resolved; {@code null} for AWS::NoValue, which lists drop. */
    private Object resolve(Object value) {
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                Object r = resolve(item);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        Map<String, Object> m = map(value);
        if (m.size() == 1) {
            String key = m.keySet().iterator().next();
            Object arg = m.get(key);
            switch (key) {
                case "Ref":
                    return "AWS::NoValue".equals(arg) ? null : ref(String.valueOf(arg));
                case "Fn::GetAtt": {
                    List<String> parts = arg instanceof String s ? List.of(s.split("\\.", 2)) : strings(arg);
                    return getAtt(parts.get(0), parts.get(1));
                }
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::If": {
                    List<?> branches = (List<?>) arg;
                    return resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
                }
                case "Fn::Select": {
                    List<?> a = (List<?>) arg;
                    return ((List<?>) resolve(a.get(1))).get(Integer.parseInt(String.valueOf(resolve(a.get(0)))));
                }
                case "Fn::Split": {
                    List<?> a = (List<?>) arg;
                    return List.of(String.valueOf(resolve(a.get(1))).split(Pattern.quote(String.valueOf(a.get(0))), -1));
                }
                case "Fn::Join": {
                    List<?> a = (List<?>) arg;
                    return String.join(String.valueOf(a.get(0)), strings(resolve(a.get(1))));
                }
                default:
                    if (key.startsWith("Fn::")) {
                        throw new IllegalStateException("unsupported intrinsic " + key);
                    }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            Object r = resolve(v);
            if (r != null) {
                out.put(k, r);
            }
        });
        return out;
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> a) {
            text = String.valueOf(a.get(0));
            variables = map(a.get(1));
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (variables.containsKey(name)) {
                value = String.valueOf(resolve(variables.get(name)));
            } else if (name.contains(".")) {
                String[] parts = name.split("\\.", 2);
                value = getAtt(parts[0], parts[1]);
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Partition":
                return PARTITION;
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return "roster";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Map<String, Object> parameter = map(map(root.get("Parameters")).get(name));
        if (!parameter.isEmpty()) {
            if (!parameter.containsKey("Default")) {
                throw new IllegalStateException("the deployment gives no value for the parameter " + name);
            }
            return String.valueOf(parameter.get("Default"));
        }
        if (!resources().containsKey(name)) {
            throw new IllegalStateException("no parameter or resource " + name);
        }
        return resourceNames.getOrDefault(name, name);
    }

    private String getAtt(String resource, String attribute) {
        String type = String.valueOf(map(resources().get(resource)).get("Type"));
        String name = ref(resource);
        String prefix = "arn:" + PARTITION + ":";
        String scope = ":" + REGION + ":" + ACCOUNT + ":";
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> prefix + "dynamodb" + scope + "table/" + name;
            case "AWS::DynamoDB::Table.StreamArn" -> prefix + "dynamodb" + scope + "table/" + name + "/stream/2026-11-29T00:00:00.000";
            case "AWS::Events::EventBus.Arn" -> prefix + "events" + scope + "event-bus/" + name;
            case "AWS::SQS::Queue.Arn" -> prefix + "sqs" + scope + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            default -> throw new IllegalStateException("unsupported Fn::GetAtt " + resource + "." + attribute + " (" + type + ")");
        };
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
            return String.valueOf(resolve(sides.get(0))).equals(String.valueOf(resolve(sides.get(1))));
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

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof List<?> nested) {
                    nested.forEach(n -> out.add(String.valueOf(n)));
                } else {
                    out.add(String.valueOf(o));
                }
            }
            return out;
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
