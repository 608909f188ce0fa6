package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.AttachmentNotFoundException;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Proves the requests of the attachment repository and their outcomes against a stub client, without a network. */
class DynamoDbAttachmentRepositoryTest {
    private static final String TASK_ID = "0190a5c2-7d3e-7f00-8000-0000000000a7";
    private static final long T0 = 1_800_000_000L;

    private final StubDynamoDbClient client = new StubDynamoDbClient();
    private final DynamoDbAttachmentRepository repository = new DynamoDbAttachmentRepository(client, "tasks");
    /** The items the stub's queries answer with, as a test sets them. */
    private final List<Map<String, AttributeValue>> stored = new ArrayList<>();

    DynamoDbAttachmentRepositoryTest() {
        client.query = r -> QueryResponse.builder().items(List.copyOf(stored)).build();
    }

    private static Attachment attachment(int n) {
        return new Attachment(String.format("0190a5c2-7d3e-7f00-8000-0000000000%02d", n), TASK_ID, "f" + n + ".pdf",
                "application/pdf", 10, AttachmentStatus.PENDING, T0, new UserId("ann"));
    }

    private void storeIn(int slot, Attachment attachment) {
        stored.add(AttachmentItemMapper.toItem(attachment, AttachmentItemMapper.slotId(slot, 20)));
    }

    private static ConditionalCheckFailedException conditionFailed() {
        return ConditionalCheckFailedException.builder().message("The conditional request failed").build();
    }

