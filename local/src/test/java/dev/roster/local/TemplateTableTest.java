package dev.roster.local;

import dev.roster.core.store.Keys;
import dev.roster.core.store.TableDefinition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table the local API and tests create is the table template.yaml deploys. */
class TemplateTableTest {

    @Test
    @SuppressWarnings("unchecked")
    void templateTableMatchesTheTableDefinition() throws Exception {
        Map<String, Object> template = TemplateRoutes.read(Path.of("..", "template.yaml"));
        Map<String, Object> table = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                template.get("Resources")).get("Table")).get("Properties");
        CreateTableRequest code = TableDefinition.createTableRequest("t");

        assertEquals(code.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                        .collect(Collectors.toSet()),
                ((List<Map<String, String>>) table.get("AttributeDefinitions")).stream()
                        .map(a -> a.get("AttributeName") + ":" + a.get("AttributeType")).collect(Collectors.toSet()));
        assertEquals(code.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList(),
                keys((List<Map<String, String>>) table.get("KeySchema")));
        Map<String, List<String>> templateIndexes = ((List<Map<String, Object>>) table.get("GlobalSecondaryIndexes")).stream()
                .collect(Collectors.toMap(i -> (String) i.get("IndexName"),
                        i -> keys((List<Map<String, String>>) i.get("KeySchema"))));
        Map<String, List<String>> codeIndexes = code.globalSecondaryIndexes().stream().collect(Collectors.toMap(
                i -> i.indexName(), i -> i.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList()));
        assertEquals(codeIndexes, templateIndexes);
        assertEquals(code.streamSpecification().streamViewTypeAsString(),
                ((Map<String, Object>) table.get("StreamSpecification")).get("StreamViewType"));
        assertEquals(Keys.TTL, ((Map<String, Object>) table.get("TimeToLiveSpecification")).get("AttributeName"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
    }

    private static List<String> keys(List<Map<String, String>> schema) {
        return schema.stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
    }
}
