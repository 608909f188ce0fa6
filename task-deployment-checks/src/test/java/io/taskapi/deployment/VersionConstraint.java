package io.taskapi.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Terraform version constraint such as {@code "~> 6.36"} or {@code ">= 1.6, < 2.0"}, reduced to the versions it
 * allows: from {@link #lowest()} (inclusive) up to {@link #below()} (exclusive, {@code null} when unbounded).
 * Understands {@code ~>}, {@code >=}, {@code >}, {@code <}, {@code <=} and {@code =} (or none); {@code !=} is refused.
 *
 * @param text   the constraint as written
 * @param lowest the lowest version allowed
 * @param below  the first version no longer allowed, or {@code null}
 */
public record VersionConstraint(String text, Version lowest, Version below) {
    private static final Pattern PART = Pattern.compile("\\s*(~>|>=|<=|>|<|=)?\\s*([0-9]+(?:\\.[0-9]+){0,2})\\s*");

    /** Parses a constraint; fails on anything this class does not understand. */
    public static VersionConstraint parse(String text) {
        Version lowest = Version.of("0");
        Version below = null;
        for (String part : text.split(",")) {
            Matcher matcher = PART.matcher(part);
            if (!matcher.matches()) {
                throw new AssertionError("not a version constraint this check understands: \"" + text + "\"");
            }
            String operator = matcher.group(1) == null ? "=" : matcher.group(1);
            Version version = Version.of(matcher.group(2));
            Version upper = switch (operator) {
                case "~>" -> version.pessimisticBound();
                case "<" -> version;
                case "<=", "=" -> version.next();
                default -> null;
            };
            Version lower = switch (operator) {
                case "~>", ">=", "=" -> version;
                case ">" -> version.next();
                default -> null;
            };
            if (lower != null && lower.compareTo(lowest) > 0) {
                lowest = lower;
            }
            if (upper != null && (below == null || upper.compareTo(below) < 0)) {
                below = upper;
            }
        }
        return new VersionConstraint(text, lowest, below);
    }

    /** Whether every version this constraint allows has major version {@code major}. */
    public boolean withinMajor(int major) {
        return lowest.major() == major && below != null && below.compareTo(Version.of(String.valueOf(major + 1))) <= 0;
    }

    /**
     * A version of three numbers; missing ones count as 0.
     *
     * @param parts the numbers as written (one to three)
     */
    public record Version(List<Integer> parts) implements Comparable<Version> {
        public static Version of(String text) {
            return new Version(Arrays.stream(text.split("\\.")).map(Integer::valueOf).toList());
        }

        public int major() {
            return part(0);
        }

        private int part(int index) {
            return index < parts.size() ? parts.get(index) : 0;
        }

        /**
         * The first version a {@code ~>} constraint on this one excludes: the next minor for X.Y.Z, the next major for
         * X.Y, none for X (only the right-most number may grow).
         */
        Version pessimisticBound() {
            return switch (parts.size()) {
                case 1 -> null;
                case 2 -> new Version(List.of(part(0) + 1, 0, 0));
                default -> new Version(List.of(part(0), part(1) + 1, 0));
            };
        }

        /** The smallest version after this one (for inclusive upper bounds and exclusive lower ones). */
        Version next() {
            return new Version(List.of(part(0), part(1), part(2) + 1));
        }

        @Override
        public int compareTo(Version other) {
            for (int i = 0; i < 3; i++) {
                int difference = Integer.compare(part(i), other.part(i));
                if (difference != 0) {
                    return difference;
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            return String.join(".", parts.stream().map(String::valueOf).toList());
        }
    }
}
