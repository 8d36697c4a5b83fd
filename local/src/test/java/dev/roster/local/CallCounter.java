package dev.roster.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the DynamoDB operations the application's SDK client performs, by operation name. */
final class CallCounter implements ExecutionInterceptor {

    static final Set<String> WRITES = Set.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger itemsRead = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if ("DynamoDb".equalsIgnoreCase(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query) {
            itemsRead.addAndGet(query.scannedCount());
        }
    }

    void reset() {
        counts.clear();
        itemsRead.set(0);
    }

    /** Items DynamoDB evaluated for the queries since the last reset: what a query pays for. */
    int itemsRead() {
        return itemsRead.get();
    }

    /** Operation name to count, sorted, for readable assertion messages. */
    Map<String, Integer> counts() {
        Map<String, Integer> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    int writes() {
        return counts().entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }
}
