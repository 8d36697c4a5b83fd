package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The floor every function is measured against: no framework, the same SDK client and HTTP client, one GetItem
 * of an org, built in the constructor as the functions build theirs (its endpoint from AWS_ENDPOINT_URL_DYNAMODB).
 */
public class FloorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final String table = System.getenv("ROSTER_TABLE");
    private final String orgId = System.getenv("BENCH_ORG_ID");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("ORG#" + orgId), "SK", AttributeValue.fromS("ORG")))).item();
        return Map.of("statusCode", item == null || item.isEmpty() ? 404 : 200);
    }
}
