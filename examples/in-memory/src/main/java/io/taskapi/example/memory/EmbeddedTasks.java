package io.taskapi.example.memory;

import io.taskapi.TaskDomain;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.TaskStatus;

public final class EmbeddedTasks {
    public static void main(String[] args) {
        TaskDomain domain = TaskDomain.inMemory();
        TaskService tasks = domain.tasks();
        OwnerId me = new OwnerId("me");

        Task task = tasks.create(me, NewTask.builder("Write documentation").priority(TaskPriority.HIGH).build());
        // Applied only if the task is still at the version read: otherwise a VersionConflictException.
        tasks.update(me, task.id(), TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build(), task.version());

        TaskPage page = tasks.list(me, TaskListQuery.firstPage());
        for (Task t : page.items()) {
            System.out.println(t.text() + " [" + t.status().value() + ", " + t.priority().value() + "]");
        }
    }
}
