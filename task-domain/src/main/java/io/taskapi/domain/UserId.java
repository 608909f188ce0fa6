package io.taskapi.domain;

/**
 * A person who uses the service, by the id their identity provider vouches for (a token's subject), or
 * {@link #SHARED}, the one user of a service that runs without authentication. People share lists by these ids.
 */
public record UserId(String value) {
    /** The one user of a service without authentication: everyone who calls it. */
    public static final UserId SHARED = new UserId("shared");

    private static final int MAX_LENGTH = 256;

    public UserId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a user id must be 1 to " + MAX_LENGTH
                    + " non-blank characters without control characters");
        }
    }

    /** Whether {@code value} can be a user id: 1 to 256 characters, not all blank, none a control character. */
    public static boolean isValid(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LENGTH
                && value.chars().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return value;
    }
}
