package io.taskapi.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.ListRepository;
import io.taskapi.domain.ListRepositoryContract;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs the list repository contract against the in-memory store, and checks that {@code clear()} forgets all. */
class InMemoryListRepositoryTest extends ListRepositoryContract {
    @Override
    protected ListRepository repository() {
        return new InMemoryListRepository();
    }

    @Test
    void clearForgetsEveryListMemberAndPendingWork() {
        InMemoryListRepository repository = new InMemoryListRepository();
        UserId ann = new UserId("ann");
        TaskList kept = new TaskList("0190a5c2-7d3e-7f00-8000-000000000001", "Kept", 1, 1, 1);
        TaskList deleted = new TaskList("0190a5c2-7d3e-7f00-8000-000000000002", "Deleted", 1, 1, 1);
        repository.create(kept, new Member(ann, ListRole.OWNER, Optional.empty(), 1));
        repository.create(deleted, new Member(ann, ListRole.OWNER, Optional.empty(), 1));
        repository.markDeleted(deleted.id(), null);

        repository.clear();

        assertThat(repository.access(kept.id(), Set.of(ann))).isEmpty();
        assertThat(repository.listIdsOf(ann, 10, null).items()).isEmpty();
        assertThat(repository.pendingWork(10)).isEmpty();
    }

    /** Removing one member twice leaves one piece of work to finish, not two. */
    @Test
    void aQueuedUnassignmentIsQueuedOnce() {
        InMemoryListRepository repository = new InMemoryListRepository();
        UserId ann = new UserId("ann");
        UserId owen = new UserId("owen");
        TaskList list = new TaskList("0190a5c2-7d3e-7f00-8000-000000000003", "L", 1, 1, 1);
        repository.create(list, new Member(owen, ListRole.OWNER, Optional.empty(), 1));

        repository.queueUnassignment(list.id(), ann, owen);
        repository.queueUnassignment(list.id(), ann, owen);

        assertThat(repository.pendingWork(10)).hasSize(1);
    }
}
