package dev.roster.runtime;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records every AWS request a function makes, inside the function's own JVM: {@link FunctionPoliciesIT} copies this
 * class and a {@code software/amazon/awssdk/global/handlers/execution.interceptors} file naming it into a copy of the
 * function's task root, so the SDK attaches it to every client the function builds; the deployable jar is unchanged.
 *
 * <p>One line per request, tab-separated, appended to the file {@code ROSTER_AWS_CALL_LOG} names: the SDK's service
 * and operation names, then the request's fields that decide which IAM resources the call needs
 * ({@code TableName}, {@code IndexName}, a transaction item's kind and table, a sender, a configuration set, a bus),
 * then, for DynamoDB, a second line with the capacity the call consumed. It only asks DynamoDB to report capacity
 * ({@code ReturnConsumedCapacity=TOTAL}, which needs no permission); nothing else about a request changes.
 *
 * <p>Only SDK core types are used, so it loads in every function's task root whatever clients the function has.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    public static final String LOG_VARIABLE = "ROSTER_AWS_CALL_LOG";
    private static final Set<String> RESOURCE_FIELDS = Set.of("TableName", "IndexName", "FromEmailAddress",
            "ConfigurationSetName", "EventBusName", "Name");
    private static final Set<String> SERVICES_WITH_NAME_FIELD = Set.of("EventBridge");

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!"DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return request;
        }
        try {
            Object builder = request.toBuilder();
            Method capacity = builder.getClass().getMethod("returnConsumedCapacity", String.class);
            capacity.setAccessible(true);
            capacity.invoke(builder, "TOTAL");
            Method build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            return (SdkRequest) build.invoke(builder);
        } catch (NoSuchMethodException notReported) {
            return request;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        List<String> fields = new ArrayList<>();
        fields(context.request(), "", service, fields);
        write("call\t" + service + "\t" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + (fields.isEmpty() ? "" : "\t" + String.join("\t", fields)));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if ("DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            write("capacity\t" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + "\t"
                    + units(context.response()));
        }
    }

    /** The resource-deciding fields, named by their path: {@code TransactItems.Put.TableName=roster}. */
    private static void fields(Object value, String path, String service, List<String> out) {
        if (!(value instanceof SdkPojo pojo)) {
            return;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            Object member = field.getValueOrDefault(pojo);
            String name = field.memberName();
            String at = path.isEmpty() ? name : path + "." + name;
            if (member instanceof String s && RESOURCE_FIELDS.contains(name)
                    && (!name.equals("Name") || SERVICES_WITH_NAME_FIELD.contains(service))) {
                out.add(at + "=" + s);
            } else if (member instanceof SdkPojo) {
                fields(member, at, service, out);
            } else if (member instanceof List<?> list) {
                for (Object element : list) {
                    fields(element, at, service, out);
                }
            } else if (member instanceof Map<?, ?> map && name.equals("RequestItems")) {
                map.keySet().forEach(table -> out.add(at + ".TableName=" + table));
            }
        }
    }

    /** The {@code CapacityUnits} of a response's {@code ConsumedCapacity} (one or a list), 0 when not reported. */
    private static double units(Object response) {
        if (!(response instanceof SdkPojo pojo)) {
            return 0;
        }
        double total = 0;
        for (SdkField<?> field : pojo.sdkFields()) {
            if (!field.memberName().equals("ConsumedCapacity")) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            for (Object capacity : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                for (SdkField<?> f : ((SdkPojo) capacity).sdkFields()) {
                    if (f.memberName().equals("CapacityUnits") && f.getValueOrDefault(capacity) instanceof Double d) {
                        total += d;
                    }
                }
            }
        }
        return total;
    }

    private static synchronized void write(String line) {
        String file = System.getenv(LOG_VARIABLE);
        if (file == null) {
            return;
        }
        try {
            Files.write(Path.of(file), (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
