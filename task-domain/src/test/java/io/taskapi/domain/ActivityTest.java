package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an activity entry says about a change: its action, its changed fields and their values. */
class ActivityTest {
    private static final UserId ANN = new UserId("ann");

    @Test
    void aCreationGivesEverySetFieldFromNothing() {
        Task task = aTask().withText("plan").withTags("a").due(LocalDate.of(2026, 1, 2)).build();

        Activity created = Activity.created(task, ANN);

        assertThat(created.action()).isEqualTo(ActivityAction.CREATED);
        assertThat(created.at()).isEqualTo(task.createdAt());
        assertThat(created.changes()).containsExactly(
                Map.entry(TaskField.TEXT, new FieldChange(Optional.empty(), Optional.of("plan"))),
                Map.entry(TaskField.STATUS, new FieldChange(Optional.empty(), Optional.of(task.status()))),
                Map.entry(TaskField.PRIORITY, new FieldChange(Optional.empty(), Optional.of(task.priority()))),
                Map.entry(TaskField.DUE_DATE, new FieldChange(Optional.empty(), Optional.of(LocalDate.of(2026, 1, 2)))),
                Map.entry(TaskField.TAGS, new FieldChange(Optional.empty(), Optional.of(List.of("a")))));
    }

    @Test
    void aChangeIsNamedByWhatChanged() {
        Task task = aTask().withText("plan").inList("l1").build();
        Task assigned = aTask().withText("plan").inList("l1").assignedTo(ANN).withVersion(2).build();
        Task moved = aTask().withText("plan 2").inList("l2").assignedTo(ANN).withVersion(3).build();
        Task edited = aTask().withText("plan 3").inList("l2").assignedTo(null).withVersion(4).build();

        assertThat(Activity.changed(task, assigned, ANN).orElseThrow().action()).isEqualTo(ActivityAction.ASSIGNED);
        assertThat(Activity.changed(assigned, moved, ANN).orElseThrow().action()).isEqualTo(ActivityAction.MOVED);
        assertThat(Activity.changed(assigned, moved, ANN).orElseThrow().changes())
                .containsOnlyKeys(TaskField.TEXT, TaskField.LIST_ID);
        assertThat(Activity.changed(moved, edited, ANN).orElseThrow().action()).isEqualTo(ActivityAction.UPDATED);
        assertThat(Activity.changed(moved, edited, ANN).orElseThrow().changes().get(TaskField.ASSIGNEE))
                .isEqualTo(new FieldChange(Optional.of(ANN), Optional.empty()));
    }

    @Test
    void aWriteOfTheSameValuesChangesNothing() {
        Task task = aTask().withText("plan").build();
        Task again = aTask().withText("plan").withVersion(2).build();

        assertThat(Activity.changed(task, again, ANN)).isEmpty();
    }

    @Test
    void noTagsAndAnEmptyListOfThemAreTheSame() {
        assertThat(new FieldChange(Optional.of(List.of()), Optional.of(List.of("a"))).from()).isEmpty();
        assertThatThrownBy(() -> new FieldChange(Optional.of(List.of()),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntryAboutACommentNamesItAndChangesNoField() {
        Comment comment = new Comment("c1", "t1", ANN, "hi", 5);

        assertThat(Activity.commented(comment)).isEqualTo(new Activity(5, ANN, ActivityAction.COMMENTED, Map.of(),
                Optional.of("c1")));
        assertThatThrownBy(() -> new Activity(5, ANN, ActivityAction.COMMENTED, Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Activity(5, ANN, ActivityAction.UPDATED, Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Activity(5, ANN, ActivityAction.UPDATED,
                Map.of(TaskField.TEXT, new FieldChange(Optional.of("a"), Optional.of("b"))),
                        Optional.of("c1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommentKeepsItsRuleWhenStored() {
        assertThatThrownBy(() -> new Comment("c1", "t1", ANN, " padded ", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comment("c1", "t1", ANN, "a\tb", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Comment("c1", "t1", ANN, "line\nline", 5).text()).isEqualTo("line\nline");
    }
}
