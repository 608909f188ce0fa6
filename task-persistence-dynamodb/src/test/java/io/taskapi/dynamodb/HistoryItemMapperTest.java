package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.FieldChange;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.time.LocalDate;
import java.util.Optional;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Proves the layout of a task's history items and of the latest entry its task item holds, both ways. */
class HistoryItemMapperTest {
    private static final String TASK_ID = "0190a5c2-7d3e-7f00-8000-0000000000a7";
    private static final String COMMENT_ID = "0190a5c2-7d3e-7f00-8000-0000000000c1";
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final UserId ANN = new UserId("ann");
    private static final long T0 = 1_800_000_000L;

    @Test
    void everyKindOfFieldChangeReadsBackAsTheSame() {
        Map<TaskField, FieldChange> changes = new EnumMap<>(TaskField.class);
        changes.put(TaskField.TEXT, new FieldChange(Optional.of("plan"), Optional.of("plan b")));
        changes.put(TaskField.STATUS, new FieldChange(Optional.of(TaskStatus.NEW),
                Optional.of(TaskStatus.IN_PROGRESS)));
        changes.put(TaskField.PRIORITY, new FieldChange(Optional.of(TaskPriority.LOW),
                Optional.of(TaskPriority.URGENT)));
        changes.put(TaskField.DESCRIPTION, new FieldChange(Optional.empty(), Optional.of("line one\nline two")));
        changes.put(TaskField.DUE_DATE, new FieldChange(Optional.of(LocalDate.of(2026, 9, 1)), Optional.empty()));
        changes.put(TaskField.TAGS, new FieldChange(Optional.of(List.of("q3")), Optional.of(List.of("q4", "q3"))));
        changes.put(TaskField.LIST_ID, new FieldChange(Optional.of("list-a"), Optional.of("list-b")));
        changes.put(TaskField.ASSIGNEE, new FieldChange(Optional.of(new UserId("user:ben")), Optional.of(ANN)));
        ActivityEntry entry = new ActivityEntry(42, new Activity(T0, ANN, ActivityAction.MOVED, changes,
                Optional.empty()));

        Map<String, AttributeValue> item = HistoryItemMapper.activityItem(TASK_ID, "task:" + TASK_ID, entry);

        assertThat(HistoryItemMapper.toActivityEntry(item)).isEqualTo(entry);
        assertThat(item.get("owner").s()).isEqualTo("history:" + TASK_ID);
        assertThat(item.get("id").s()).isEqualTo("a#0000000000000000042");
        assertThat(item.get("task_owner").s()).isEqualTo("task:" + TASK_ID);
        assertThat(item.get("action").s()).isEqualTo("moved");
        Map<String, AttributeValue> stored = item.get("changes").m();
        assertThat(stored).containsOnlyKeys("text", "status", "priority", "description", "due_date", "tags",
                "list_id", "assignee");
        assertThat(stored.get("status").m()).isEqualTo(Map.of("from", AttributeValue.fromS("new"),
                "to", AttributeValue.fromS("in_progress")));
        assertThat(stored.get("description").m().get("from").nul()).isTrue();
        assertThat(stored.get("due_date").m().get("from").s()).isEqualTo("2026-09-01");
        assertThat(stored.get("tags").m().get("to").l())
                .containsExactly(AttributeValue.fromS("q4"), AttributeValue.fromS("q3"));
        assertThat(stored.get("assignee").m().get("from").s()).isEqualTo("user:ben");
    }