    @Test
    void anAddReadsTheSlotsConsistentlyAndPutsIntoTheLowestFreeOneOnConditionThatItIsFree() {
        storeIn(0, attachment(1));
        storeIn(2, attachment(2));

        repository.add(attachment(3), 20);

        QueryRequest query = client.requestsOf(QueryRequest.class).get(0);
        assertThat(query.consistentRead()).isTrue();
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.indexName()).isNull();
        assertThat(query.expressionAttributeValues().get(":partition").s()).isEqualTo("attachments:" + TASK_ID);
        PutItemRequest put = client.requestsOf(PutItemRequest.class).get(0);
        assertThat(put.item().get("id").s()).isEqualTo("slot#01");
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#id)");
        assertThat(put.expressionAttributeNames()).containsEntry("#id", "id");
        assertThat(client.requests).hasSize(2);
    }

    @Test
    void anAddThatLosesItsSlotReadsAgainAndTakesTheNextFreeOne() {
        storeIn(0, attachment(1));
        client.putItem = r -> {
            if (client.requestsOf(PutItemRequest.class).size() == 1) {
                storeIn(1, attachment(2));
                throw conditionFailed();
            }
            return PutItemResponse.builder().build();
        };

        repository.add(attachment(3), 20);

        assertThat(client.requestsOf(PutItemRequest.class)).extracting(put -> put.item().get("id").s())
                .containsExactly("slot#01", "slot#02");
        assertThat(client.requestsOf(QueryRequest.class)).hasSize(2);
    }

    @Test
    void anAddWhoseOwnEarlierAttemptLandedSucceedsWithoutAnotherWrite() {
        client.putItem = r -> {
            // The SDK retried after a lost answer: the first attempt stored it, the retry found the slot taken.
            stored.add(r.item());
            throw conditionFailed();
        };

        repository.add(attachment(1), 20);

        assertThat(client.requestsOf(PutItemRequest.class)).hasSize(1);
        assertThat(client.requestsOf(QueryRequest.class)).hasSize(2);
    }

    @Test
    void aFullTaskRefusesAnAddWithoutWriting() {
        for (int slot = 0; slot < 3; slot++) {
            storeIn(slot, attachment(slot + 1));
        }

        assertThatThrownBy(() -> repository.add(attachment(9), 3))
                .isInstanceOf(AttachmentConflictException.class)
                .hasMessage("A task can have at most 3 attachments: delete one first");
        assertThat(client.requestsOf(PutItemRequest.class)).isEmpty();
    }

    @Test
    void aTaskAboveALoweredLimitGetsNoMoreEvenWithFreeSlotsBelowIt() {
        storeIn(5, attachment(1));
        storeIn(7, attachment(2));

        assertThatThrownBy(() -> repository.add(attachment(9), 2)).isInstanceOf(AttachmentConflictException.class);
        assertThat(client.requestsOf(PutItemRequest.class)).isEmpty();
    }

    @Test
    void anAddThatKeepsLosingGivesUpAsContended() {
        client.putItem = r -> {
            throw conditionFailed();
        };

        assertThatThrownBy(() -> repository.add(attachment(1), 3))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("contended"));
        assertThat(client.requestsOf(PutItemRequest.class))
                .hasSize(3 + 1 + DynamoDbAttachmentRepository.EXTRA_ATTEMPTS);
    }

    @Test
    void markAvailableUpdatesTheSlotThatHoldsTheAttachmentOnConditionThatItStillDoes() {
        storeIn(0, attachment(1));
        storeIn(4, attachment(2));

        repository.markAvailable(attachment(2).available());

        UpdateItemRequest update = client.requestsOf(UpdateItemRequest.class).get(0);
        assertThat(update.key()).isEqualTo(AttachmentItemMapper.slotKey(TASK_ID, "slot#04"));
        assertThat(update.conditionExpression()).isEqualTo("#attachmentId = :id");
        assertThat(update.updateExpression()).isEqualTo("SET #status = :available REMOVE #expires");
        assertThat(update.expressionAttributeNames()).containsEntry("#expires", "expires_at")
                .containsEntry("#status", "status").containsEntry("#attachmentId", "attachment_id");
        assertThat(update.expressionAttributeValues().get(":id").s()).isEqualTo(attachment(2).id());
        assertThat(update.expressionAttributeValues().get(":available").s()).isEqualTo("available");
    }

    @Test
    void anAttachmentGoneBeforeOrDuringAWriteIsNotFound() {
        assertThatThrownBy(() -> repository.markAvailable(attachment(1).available()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(TASK_ID, attachment(1).id()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThat(client.requestsOf(UpdateItemRequest.class)).isEmpty();
        assertThat(client.requestsOf(DeleteItemRequest.class)).isEmpty();

        storeIn(0, attachment(1));
        client.updateItem = r -> {
            throw conditionFailed();
        };
        client.deleteItem = r -> {
            throw conditionFailed();
        };
        assertThatThrownBy(() -> repository.markAvailable(attachment(1).available()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(TASK_ID, attachment(1).id()))
                .isInstanceOf(AttachmentNotFoundException.class);
    }

    @Test
    void deleteRemovesTheSlotOnConditionThatItStillHoldsTheAttachment() {
        storeIn(3, attachment(1));

        repository.delete(TASK_ID, attachment(1).id());

        DeleteItemRequest delete = client.requestsOf(DeleteItemRequest.class).get(0);
        assertThat(delete.key()).isEqualTo(AttachmentItemMapper.slotKey(TASK_ID, "slot#03"));
        assertThat(delete.conditionExpression()).isEqualTo("#attachmentId = :id");
        assertThat(delete.expressionAttributeValues().get(":id").s()).isEqualTo(attachment(1).id());
    }

    @Test
    void readsSortByAttachmentIdWhateverTheSlotsAndGoOnAcrossACutResponse() {
        storeIn(0, attachment(3));
        storeIn(1, attachment(1));
        storeIn(2, attachment(2));
        client.query = r -> !r.hasExclusiveStartKey()
                ? QueryResponse.builder().items(stored.subList(0, 2)).lastEvaluatedKey(
                        AttachmentItemMapper.keyOf(stored.get(1))).build()
                : QueryResponse.builder().items(stored.subList(2, 3)).build();

        assertThat(repository.all(TASK_ID)).containsExactly(attachment(1), attachment(2), attachment(3));
        assertThat(repository.find(TASK_ID, attachment(2).id())).contains(attachment(2));
        assertThat(repository.list(TASK_ID, 2, attachment(1).id()).items())
                .containsExactly(attachment(2), attachment(3));
    }

    @Test
    void malformedArgumentsAreRefusedOrFindNothingWithoutARequest() {
        assertThatThrownBy(() -> repository.list(TASK_ID, 10, "slot#01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.list(TASK_ID, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.add(attachment(1), 0)).isInstanceOf(IllegalArgumentException.class);
        String unstorable = "x".repeat(3000);
        assertThat(repository.find(unstorable, attachment(1).id())).isEmpty();
        assertThat(repository.all("")).isEmpty();
        assertThatThrownBy(() -> repository.delete(unstorable, attachment(1).id()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThat(client.requests).isEmpty();
    }

    @Test
    void aThrottledEngineIsAnUnavailableStore() {
        client.failingWith(ProvisionedThroughputExceededException.builder().message("slow down").build());

        assertThatThrownBy(() -> repository.add(attachment(1), 20))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("throttled"));
        assertThatThrownBy(() -> repository.all(TASK_ID)).isInstanceOf(StoreUnavailableException.class);
    }
}
