package dev.roster.core.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.List;
import java.util.stream.Stream;

/**
 * The table as template.yaml declares it, for the local API and the tests (a test keeps the two in step).
 */
public final class TableDefinition {

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Stream.of(Keys.PK, Keys.SK, Keys.GSI1PK, Keys.GSI1SK, Keys.GSI2PK, Keys.GSI2SK,
                                Keys.GSI3PK, Keys.GSI3SK)
                        .map(name -> AttributeDefinition.builder().attributeName(name)
                                .attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(key(Keys.PK, Keys.SK))
                .globalSecondaryIndexes(index(Keys.GSI1, Keys.GSI1PK, Keys.GSI1SK),
                        index(Keys.GSI2, Keys.GSI2PK, Keys.GSI2SK),
                        index(Keys.GSI3, Keys.GSI3PK, Keys.GSI3SK))
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(pk, sk))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
    }

    private static List<KeySchemaElement> key(String pk, String sk) {
        return List.of(KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build());
    }
}
