package io.taskapi.memory;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.Invitation;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks that clearing the in-memory repositories forgets what every one of them holds, as a restart would. */
class InMemoryRepositoriesTest {
    @Test
    void clearForgetsTasksListsInvitationsAndAttachments() {
        InMemoryRepositories repositories = new InMemoryRepositories();
        UserId ann = new UserId("ann");
        TaskScope alice = new TaskScope.Personal(new OwnerId("alice"));
        Task task = aTask().build();
        TaskList list = new TaskList("0190a5c2-7d3e-7f00-8000-000000000009", "L", 1, 1, 1);
        Invitation invitation = new Invitation("b".repeat(64), list.id(), ListRole.VIEWER, 1, 100);
        Attachment attachment = new Attachment("a1", task.id(), "a.txt", "text/plain", 1, AttachmentStatus.PENDING, 1,
                ann);
        repositories.tasks().create(alice, task);
        repositories.lists().create(list, new Member(ann, ListRole.OWNER, Optional.empty(), 1));
        repositories.invitations().create(invitation);
        repositories.attachments().add(attachment, 10);

        repositories.clear();

        assertThat(repositories.tasks().find(alice, task.id())).isEmpty();
        assertThat(repositories.lists().access(list.id(), java.util.Set.of(ann))).isEmpty();
        assertThat(repositories.invitations().find(invitation.codeDigest())).isEmpty();
        assertThat(repositories.attachments().find(task.id(), "a1")).isEmpty();
    }
}
