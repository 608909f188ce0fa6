package io.taskapi.domain;

/** The fields of a task that a request writes, in the order their errors are listed. */
public enum TaskField implements Field {
    /** What is to be done: required, 1 to 500 characters of one line. */
    TEXT(false),
    /** Where the task stands: one of {@link TaskStatus}. */
    STATUS(false),
    /** How urgent it is: one of {@link TaskPriority}. */
    PRIORITY(false),
    /** A longer text: up to 4,000 characters, line breaks and tabs allowed. */
    DESCRIPTION(true),
    /** The day the task is due: a date in the years 1000 to 9999. */
    DUE_DATE(true),
    /** Labels: up to 20 distinct lowercase tags. */
    TAGS(true),
    /** The shared list the task is in; a task in no list is its owner's alone. */
    LIST_ID(true),
    /** The member the task is assigned to. */
    ASSIGNEE(true);

    private final boolean optional;

    TaskField(boolean optional) {
        this.optional = optional;
    }

    /**
     * Whether a task may lack this field, so that a change may remove it; a task always has the others.
     *
     * @return whether the field is optional
     */
    public boolean optional() {
        return optional;
    }
}
