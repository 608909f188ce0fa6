package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Pins the lists table that the infrastructure declares: generic string keys, no index, the API actions used. */
class ListTableSchemaTest {
    private final CreateTableRequest request = ListTableSchema.createTableRequest("tasks-lists");

    @Test
    void theTableIsKeyedByPkThenSkWithoutIndexesAndBilledOnDemand() {
        assertThat(request.tableName()).isEqualTo("tasks-lists");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
        assertThat(request.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk");
        assertThat(request.attributeDefinitions()).extracting(AttributeDefinition::attributeType)
                .containsOnly(ScalarAttributeType.S);
        assertThat(request.globalSecondaryIndexes()).isEmpty();
        assertThat(ListTableSchema.keyAttributeTypes()).containsOnlyKeys("pk", "sk");
    }

    @Test
    void invitationsExpireByTheirOwnAttribute() {
        assertThat(ListTableSchema.timeToLiveAttribute()).isEqualTo("expires_at");
    }

    @Test
    void theRepositoriesNeedItemCallsBatchesAndQueriesButNeverAScan() {
        assertThat(ListTableSchema.operationsUsed())
                .containsExactlyInAnyOrder("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem",
                        "BatchWriteItem")
                .doesNotContain("Scan");
    }
}
