package io.taskapi.domain;

/**
 * The repositories one storage technology provides, together: what {@link io.taskapi.TaskDomain} needs to keep the
 * domain's data. Each implementation translates its own failures into the domain's exceptions.
 */
public interface Repositories {
    /**
     * The tasks, with their comments and activity.
     *
     * @return the repository of tasks
     */
    TaskRepository tasks();

    /**
     * The shared lists and their members.
     *
     * @return the repository of lists
     */
    ListRepository lists();

    /**
     * The invitations to lists.
     *
     * @return the repository of invitations
     */
    InvitationRepository invitations();

    /**
     * The records of tasks' attachments; their bytes are a {@link FileStore}'s.
     *
     * @return the repository of attachments
     */
    AttachmentRepository attachments();
}
