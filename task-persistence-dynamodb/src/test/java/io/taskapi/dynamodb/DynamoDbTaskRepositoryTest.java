package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Proves the requests the repository sends and how it translates every kind of DynamoDB failure, without network. */
class DynamoDbTaskRepositoryTest {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final String LIST_ID = "0190a5c2-7d3e-7f00-8000-000000000001";
    private static final TaskScope LIST = new TaskScope.InList(LIST_ID);
    private static final String TABLE = "tasks";
    private static final String ID = "01890a5d-ac96-774b-bcce-b302099a8057";
    private static final String COMMENT_ID = "0190a5c2-7d3e-7f00-8000-0000000000c1";
    private static final UserId ANN = new UserId("ann");
    private static final List<String> RESERVED_NAMES = List.of("owner", "status", "version");

    private final StubDynamoDbClient client = new StubDynamoDbClient();
    private final DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, TABLE);
    private final Task task = aTask().withId(ID).withVersion(2).build();
    /** {@link #task} with another text: a change of the task {@code aTask().withId(ID)} builds. */
    private final Task edited = aTask().withId(ID).withText("Deploy it twice").withVersion(2).build();

    // --- request shapes ---

    @Test
    void createIsOnePutThatNeverOverwrites() {
        repository.create(ALICE, task);

        PutItemRequest put = single(PutItemRequest.class);
        assertThat(put.tableName()).isEqualTo(TABLE);
        assertThat(put.item()).isEqualTo(TaskItemMapper.toItem(ALICE, task));
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#id)");
        assertThat(put.expressionAttributeNames()).containsEntry("#id", "id");
    }

    @Test
    void findIsAStronglyConsistentGetByOwnerAndId() {
        client.getItem = r -> GetItemResponse.builder().item(TaskItemMapper.toItem(ALICE, task)).build();

        assertThat(repository.find(ALICE, ID)).contains(task);

        GetItemRequest get = single(GetItemRequest.class);
        assertThat(get.consistentRead()).isTrue();
        assertThat(get.key()).isEqualTo(TaskItemMapper.key(ALICE, ID));
    }

    @Test
    void replaceReadsTheTaskThenPutsItOnExistenceVersionAndItsLatestEntry() {
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).build())));

        repository.replace(ALICE, task, 1);

        assertThat(single(GetItemRequest.class).consistentRead()).isTrue();
        PutItemRequest put = single(PutItemRequest.class);
        assertThat(put.item()).as("no entry recorded, none held").isEqualTo(TaskItemMapper.toItem(ALICE, task));
        assertThat(put.conditionExpression())
                .isEqualTo("attribute_exists(#id) AND #version = :expected AND attribute_not_exists(#log)");
        assertThat(put.expressionAttributeNames()).containsEntry("#id", "id").containsEntry("#version", "version")
                .containsEntry("#log", "log_seq");
        assertThat(put.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("1"));
        assertThat(put.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertNoReservedWordInExpressions(put.conditionExpression());
    }

    @Test
    void aChangeIsCommittedAsTheTaskItemsNextEntryAndThenMaterialized() {
        Task before = aTask().withId(ID).build();
        taskReadsAnswer(Arrays.asList(withLatest(TaskItemMapper.toItem(ALICE, before), created(before))));
        Activity change = Activity.changed(before, edited, ANN).orElseThrow();

        repository.replace(ALICE, edited, 1, change);

        List<PutItemRequest> puts = client.requestsOf(PutItemRequest.class);
        assertThat(puts).hasSize(2);
        assertThat(puts.get(0).conditionExpression())
                .isEqualTo("attribute_exists(#id) AND #version = :expected AND #log = :log");
        assertThat(puts.get(0).expressionAttributeValues()).containsEntry(":log", AttributeValue.fromN("1"));
        LoggedEntry second = new LoggedEntry(new ActivityEntry(2, change), null);
        assertThat(puts.get(0).item()).containsEntry("log_seq", AttributeValue.fromN("2"))
                .containsEntry("log_entry", HistoryItemMapper.logEntry(second));
        assertThat(puts.get(1).item()).as("the entry's own item, after the commit")
                .isEqualTo(HistoryItemMapper.activityItem(ID, "alice", second.entry()));
        assertThat(historyReads()).as("whether entry 1 is materialized").hasSize(1);
    }

    @Test
    void aLatestEntryNotYetMaterializedIsMaterializedBeforeTheNextIsCommitted() {
        Task before = aTask().withId(ID).build();
        taskReadsAnswer(Arrays.asList(withLatest(TaskItemMapper.toItem(ALICE, before), created(before))));
        client.getItem = materialized(client.getItem, false);

        repository.replace(ALICE, edited, 1, Activity.changed(before, edited, ANN).orElseThrow());

        List<PutItemRequest> puts = client.requestsOf(PutItemRequest.class);
        assertThat(puts).extracting(put -> put.item().get("id").s())
                .containsExactly("a#0000000000000000001", ID, "a#0000000000000000002");
        assertThat(puts.get(0).item()).isEqualTo(HistoryItemMapper.activityItem(ID, "alice", created(before).entry()));
    }

    @Test
    void aReplaceWithoutAChangeKeepsTheLatestEntryAsRead() {
        Task before = aTask().withId(ID).build();
        Map<String, AttributeValue> stored = withLatest(TaskItemMapper.toItem(ALICE, before), created(before));
        taskReadsAnswer(Arrays.asList(stored));

        repository.replace(ALICE, task, 1, null);

        PutItemRequest put = single(PutItemRequest.class);
        assertThat(put.item()).containsEntry("log_seq", stored.get("log_seq"))
                .containsEntry("log_entry", stored.get("log_entry"));
        assertThat(put.expressionAttributeValues()).containsEntry(":log", AttributeValue.fromN("1"));
    }

    @Test
    void aCommentIsOneUpdateOfTheLogThatLeavesTheTasksVersionAndUpdateTimeAlone() {
        client.batchGetItem = r -> BatchGetItemResponse.builder()
                .responses(Map.of(TABLE, List.of(TaskItemMapper.toItem(ALICE, task)))).build();
        Comment comment = new Comment(COMMENT_ID, ID, ANN, "looks good", 1_800_000_000L);

        repository.addComment(ALICE, comment);

        assertThat(single(BatchGetItemRequest.class).requestItems().get(TABLE).keys())
                .containsExactlyInAnyOrder(TaskItemMapper.key(ALICE, ID), HistoryItemMapper.commentKey(ID, COMMENT_ID));
        UpdateItemRequest update = single(UpdateItemRequest.class);
        assertThat(update.key()).isEqualTo(TaskItemMapper.key(ALICE, ID));
        assertThat(update.updateExpression()).isEqualTo("SET #log = :next, #entry = :entry");
        assertThat(update.conditionExpression()).isEqualTo("attribute_exists(#id) AND attribute_not_exists(#log)");
        assertThat(update.expressionAttributeValues()).containsEntry(":next", AttributeValue.fromN("1"))
                .containsEntry(":entry", HistoryItemMapper.logEntry(
                        new LoggedEntry(new ActivityEntry(1, Activity.commented(comment)), comment)));
        assertThat(update.expressionAttributeNames().values()).doesNotContain("version", "updated_at");
        List<PutItemRequest> puts = client.requestsOf(PutItemRequest.class);
        assertThat(puts).extracting(put -> put.item().get("id").s())
                .containsExactly("c#" + COMMENT_ID, "a#0000000000000000001");
        assertThat(puts.get(0).conditionExpression()).as("never over a tombstone")
                .isEqualTo("attribute_not_exists(#id)");
    }

    @Test
    void aWriteThatKeepsLosingToOtherEntriesGivesUpAsContended() {
        Task before = aTask().withId(ID).build();
        AtomicLong latest = new AtomicLong();
        client.getItem = materialized(r -> GetItemResponse.builder().item(withLatest(
                TaskItemMapper.toItem(ALICE, before), new LoggedEntry(new ActivityEntry(latest.incrementAndGet(),
                        Activity.created(before, ANN)), null))).build(), true);
        client.putItem = r -> {
            throw conditionFailed(null);
        };

        Activity change = Activity.changed(before, edited, ANN).orElseThrow();
        assertThatThrownBy(() -> repository.replace(ALICE, edited, 1, change))
                .isInstanceOf(StoreUnavailableException.class)
                .extracting(thrown -> ((StoreUnavailableException) thrown).reason()).isEqualTo("contended");
        assertThat(client.requestsOf(PutItemRequest.class)).hasSize(TaskWrites.ATTEMPTS);
    }

    @Test
    void activityIsOneDescendingQueryOfThePagesEntriesBelowTheLatestTheTaskItemHolds() {
        Task stored = aTask().withId(ID).build();
        taskReadsAnswer(Arrays.asList(withLatest(TaskItemMapper.toItem(ALICE, stored),
                new LoggedEntry(new ActivityEntry(12, Activity.created(stored, ANN)), null))));

        Slice<ActivityEntry> page = repository.activity(ALICE, ID, 5, null);

        QueryRequest query = single(QueryRequest.class);
        assertThat(query.keyConditionExpression()).isEqualTo("#owner = :history AND #id BETWEEN :lowest AND :highest");
        assertThat(query.expressionAttributeValues())
                .containsEntry(":history", AttributeValue.fromS("history:" + ID))
                .containsEntry(":lowest", AttributeValue.fromS("a#0000000000000000008"))
                .containsEntry(":highest", AttributeValue.fromS("a#0000000000000000011"));
        assertThat(query.scanIndexForward()).isFalse();
        assertThat(query.consistentRead()).isTrue();
        assertThat(query.limit()).as("entry 12 is the task item's").isEqualTo(4);
        assertThat(query.indexName()).isNull();
        assertThat(page.items()).extracting(ActivityEntry::sequence).containsExactly(12L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "01", "1.5", "abc", "99999999999999999999", "a#0000000000000000001"})
    void aMalformedActivityPositionIsRejectedWithoutAnyRequest(String position) {
        assertThatThrownBy(() -> repository.activity(ALICE, ID, 10, position))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "c#" + COMMENT_ID, COMMENT_ID + "x"})
    void aMalformedCommentPositionIsRejectedWithoutAnyRequest(String position) {
        assertThatThrownBy(() -> repository.comments(ALICE, ID, 10, position))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.requests).isEmpty();
    }

    @Test
    void deleteWithoutAVersionOnlyRequiresExistence() {
        repository.delete(ALICE, ID, null);

        DeleteItemRequest delete = single(DeleteItemRequest.class);
        assertThat(delete.key()).isEqualTo(TaskItemMapper.key(ALICE, ID));
        assertThat(delete.conditionExpression()).isEqualTo("attribute_exists(#id)");
        assertThat(delete.hasExpressionAttributeValues()).isFalse();
    }

    @Test
    void deleteWithAVersionAlsoRequiresThatVersion() {
        repository.delete(ALICE, ID, 5L);

        DeleteItemRequest delete = single(DeleteItemRequest.class);
        assertThat(delete.conditionExpression()).isEqualTo("attribute_exists(#id) AND #version = :expected");
        assertThat(delete.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("5"));
        assertThat(delete.returnValuesOnConditionCheckFailure())
                .isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    @Test
    void aTagFilterIsABoundedReadOfFourTimesTheLimitOnTheListingsOwnQuery() {
        repository.list(ALICE, TaskFilter.builder().status(TaskStatus.NEW).tag("work").build(), 25,
                null);

        QueryRequest query = single(QueryRequest.class);
        assertThat(query.indexName()).isEqualTo("status-index");
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.filterExpression()).isEqualTo("contains(#tags, :tag)");
        assertThat(query.expressionAttributeNames()).containsEntry("#tags", "tags");
        assertThat(query.expressionAttributeValues()).containsEntry(":tag", AttributeValue.fromS("work"));
    }

    @Test
    void theDueDateOrderReadsASparseIndexEarliestFirstBetweenExclusiveBounds() {
        repository.list(ALICE, TaskFilter.builder().status(TaskStatus.NEW).dueBefore(java.time.LocalDate.of(2026, 3, 1)).dueAfter(java.time.LocalDate.of(2026, 1, 31)).order(TaskOrder.DUE_DATE).build(), 10, null);

        QueryRequest query = single(QueryRequest.class);
        assertThat(query.indexName()).isEqualTo("status-due-index");
        assertThat(query.scanIndexForward()).isTrue();
        assertThat(query.keyConditionExpression()).isEqualTo("#hash = :hash AND #range BETWEEN :low AND :high");
        assertThat(query.expressionAttributeValues())
                .containsEntry(":low", AttributeValue.fromS("2026-01-31#~"))
                .containsEntry(":high", AttributeValue.fromS("2026-03-01"));
        assertThat(query.limit()).isEqualTo(11);
        assertThat(query.filterExpression()).isNull();
    }

    @Test
    void dueBoundsWithoutADayBetweenThemReadNothing() {
        TaskSlice slice = repository.list(ALICE, TaskFilter.builder().dueBefore(java.time.LocalDate.of(2026, 1, 2)).dueAfter(java.time.LocalDate.of(2026, 1, 1)).order(TaskOrder.DUE_DATE).build(), 10, null);

        assertThat(slice.items()).isEmpty();
        assertThat(client.requests).isEmpty();
    }

    static Stream<Arguments> filtersAndWhereTheyRead() {
        return Stream.of(
                Arguments.of(TaskFilter.ALL, null, "owner", "alice"),
                Arguments.of(TaskFilter.builder().status(TaskStatus.IN_PROGRESS).build(), "status-index",
                        "owner_status", "alice#in_progress"),
                Arguments.of(TaskFilter.builder().priority(TaskPriority.URGENT).build(), "priority-index",
                        "owner_priority", "alice#urgent"),
                Arguments.of(TaskFilter.builder().status(TaskStatus.COMPLETED).priority(TaskPriority.LOW).build(),
                        "status-priority-index", "owner_status_priority", "alice#completed#low"));
    }

    @ParameterizedTest
    @MethodSource("filtersAndWhereTheyRead")
    void listingIsOneNewestFirstQueryOfLimitPlusOneOnTheFiltersIndex(
            TaskFilter filter, String index, String hashKey, String hashValue) {
        repository.list(ALICE, filter, 25, null);

        QueryRequest query = single(QueryRequest.class);
        assertThat(query.indexName()).isEqualTo(index);
        assertThat(query.keyConditionExpression()).isEqualTo("#hash = :hash");
        assertThat(query.expressionAttributeNames()).isEqualTo(Map.of("#hash", hashKey));
        assertThat(query.expressionAttributeValues()).isEqualTo(Map.of(":hash", AttributeValue.fromS(hashValue)));
        assertThat(query.limit()).isEqualTo(26);
        assertThat(query.scanIndexForward()).isFalse();
        assertThat(query.filterExpression()).as("no filter expression: every item read is returned").isNull();
        // Indexes cannot be read consistently; the table can and is.
        assertThat(query.consistentRead()).isEqualTo(index == null ? Boolean.TRUE : null);
        assertThat(query.hasExclusiveStartKey()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("filtersAndWhereTheyRead")
    void aPositionResumesAfterThatTaskInTheSameIndex(
            TaskFilter filter, String index, String hashKey, String hashValue) {
        repository.list(ALICE, filter, 10, ID);

        Map<String, AttributeValue> start = single(QueryRequest.class).exclusiveStartKey();
        assertThat(start).containsEntry("owner", AttributeValue.fromS("alice"))
                .containsEntry("id", AttributeValue.fromS(ID))
                .containsEntry(hashKey, AttributeValue.fromS(hashValue));
        assertThat(start).hasSize(index == null ? 2 : 3);
    }

    @Test
    void aProbeItemBeyondTheLimitYieldsTheLastReturnedIdAsPosition() {
        List<Task> stored = tasks(4);
        client.query = r -> QueryResponse.builder()
                .items(stored.stream().map(t -> TaskItemMapper.toItem(ALICE, t)).toList())
                .lastEvaluatedKey(TaskItemMapper.key(ALICE, stored.get(3).id()))
                .build();

        TaskSlice slice = repository.list(ALICE, TaskFilter.ALL, 3, null);

        assertThat(slice.items()).containsExactlyElementsOf(stored.subList(0, 3));
        assertThat(slice.nextPosition()).isEqualTo(stored.get(2).id());
    }

    @Test
    void noProbeItemMeansNoNextPositionEvenIfDynamoDbOffersAStartKey() {
        List<Task> stored = tasks(3);
        client.query = r -> QueryResponse.builder()
                .items(stored.stream().map(t -> TaskItemMapper.toItem(ALICE, t)).toList())
                .build();

        TaskSlice slice = repository.list(ALICE, TaskFilter.ALL, 3, null);

        assertThat(slice.items()).containsExactlyElementsOf(stored);
        assertThat(slice.nextPosition()).isNull();
    }

    @Test
    void aQueryCutShortByTheSizeLimitStillOffersTheNextPage() {
        List<Task> stored = tasks(2);
        client.query = r -> QueryResponse.builder()
                .items(stored.stream().map(t -> TaskItemMapper.toItem(ALICE, t)).toList())
                .lastEvaluatedKey(TaskItemMapper.key(ALICE, stored.get(1).id()))
                .build();

        TaskSlice slice = repository.list(ALICE, TaskFilter.ALL, 10, null);

        assertThat(slice.items()).hasSize(2);
        assertThat(slice.nextPosition()).isEqualTo(stored.get(1).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "owner#alice", "{\"owner\":{\"S\":\"alice\"}}",
            "01890a5d-ac96-774b-bcce-b302099a805", "01890a5d-ac96-774b-bcce-b302099a80577",
            "01890a5d-ac96-774b-bcce-b302099a805g", "01890a5dac96-774b-bcce-b302099a80577",
            "../../../../etc/passwd/0000000000000"})
    void aMalformedPositionIsRejectedWithoutAnyRequest(String position) {
        assertThatThrownBy(() -> repository.list(ALICE, TaskFilter.ALL, 10, position))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1025})
    void anIdThatCannotBeAKeyIsNotFoundWithoutAnyRequest(int length) {
        String id = "x".repeat(length);

        assertThat(repository.find(ALICE, id)).isEmpty();
        assertThatThrownBy(() -> repository.delete(ALICE, id, null)).isInstanceOf(TaskNotFoundException.class);
        if (length > 0) {
            assertThatThrownBy(() -> repository.replace(ALICE, aTask().withId(id).withVersion(2).build(), 1))
                    .isInstanceOf(TaskNotFoundException.class);
        }
        assertThat(client.requests).isEmpty();
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThatThrownBy(() -> repository.list(ALICE, TaskFilter.ALL, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- conditional failures ---

    @Test
    void aFailedCreateConditionMeansTheTaskAlreadyExists() {
        client.putItem = r -> {
            throw conditionFailed(null);
        };

        assertThatThrownBy(() -> repository.create(ALICE, task)).isInstanceOf(TaskAlreadyExistsException.class);
    }

    @Test
    void aReplaceOfAMissingTaskOrAnotherVersionIsRefusedOnTheReadWithoutAWrite() {
        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(TaskNotFoundException.class);
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).withVersion(9).build())));
        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(VersionConflictException.class);

        assertThat(client.requestsOf(PutItemRequest.class)).isEmpty();
    }

    @Test
    void aFailedReplaceReturningTheStoredItemIsDecidedWithoutAnotherRead() {
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).build())));
        client.putItem = r -> {
            throw conditionFailed(TaskItemMapper.toItem(ALICE, aTask().withId(ID).withVersion(9).build()));
        };

        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(VersionConflictException.class);
        assertThat(client.requestsOf(GetItemRequest.class)).hasSize(1);
    }

    @Test
    void aFailedReplaceWithoutItemIsNotFoundWhenAConsistentReadFindsNothing() {
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).build()), null));
        client.putItem = r -> {
            throw conditionFailed(null);
        };

        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(TaskNotFoundException.class);
        assertThat(client.requestsOf(GetItemRequest.class)).hasSize(2).allMatch(GetItemRequest::consistentRead);
    }

    @Test
    void aFailedReplaceWithoutItemIsAConflictWhenAConsistentReadFindsAnotherVersion() {
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).build()),
                TaskItemMapper.toItem(ALICE, aTask().withId(ID).withVersion(9).build())));
        client.putItem = r -> {
            throw conditionFailed(null);
        };

        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void aCreateRetriedAfterItsFirstAttemptLandedSucceeds() {
        client.putItem = r -> {
            throw conditionFailed(null);
        };
        client.getItem = r -> GetItemResponse.builder().item(TaskItemMapper.toItem(ALICE, task)).build();

        repository.create(ALICE, task);

        assertThat(single(GetItemRequest.class).consistentRead()).isTrue();
    }

    @Test
    void aCreateMeetingADifferentTaskUnderTheSameIdStillFails() {
        client.putItem = r -> {
            throw conditionFailed(TaskItemMapper.toItem(ALICE, aTask().withId(ID).withText("someone else").build()));
        };

        assertThatThrownBy(() -> repository.create(ALICE, task)).isInstanceOf(TaskAlreadyExistsException.class);
    }

    @Test
    void aReplaceRetriedAfterItsFirstAttemptLandedSucceeds() {
        taskReadsAnswer(Arrays.asList(TaskItemMapper.toItem(ALICE, aTask().withId(ID).build())));
        client.putItem = r -> {
            throw conditionFailed(TaskItemMapper.toItem(ALICE, task));
        };

        repository.replace(ALICE, task, 1);

        assertThat(client.requestsOf(GetItemRequest.class)).hasSize(1);
        assertThat(client.requestsOf(PutItemRequest.class)).hasSize(1);
    }

    @Test
    void aFailedDeleteIsNotFoundOrAConflictLikeAReplace() {
        client.deleteItem = r -> {
            throw conditionFailed(null);
        };
        assertThatThrownBy(() -> repository.delete(ALICE, ID, null)).isInstanceOf(TaskNotFoundException.class);

        client.getItem = r -> GetItemResponse.builder().item(TaskItemMapper.toItem(ALICE, task)).build();
        assertThatThrownBy(() -> repository.delete(ALICE, ID, 1L)).isInstanceOf(VersionConflictException.class);
    }

    // --- unavailability ---

    static Stream<Arguments> unavailableFailures() {
        return Stream.of(
                Arguments.of("provisioned throughput exceeded",
                        ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400).build(),
                        "throttled"),
                Arguments.of("request limit exceeded",
                        RequestLimitExceededException.builder().message("account limit").statusCode(400).build(),
                        "throttled"),
                Arguments.of("ThrottlingException error code", DynamoDbException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                                .errorMessage("Rate exceeded").build())
                        .build(), "throttled"),
                Arguments.of("HTTP 429", DynamoDbException.builder().statusCode(429).build(), "throttled"),
                Arguments.of("internal server error", InternalServerErrorException.builder().message("oops").build(),
                        "unavailable"),
                Arguments.of("HTTP 503", DynamoDbException.builder().statusCode(503)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build(),
                        "unavailable"),
                Arguments.of("missing table", ResourceNotFoundException.builder().statusCode(400)
                        .message("Requested resource not found").build(), "table_not_found"),
                Arguments.of("connection refused", SdkClientException.builder()
                        .message("Unable to execute HTTP request: Connection refused")
                        .cause(new ConnectException("Connection refused")).build(), "unreachable"),
                Arguments.of("call timeout", ApiCallTimeoutException.create(3_000), "timeout"),
                Arguments.of("attempt timeout", ApiCallAttemptTimeoutException.create(1_000), "timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unavailableFailures")
    void transientFailuresOfEveryOperationMeanTheStoreIsUnavailableForANamedReason(
            String what, RuntimeException failure, String reason) {
        client.failingWith(failure);

        List<Consumer<DynamoDbTaskRepository>> operations = List.of(
                r -> r.create(ALICE, task),
                r -> r.find(ALICE, ID),
                r -> r.replace(ALICE, task, 1),
                r -> r.delete(ALICE, ID, 1L),
                r -> r.list(ALICE, TaskFilter.builder().status(TaskStatus.NEW).build(), 5, null),
                r -> r.create(LIST, aTask().withId(ID).inList(LIST_ID).build()),
                r -> r.find(LIST, ID),
                r -> r.locate(new OwnerId("alice"), ID),
                r -> r.replace(LIST, aTask().withId(ID).inList(LIST_ID).withVersion(2).build(), 1),
                r -> r.delete(LIST, ID, null),
                r -> r.list(LIST, TaskFilter.ALL, 5, null),
                r -> r.assignedTo(new UserId("ann"), 5, null),
                r -> r.unassignAll(LIST_ID, new UserId("ann"), new UserId("owen"), 1, 5),
                r -> r.deleteAll(LIST_ID, 5),
                r -> r.purgeHistory(ID, 5),
                r -> r.addComment(ALICE, new Comment(COMMENT_ID, ID, ANN, "hi", 1)),
                r -> r.findComment(ALICE, ID, COMMENT_ID),
                r -> r.deleteComment(LIST, ID, COMMENT_ID, ANN, 1),
                r -> r.comments(ALICE, ID, 5, null),
                r -> r.activity(LIST, ID, 5, null));
        for (Consumer<DynamoDbTaskRepository> operation : operations) {
            assertThatThrownBy(() -> operation.accept(repository))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasCause(failure)
                    .extracting(thrown -> ((StoreUnavailableException) thrown).reason()).isEqualTo(reason);
        }
    }

    @Test
    void aRequestDynamoDbRefusesAsMalformedIsABugNamedByItsCodeWithoutTheServicesText() {
        DynamoDbException invalid = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("One or more parameter values were invalid").build())
                .build();
        client.failingWith(invalid);

        assertThatThrownBy(() -> repository.find(ALICE, ID))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB refused a request (ValidationException)")
                .hasCause(invalid);
    }

    @Test
    void aMissingTableWritesNothingOfItsOwnToStandardError() {
        client.failingWith(ResourceNotFoundException.builder().message("Requested resource not found").build());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> repository.find(ALICE, ID)).isInstanceOf(StoreUnavailableException.class);
        } finally {
            System.setErr(original);
        }

        // The request log names the reason, table_not_found, in its one style: the repository prints nothing.
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theStoreRequiresTableNames() {
        assertThatThrownBy(() -> DynamoDbStore.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoDbStore.builder("tasks").idempotencyTable(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoDbStore.builder("tasks").listsTable(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Answers the reads of the task item with {@code items} in turn, the last one again after them ({@code null} for
     * none), and every read of an entry's item as materialized.
     */
    private void taskReadsAnswer(List<Map<String, AttributeValue>> items) {
        AtomicInteger reads = new AtomicInteger();
        client.getItem = materialized(r -> {
            Map<String, AttributeValue> item = items.get(Math.min(reads.getAndIncrement(), items.size() - 1));
            return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
        }, true);
    }

    /** Reads of history items answered as {@code present} or not, other reads by {@code tasks}. */
    private static Function<GetItemRequest, GetItemResponse> materialized(
            Function<GetItemRequest, GetItemResponse> tasks, boolean present) {
        return r -> !r.key().get("owner").s().startsWith("history:") ? tasks.apply(r)
                : present ? GetItemResponse.builder().item(r.key()).build() : GetItemResponse.builder().build();
    }

    private List<GetItemRequest> historyReads() {
        return client.requestsOf(GetItemRequest.class).stream()
                .filter(r -> r.key().get("owner").s().startsWith("history:")).toList();
    }

    private static LoggedEntry created(Task task) {
        return new LoggedEntry(new ActivityEntry(1, Activity.created(task, ANN)), null);
    }

    private static Map<String, AttributeValue> withLatest(Map<String, AttributeValue> item, LoggedEntry latest) {
        Map<String, AttributeValue> stored = new HashMap<>(item);
        HistoryItemMapper.putLog(stored, latest);
        return stored;
    }

    private <T> T single(Class<T> type) {
        List<T> requests = client.requestsOf(type);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static ConditionalCheckFailedException conditionFailed(Map<String, AttributeValue> item) {
        ConditionalCheckFailedException.Builder builder = ConditionalCheckFailedException.builder()
                .message("The conditional request failed").statusCode(400);
        if (item != null) {
            builder.item(item);
        }
        return builder.build();
    }

    private static List<Task> tasks(int count) {
        // Newest first, as a descending query returns them.
        return IntStream.range(0, count)
                .mapToObj(i -> aTask().withId(String.format("01890a5d-ac96-774b-bcce-%012d", 100 - i)).build())
                .toList();
    }

    private static void assertNoReservedWordInExpressions(String expression) {
        for (String reserved : RESERVED_NAMES) {
            assertThat(expression.split("[^A-Za-z_#:]+")).as("expression names are placeholders")
                    .doesNotContain(reserved);
        }
    }
}
