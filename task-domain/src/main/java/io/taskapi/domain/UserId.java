package io.taskapi.domain;

/**
 * A person who uses the service, by the id their identity provider vouches for (a token's subject), or
 * {@link #SHARED}, the one user of a service that runs without authentication. People share lists by these ids.
 *
 * @param value the id, as {@link #isValid} requires it
 */
public record UserId(String value) {
    /** The one user of a service without authentication: everyone who calls it. */
    public static final UserId SHARED = new UserId("shared");

    private static final int MAX_LENGTH = 256;

    /**
     * Checks the id.
     *
     * @param value the id, as {@link #isValid} requires it
     * @throws IllegalArgumentException if it is not one
     */
    public UserId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a user id must be 1 to " + MAX_LENGTH
                    + " non-blank characters without control characters");
        }
    }

    /**
     * Whether {@code value} can be a user id: 1 to 256 characters, not all blank, none a control character.
     *
     * @param value the text
     * @return whether it is a valid id
     */
    public static boolean isValid(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return value;
    }
}
