package io.taskapi.domain;

/** A member of a list asked for something their role does not allow; the message names the role it needs. */
public final class RoleRequiredException extends TaskException {
    /** The least role that allows it. */
    private final ListRole needed;

    /** The failure of an actor whose role is below {@code needed}, with a message that names it. */
    RoleRequiredException(ListRole needed) {
        this(needed, needed == ListRole.OWNER ? "This needs the owner role in the list"
                : needed == ListRole.EDITOR ? "This needs the editor or owner role in the list"
                : "This needs membership of the list");
    }

    /** Where a role is one way among others to be allowed, a message that names them all. */
    RoleRequiredException(ListRole needed, String message) {
        super(message);
        this.needed = needed;
    }

    /**
     * The least role that allows it.
     *
     * @return the role
     */
    public ListRole needed() {
        return needed;
    }
}
