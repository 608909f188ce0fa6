package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Pins the table design that the infrastructure declares: keys, indexes, billing and the API actions used. */
class TaskTableSchemaTest {
    private final CreateTableRequest request = TaskTableSchema.createTableRequest("tasks");

    @Test
    void theTableIsKeyedByOwnerThenIdAndBilledOnDemand() {
        assertThat(request.tableName()).isEqualTo("tasks");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("owner").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("id").keyType(KeyType.RANGE).build());
    }

    @Test
    void onlyKeyAttributesAreDefinedAndAllAreStrings() {
        assertThat(request.attributeDefinitions())
                .extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("owner", "id", "owner_status", "owner_priority", "owner_status_priority",
                        "due_key", "scope", "assignee");
        assertThat(request.attributeDefinitions())
                .extracting(AttributeDefinition::attributeType)
                .containsOnly(ScalarAttributeType.S);
    }

    @Test
    void eachKeyedListingHasAnIndexThatProjectsEverything() {
        assertThat(TaskTableSchema.indexKeys()).containsExactly(
                Map.entry("status-index", List.of("owner_status", "id")),
                Map.entry("priority-index", List.of("owner_priority", "id")),
                Map.entry("status-priority-index", List.of("owner_status_priority", "id")),
                Map.entry("due-index", List.of("owner", "due_key")),
                Map.entry("status-due-index", List.of("owner_status", "due_key")),
                Map.entry("list-index", List.of("scope", "id")),
                Map.entry("list-due-index", List.of("scope", "due_key")),
                Map.entry("assignee-index", List.of("assignee", "id")));
        for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            assertThat(index.provisionedThroughput()).isNull();
            assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName)
                    .isEqualTo(TaskTableSchema.indexKeys().get(index.indexName()));
            assertThat(index.keySchema()).extracting(KeySchemaElement::keyType)
                    .containsExactly(KeyType.HASH, KeyType.RANGE);
        }
        assertThat(request.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactlyElementsOf(TaskTableSchema.indexKeys().keySet());
    }

    @Test
    void theRepositoryNeedsItemCallsBatchesAndQueriesButNeverAScan() {
        assertThat(TaskTableSchema.operationsUsed())
                .containsExactlyInAnyOrder("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem",
                        "BatchWriteItem")
                .doesNotContain("Scan");
    }

    @Test
    void keyAttributeTypesCoverTheTableAndEveryIndex() {
        assertThat(TaskTableSchema.keyAttributeTypes()).containsOnlyKeys(
                "owner", "id", "owner_status", "owner_priority", "owner_status_priority", "due_key", "scope",
                "assignee");
        assertThat(TaskTableSchema.keyAttributeTypes().values()).containsOnly("S");
    }
}
