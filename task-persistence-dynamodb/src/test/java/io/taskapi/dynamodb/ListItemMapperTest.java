package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Proves the hand-written layout of the lists table: every kind of item round-trips and malformed ones are refused. */
class ListItemMapperTest {
    private static final String LIST_ID = "0190a5c2-7d3e-7f00-8000-000000000001";
    private static final String TASK_ID = "0190a5c2-7d3e-7f00-8000-0000000000a7";

    @Test
    void aListReadsBackAsTheSameListWithNoOwnerCountedYet() {
        TaskList list = new TaskList(LIST_ID, "Launch — ünïcödé", 1_700_000_000L, 1_700_000_060L, 3);

        Map<String, AttributeValue> item = ListItemMapper.listItem(list);

        assertThat(ListItemMapper.toList(item)).isEqualTo(list);
        assertThat(item.get("pk").s()).isEqualTo("list#" + LIST_ID);
        assertThat(item.get("sk").s()).isEqualTo("list");
        assertThat(item.get("owner_count").n()).isEqualTo("0");
        assertThat(ListItemMapper.isList(item)).isTrue();
        assertThat(ListItemMapper.isGone(item)).isFalse();
        Map<String, AttributeValue> deleted = new HashMap<>(item);
        deleted.put("deleted_at", AttributeValue.fromN("1"));
        assertThat(ListItemMapper.isGone(deleted)).isTrue();
        assertThat(ListItemMapper.isGone(null)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ListRole.class)
    void aMemberReadsBackAsTheSameMemberWithItsMembership(ListRole role) {
        Member member = new Member(new UserId("user#with:odd chars"), role,
                Optional.ofNullable(role == ListRole.VIEWER ? null : "Ann"),
                1_700_000_000L);

        Map<String, AttributeValue> item = ListItemMapper.memberItem(LIST_ID, member, "token");

        assertThat(ListItemMapper.toMember(item)).isEqualTo(member);
        assertThat(ListItemMapper.membership(item)).isEqualTo("token");
        assertThat(item.get("sk").s()).isEqualTo("member#user#with:odd chars");
        assertThat(item.containsKey("name")).isEqualTo(member.name().isPresent());
    }

    @Test
    void anInvitationAndQueuedWorkReadBackAsTheSame() {
        Invitation invitation = new Invitation("ab".repeat(32), LIST_ID, ListRole.EDITOR, 10, 20);
        UserId ben = new UserId("ben");

        assertThat(ListItemMapper.toInvitation(ListItemMapper.invitationItem(invitation))).isEqualTo(invitation);
        assertThat(ListItemMapper.toPendingWork(ListItemMapper.purgeItem(LIST_ID, 5)))
                .isEqualTo(new PendingWork.Purge(LIST_ID));
        UserId olivia = new UserId("olivia");
        assertThat(ListItemMapper.toPendingWork(ListItemMapper.unassignItem(LIST_ID, ben, olivia, 5)))
                .isEqualTo(new PendingWork.Unassignment(LIST_ID, ben, olivia));
        Map<String, AttributeValue> queuedBeforeActors =
                new HashMap<>(ListItemMapper.unassignItem(LIST_ID, ben, olivia, 5));
        queuedBeforeActors.remove(ListTableSchema.ACTOR_ID);
        assertThat(ListItemMapper.toPendingWork(queuedBeforeActors))
                .isEqualTo(new PendingWork.Unassignment(LIST_ID, ben, ben));
        assertThat(ListItemMapper.unassignKey(LIST_ID, ben).get("sk").s()).isEqualTo("unassign#" + LIST_ID + "#ben");
        assertThat(ListItemMapper.toPendingWork(ListItemMapper.historyPurgeItem(TASK_ID, 5)))
                .isEqualTo(new PendingWork.HistoryPurge(TASK_ID));
        assertThat(ListItemMapper.historyPurgeKey(TASK_ID).get("sk").s()).isEqualTo("history#" + TASK_ID);
        assertThat(ListItemMapper.historyPurgeItem(TASK_ID, 5)).containsOnlyKeys("pk", "sk", "task_id", "queued_at");
    }

    @Test
    void onlyTaskIdsThatFitTheQueuesKeyAreQueued() {
        assertThat(ListItemMapper.isStorableTaskId(TASK_ID)).isTrue();
        assertThat(ListItemMapper.isStorableTaskId("")).isFalse();
        assertThat(ListItemMapper.isStorableTaskId(null)).isFalse();
        assertThat(ListItemMapper.isStorableTaskId("x".repeat(1016))).isTrue();
        assertThat(ListItemMapper.isStorableTaskId("x".repeat(1017))).isFalse();
    }

    @Test
    void onlyIdsThatFitEveryKeyAndCannotBeMisreadAreStorable() {
        assertThat(ListItemMapper.isStorableListId(LIST_ID)).isTrue();
        assertThat(ListItemMapper.isStorableListId(null)).isFalse();
        assertThat(ListItemMapper.isStorableListId("")).isFalse();
        assertThat(ListItemMapper.isStorableListId("a#b")).isFalse();
        assertThat(ListItemMapper.isStorableListId("x".repeat(200))).isTrue();
        assertThat(ListItemMapper.isStorableListId("x".repeat(201))).isFalse();
    }

    @Test
    void aMalformedItemIsRefusedNamingItsKindNeverItsUserOrName() {
        Map<String, AttributeValue> item = new HashMap<>(ListItemMapper.memberItem(LIST_ID,
                new Member(new UserId("user:0f8fad5b"), ListRole.OWNER, Optional.of("Secret Name"), 1), "token"));
        item.put("role", AttributeValue.fromS("admin"));

        Throwable thrown = catchThrowable(() -> ListItemMapper.toMember(item));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("kind=list");
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain("0f8fad5b", "Secret");
        }
        item.remove("joined_at");
        assertThatThrownBy(() -> ListItemMapper.toMember(item)).isInstanceOf(IllegalStateException.class);
    }
}