    @Test
    void theLatestEntryOfACommentCarriesTheCommentAndReadsBackFromTheTaskItem() {
        Comment comment = new Comment(COMMENT_ID, TASK_ID, ANN, "first\nthoughts", T0);
        LoggedEntry posted = new LoggedEntry(new ActivityEntry(3, Activity.commented(comment)), comment);
        Map<String, AttributeValue> taskItem = new HashMap<>(
                TaskItemMapper.toItem(ALICE, aTask().withId(TASK_ID).build()));

        HistoryItemMapper.putLog(taskItem, posted);

        assertThat(taskItem.get("log_seq").n()).isEqualTo("3");
        assertThat(taskItem.get("log_entry").m().get("comment").m()).containsOnlyKeys("author", "text", "created_at");
        assertThat(HistoryItemMapper.loggedEntry(taskItem)).isEqualTo(posted);
        assertThat(HistoryItemMapper.logSequence(taskItem)).isEqualTo(3);
        assertThat(HistoryItemMapper.activityItem(TASK_ID, "alice", posted.entry()))
                .as("the comment is its own item's, not repeated in the entry's").doesNotContainKey("comment");
        Map<String, AttributeValue> commentItem = HistoryItemMapper.commentItem("alice", comment);
        assertThat(commentItem.get("id").s()).isEqualTo("c#" + COMMENT_ID);
        assertThat(HistoryItemMapper.toComment(commentItem)).isEqualTo(comment);
    }

    @Test
    void aTaskItemWithoutEntriesHoldsNoLatest() {
        Map<String, AttributeValue> taskItem = TaskItemMapper.toItem(ALICE, aTask().withId(TASK_ID).build());

        assertThat(HistoryItemMapper.logSequence(taskItem)).isZero();
        assertThat(HistoryItemMapper.loggedEntry(taskItem)).isNull();
    }

    @Test
    void aTombstoneNamesTheDeletionAndNothingOfTheComment() {
        Map<String, AttributeValue> tombstone = HistoryItemMapper.tombstone(TASK_ID, "alice", COMMENT_ID, 7);

        assertThat(tombstone).containsOnlyKeys("owner", "id", "task_owner", "deleted_seq");
        assertThat(HistoryItemMapper.isTombstone(tombstone)).isTrue();
        assertThat(HistoryItemMapper.deletedSeq(tombstone)).isEqualTo(7);
        assertThat(HistoryItemMapper.isTombstone(HistoryItemMapper.commentItem("alice",
                new Comment(COMMENT_ID, TASK_ID, ANN, "hi", T0)))).isFalse();
    }

    @Test
    void sequenceKeysSortAsTheirNumbers() {
        assertThat(HistoryItemMapper.activityId(9)).isLessThan(HistoryItemMapper.activityId(10));
        assertThat(HistoryItemMapper.activityId(Long.MAX_VALUE)).isEqualTo("a#" + Long.MAX_VALUE);
        assertThat(HistoryItemMapper.sequenceOfPosition("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "007", "-1", "+1", "1 ", "9223372036854775808", "a#0000000000000000001"})
    void anActivityPositionIsASequenceNumberAndNothingElse(String position) {
        assertThatThrownBy(() -> HistoryItemMapper.sequenceOfPosition(position))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedEntryIsRefusedNamingItsKeyNeverItsContent() {
        Task task = aTask().withId(TASK_ID).withText("Secret plan").build();
        Map<String, AttributeValue> item = new HashMap<>(HistoryItemMapper.activityItem(TASK_ID, "user:0f8fad5b",
                new ActivityEntry(1, Activity.created(task, new UserId("user:0f8fad5b")))));
        item.put("action", AttributeValue.fromS("erased"));

        Throwable thrown = catchThrowable(() -> HistoryItemMapper.toActivityEntry(item));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("a#0000000000000000001");
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain("0f8fad5b", "Secret");
        }
        Map<String, AttributeValue> sameValues = new HashMap<>(HistoryItemMapper.activityItem(TASK_ID, "alice",
                new ActivityEntry(1, Activity.created(task, ANN))));
        sameValues.put("changes", AttributeValue.fromM(Map.of("text", AttributeValue.fromM(Map.of(
                "from", AttributeValue.fromS("x"), "to", AttributeValue.fromS("x"))))));
        assertThatThrownBy(() -> HistoryItemMapper.toActivityEntry(sameValues))
                .isInstanceOf(IllegalStateException.class);
    }
}
