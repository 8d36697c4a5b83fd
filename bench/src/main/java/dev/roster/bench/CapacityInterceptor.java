package dev.roster.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the DynamoDB requests of an invocation and the capacity they consumed, asking DynamoDB to report it.
 * The SDK attaches it to every client through {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * on the benchmark's classpath; the function jars themselves carry nothing of it.
 */
public final class CapacityInterceptor implements ExecutionInterceptor {

    private static final Map<String, Integer> REQUESTS = new TreeMap<>();
    private static double capacity;

    static synchronized void reset() {
        REQUESTS.clear();
        capacity = 0;
    }

    static synchronized String summary() {
        StringBuilder s = new StringBuilder();
        REQUESTS.forEach((op, n) -> s.append(s.isEmpty() ? "" : "+").append(n).append('x').append(op));
        return (s.isEmpty() ? "none" : s) + String.format("|%.1f", capacity);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        }
        if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        }
        if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        }
        if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    /** Counted before sending, so a request DynamoDB refuses (a cancelled transaction) counts too. */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String type = context.request().getClass().getName();
        if (type.startsWith("software.amazon.awssdk.services.dynamodb")) {
            synchronized (CapacityInterceptor.class) {
                REQUESTS.merge(context.request().getClass().getSimpleName().replace("Request", ""), 1, Integer::sum);
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        double units = 0;
        if (response instanceof GetItemResponse g) {
            units = units(g.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse b) {
            units = units(b.consumedCapacity());
        } else if (response instanceof QueryResponse q) {
            units = units(q.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse t) {
            units = units(t.consumedCapacity());
        } else if (response instanceof UpdateItemResponse u) {
            units = units(u.consumedCapacity());
        }
        synchronized (CapacityInterceptor.class) {
            capacity += units;
        }
    }

    private static double units(ConsumedCapacity c) {
        return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
    }

    private static double units(List<ConsumedCapacity> list) {
        return list == null ? 0 : list.stream().mapToDouble(CapacityInterceptor::units).sum();
    }
}
