package dev.roster.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** Reads audit items straight from the table, for tests that check what a change recorded. */
final class AuditLog {

    private AuditLog() {
    }

    static List<Map<String, AttributeValue>> entries(LocalApi local, String orgId, String action) {
        DynamoDbClient dynamo = local.context().getBean(DynamoDbClient.class);
        String table = local.context().getBean(dev.roster.core.config.RosterSettings.class).table();
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :audit)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORG#" + orgId),
                                ":audit", AttributeValue.fromS("AUDIT#"))))
                .items().stream().filter(i -> action == null || action.equals(i.get("action").s())).toList();
    }
}
