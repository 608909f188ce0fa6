package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Proves the hand-written item layout: every field round-trips and malformed items are refused. */
class TaskItemMapperTest {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));

    private final Task task = aTask()
            .withId("01890a5d-ac96-774b-bcce-b302099a8057")
            .withText("Ship it — with ünïcödé and 🚀")
            .withStatus(TaskStatus.IN_PROGRESS)
            .withPriority(TaskPriority.URGENT)
            .createdAt(1_700_000_000L)
            .withVersion(7)
            .build();

    @Test
    void anItemReadsBackAsTheSameTask() {
        assertThat(TaskItemMapper.toTask(TaskItemMapper.toItem(ALICE, task))).isEqualTo(task);
    }

    @Test
    void aListsTaskWithAnAssigneeReadsBackAsTheSameTaskKeyedByItsId() {
        String listId = "0190a5c2-7d3e-7f00-8000-000000000001";
        Task shared = aTask().withId(task.id()).inList(listId).assignedTo(new UserId("ann")).build();
        TaskScope list = new TaskScope.InList(listId);

        Map<String, AttributeValue> item = TaskItemMapper.toItem(list, shared);

        assertThat(TaskItemMapper.toTask(item)).isEqualTo(shared);
        assertThat(TaskItemMapper.key(list, shared.id())).isEqualTo(TaskItemMapper.listTaskKey(shared.id()))
                .isEqualTo(Map.of("owner", AttributeValue.fromS("task:" + shared.id()),
                        "id", AttributeValue.fromS(shared.id())));
        assertThat(TaskItemMapper.isIn(list, item)).isTrue();
        assertThat(TaskItemMapper.isIn(new TaskScope.InList("0190a5c2-7d3e-7f00-8000-000000000002"), item)).isFalse();
        assertThat(TaskItemMapper.isIn(ALICE, item)).isFalse();
        assertThat(TaskItemMapper.isIn(list, TaskItemMapper.toItem(ALICE, task))).isFalse();
    }

    @Test
    void aTaskIsMappedOnlyInTheScopeItIsKeptIn() {
        Task shared = aTask().inList("0190a5c2-7d3e-7f00-8000-000000000001").build();

        assertThatThrownBy(() -> TaskItemMapper.toItem(ALICE, shared)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskItemMapper.toItem(new TaskScope.InList("other"), shared))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskItemMapper.toItem(new TaskScope.InList("other"), task))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyStatusSurvivesTheRoundTrip(TaskStatus status) {
        Task withStatus = aTask().withStatus(status).build();

        assertThat(TaskItemMapper.toTask(TaskItemMapper.toItem(ALICE, withStatus))).isEqualTo(withStatus);
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void everyPrioritySurvivesTheRoundTrip(TaskPriority priority) {
        Task withPriority = aTask().withPriority(priority).build();

        assertThat(TaskItemMapper.toTask(TaskItemMapper.toItem(ALICE, withPriority))).isEqualTo(withPriority);
    }

    @Test
    void detailsAreStoredOnlyWhenPresentAndSurviveTheRoundTrip() {
        Task detailed = aTask().withDescription("a\nb").due(java.time.LocalDate.of(2026, 3, 1)).withTags("z", "a")
                .build();

        Map<String, AttributeValue> item = TaskItemMapper.toItem(ALICE, detailed);

        assertThat(item.get("description").s()).isEqualTo("a\nb");
        assertThat(item.get("due_date").s()).isEqualTo("2026-03-01");
        assertThat(item.get("tags").l()).extracting(AttributeValue::s).containsExactly("z", "a");
        assertThat(TaskItemMapper.toTask(item)).isEqualTo(detailed);
        assertThat(TaskItemMapper.toItem(ALICE, task)).doesNotContainKeys("description", "due_date", "tags");
    }

    @Test
    void theItemHasTheDocumentedAttributesWithWireNamesAndNumbers() {
        Map<String, AttributeValue> item = TaskItemMapper.toItem(ALICE, task);

        assertThat(item).containsOnlyKeys(TaskTableSchema.itemAttributes());
        assertThat(item).containsEntry("owner", AttributeValue.fromS("alice"))
                .containsEntry("id", AttributeValue.fromS(task.id()))
                .containsEntry("task", AttributeValue.fromS(task.text()))
                .containsEntry("status", AttributeValue.fromS("in_progress"))
                .containsEntry("priority", AttributeValue.fromS("urgent"))
                .containsEntry("created_at", AttributeValue.fromN("1700000000"))
                .containsEntry("updated_at", AttributeValue.fromN(Long.toString(task.updatedAt())))
                .containsEntry("version", AttributeValue.fromN("7"))
                .containsEntry("owner_status", AttributeValue.fromS("alice#in_progress"))
                .containsEntry("owner_priority", AttributeValue.fromS("alice#urgent"))
                .containsEntry("owner_status_priority", AttributeValue.fromS("alice#in_progress#urgent"));
    }

    @Test
    void ownersContainingTheSeparatorGetDistinctIndexKeys() {
        // "a#new" + completed and "a" + new share a prefix, but the status is always the last segment.
        String one = TaskItemMapper.ownerStatus(new TaskScope.Personal(new OwnerId("a#new")), TaskStatus.COMPLETED);
        String other = TaskItemMapper.ownerStatus(new TaskScope.Personal(new OwnerId("a")), TaskStatus.NEW);

        assertThat(one).isEqualTo("a#new#completed").isNotEqualTo(other);
    }

    @Test
    void theKeyIsOwnerAndIdOnly() {
        assertThat(TaskItemMapper.key(ALICE, task.id()))
                .isEqualTo(Map.of("owner", AttributeValue.fromS("alice"), "id", AttributeValue.fromS(task.id())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "task", "status", "priority", "created_at", "updated_at", "version"})
    void anItemMissingAnAttributeIsRefusedAsMalformed(String attribute) {
        Map<String, AttributeValue> item = new HashMap<>(TaskItemMapper.toItem(ALICE, task));
        item.remove(attribute);

        assertThatThrownBy(() -> TaskItemMapper.toTask(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(attribute);
    }

    @Test
    void anUnknownStatusIsRefusedAsMalformed() {
        Map<String, AttributeValue> item = new HashMap<>(TaskItemMapper.toItem(ALICE, task));
        item.put("status", AttributeValue.fromS("IN_PROGRESS"));

        assertThatThrownBy(() -> TaskItemMapper.toTask(item)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anItemBreakingTheTaskRulesIsRefusedWithoutEchoingItsText() {
        Map<String, AttributeValue> item = new HashMap<>(TaskItemMapper.toItem(ALICE, task));
        item.put("task", AttributeValue.fromS("   "));
        item.put("version", AttributeValue.fromN("0"));

        assertThatThrownBy(() -> TaskItemMapper.toTask(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(task.id());
    }

    @Test
    void aMalformedItemIsNamedByItsIdNeverByItsOwnerOrText() {
        TaskScope user = new TaskScope.Personal(new OwnerId("user:0f8fad5b-d9cb-469f-a165-70867728950e"));
        Map<String, AttributeValue> item = new HashMap<>(TaskItemMapper.toItem(user, task));
        item.put("task", AttributeValue.fromS("Call the bank about account 1234"));
        item.put("version", AttributeValue.fromN("0"));

        Throwable thrown = catchThrowable(() -> TaskItemMapper.toTask(item));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("id=" + task.id());
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain("0f8fad5b", "user:", "bank", "1234");
        }
        item.remove("status");
        assertThat(catchThrowable(() -> TaskItemMapper.toTask(item)).getMessage()).doesNotContain("0f8fad5b");
    }

    @Test
    void aFractionalNumberIsRefusedAsMalformed() {
        Map<String, AttributeValue> item = new HashMap<>(TaskItemMapper.toItem(ALICE, task));
        item.put("version", AttributeValue.fromN("1.5"));

        assertThatThrownBy(() -> TaskItemMapper.toTask(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version");
    }
}
