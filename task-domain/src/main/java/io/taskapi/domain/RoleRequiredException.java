package io.taskapi.domain;

/** A member of a list asked for something their role does not allow; the message names the role it needs. */
public final class RoleRequiredException extends TaskException {
    private final ListRole needed;

    public RoleRequiredException(ListRole needed) {
        this(needed, needed == ListRole.OWNER ? "This needs the owner role in the list"
                : needed == ListRole.EDITOR ? "This needs the editor or owner role in the list"
                : "This needs membership of the list");
    }

    /** Where a role is one way among others to be allowed, a message that names them all. */
    public RoleRequiredException(ListRole needed, String message) {
        super(message);
        this.needed = needed;
    }

    /** The least role that allows it. */
    public ListRole needed() {
        return needed;
    }
}
