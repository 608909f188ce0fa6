package io.taskapi.domain;

/**
 * Whose tasks an operation may see. Every stored task belongs to exactly one owner, and every repository operation is
 * scoped to one, so a task of another owner is simply not found.
 *
 * @param value the owner's id: 1 to 256 characters, not all blank, none a control character
 */
public record OwnerId(String value) {
    /** The owner of every task when a front door runs without authentication. */
    public static final OwnerId SHARED = new OwnerId("shared");

    private static final int MAX_LENGTH = 256;

    /**
     * Checks the id.
     *
     * @param value the owner's id: 1 to 256 characters, not all blank, none a control character
     * @throws IllegalArgumentException if it is not one
     */
    public OwnerId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("owner id must be 1 to " + MAX_LENGTH + " non-blank characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("owner id must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
