package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every value read back from a store must keep: the edge of each rule is inside it (a time of 0, a size of 0, a
 * 256-character id, a lifetime of exactly 7 days), and the first value past the edge is refused.
 */
class StoredValuesTest {
    private static final UserId ANN = new UserId("ann");
    private static final String DIGEST = "0".repeat(64);

    @Test
    void timesStartAtTheEpochAndAreNeverNegative() {
        assertThatCode(() -> new Activity(0, ANN, ActivityAction.COMMENTED, Map.of(),
                Optional.of("c1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Activity(-1, ANN, ActivityAction.COMMENTED, Map.of(), Optional.of("c1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Comment("c1", "t1", ANN, "hi", 0).createdAt()).isZero();
        assertThatThrownBy(() -> new Comment("c1", "t1", ANN, "hi", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Member(ANN, ListRole.VIEWER, Optional.empty(), 0).joinedAt()).isZero();
        assertThatThrownBy(() -> new Member(ANN, ListRole.VIEWER, Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attachment(1, 0).createdAt()).isZero();
        assertThatThrownBy(() -> attachment(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TaskList("l1", "n", 0, 0, 1).updatedAt()).isZero();
        assertThatThrownBy(() -> new TaskList("l1", "n", -1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A list is updated at or after it is created, never before. */
    @Test
    void aListIsUpdatedNoEarlierThanItIsCreated() {
        assertThat(new TaskList("l1", "n", 5, 5, 1).updatedAt()).isEqualTo(5);
        assertThatThrownBy(() -> new TaskList("l1", "n", 5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskList("l1", "n", 5, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A stored list's name that breaks its rule is named in the failure, as a broken rule and not a mere spelling. */
    @Test
    void aListWithABrokenNameSaysWhichRuleItBreaks() {
        assertThatThrownBy(() -> new TaskList("l1", "", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a list breaks the rules: NAME must not be empty;");
        assertThatThrownBy(() -> new TaskList("l1", " n ", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a list's name must be in its stored form");
    }

    /** A stored task's broken rule names the field, and the element for a tag. */
    @Test
    void aTaskWithABrokenFieldSaysWhichRuleItBreaks() {
        assertThatThrownBy(() -> aTask().withTags("Bad Tag", "ok").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a task breaks the rules: TAGS[0] must be");
        assertThatThrownBy(() -> aTask().withText("").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a task breaks the rules: TEXT must not be empty;");
    }

    @Test
    void anInvitationExpiresAfterItIsMade() {
        assertThat(new Invitation(DIGEST, "l1", ListRole.VIEWER, 0, 1).expiresAt()).isEqualTo(1);
        assertThatThrownBy(() -> new Invitation(DIGEST, "l1", ListRole.VIEWER, 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Invitation(DIGEST, "l1", ListRole.VIEWER, -1, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredFileMayBeEmptyButNotShorterThanThat() {
        assertThat(new StoredFile(0, "text/plain").size()).isZero();
        assertThatThrownBy(() -> new StoredFile(-1, "text/plain")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Owner and user ids are 1 to 256 characters. */
    @Test
    void idsHaveAtMost256Characters() {
        String longest = "u".repeat(256);
        assertThat(new OwnerId(longest).value()).isEqualTo(longest);
        assertThat(new OwnerId(longest)).hasToString(longest);
        assertThatThrownBy(() -> new OwnerId(longest + "u")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UserId.isValid(longest)).isTrue();
        assertThat(UserId.isValid(longest + "u")).isFalse();
        assertThat(new UserId(longest).value()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000b", "tab\there", "\u007f"})
    void noUserIdIsBlankOrHasControlCharacters(String value) {
        assertThat(UserId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new UserId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noUserIdIsNull() {
        assertThat(UserId.isValid(null)).isFalse();
    }

    /** Attachments' limits: at least one byte and one file, a URL lifetime of more than zero and at most 7 days. */
    @Test
    void attachmentLimitsKeepTheirBounds() {
        Set<String> types = Set.of("text/plain");
        assertThatCode(() -> new AttachmentLimits(1, 1, types, Duration.ofSeconds(1))).doesNotThrowAnyException();
        assertThat(new AttachmentLimits(1, 1, types, Duration.ofDays(7)).urlLifetime()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> new AttachmentLimits(0, 1, types, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentLimits(1, 0, types, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentLimits(1, 1, types, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentLimits(1, 1, types, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentLimits(1, 1, Set.of("Text/Plain"), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentLimits(1, 1, Set.of(), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntryAboutACommentOrTheTaskSaysWhichRuleItBreaks() {
        assertThatThrownBy(() -> new Activity(5, ANN, ActivityAction.COMMENTED,
                Map.of(TaskField.TEXT, new FieldChange(Optional.of("a"), Optional.of("b"))), Optional.of("c1")))
                .hasMessage("an entry about a comment changes no field of the task");
        assertThatThrownBy(() -> new Activity(5, ANN, ActivityAction.UPDATED, Map.of(), Optional.empty()))
                .hasMessage("an entry about the task changes at least one of its fields");
    }

    @Test
    void statusesOfAttachmentsAreNamedInLowerCase() {
        assertThat(AttachmentStatus.PENDING.value()).isEqualTo("pending");
        assertThat(AttachmentStatus.fromValue("available")).contains(AttachmentStatus.AVAILABLE);
        assertThat(AttachmentStatus.fromValue("pending")).contains(AttachmentStatus.PENDING);
        assertThat(AttachmentStatus.fromValue("AVAILABLE")).isEmpty();
        assertThat(AttachmentStatus.fromValue("deleted")).isEmpty();
    }

    @Test
    void rolesAreNamedExactly() {
        assertThat(ListRole.fromValue("editor")).contains(ListRole.EDITOR);
        assertThat(ListRole.fromValue("Editor")).isEmpty();
        assertThat(new RoleRequiredException(ListRole.OWNER).needed()).isEqualTo(ListRole.OWNER);
    }

    @Test
    void aPageCopiesItsItemsAndNeedsAnAnswerForTheNextPage() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, Optional.of("t"));
        items.add("b");

        assertThat(page.items()).containsExactly("a");
        assertThat(page.next()).contains("t");
        assertThat(new TaskPage(List.of(), Optional.empty()).next()).isEmpty();
        assertThatThrownBy(() -> new Page<>(List.of(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskPage(List.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void scopesNameAnOwnerOrAList() {
        assertThat(TaskScope.of(OwnerId.SHARED)).isEqualTo(new TaskScope.Personal(OwnerId.SHARED));
        assertThat(TaskScope.list("l1")).isEqualTo(new TaskScope.InList("l1"));
    }

    /** A store without shared lists has none to read, and no list to write to. */
    @Test
    void aStoreWithoutListsHasNone() {
        ListRepository none = ListRepository.none();

        assertThat(none.listIdsOf(ANN, 10, null).items()).isEmpty();
        assertThat(none.members("l1", 10, null).items()).isEmpty();
        assertThat(none.pendingWork(10)).isEmpty();
        assertThat(none.purge("l1", 10)).isTrue();
        assertThatThrownBy(() -> none.markDeleted("l1", null)).isInstanceOf(ListNotFoundException.class);
    }

    private static Attachment attachment(long size, long createdAt) {
        return new Attachment("a1", "t1", "a.txt", "text/plain", size, AttachmentStatus.PENDING, createdAt, ANN);
    }
}
