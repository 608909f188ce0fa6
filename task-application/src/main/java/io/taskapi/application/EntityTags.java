package io.taskapi.application;

import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Entity tags of task and list representations and the conditional request headers that compare them (RFC 9110
 * section 13).
 *
 * <p>A task's or list's tag is its version in quotes, {@code "3"}: strong, because every change of any field makes a new
 * version, and the same version always renders the same bytes.
 */
final class EntityTags {
    private EntityTags() {
    }

    /** The tag of the representation of a task at {@code version}. */
    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * What an {@code If-Match} or {@code If-None-Match} header asks for.
     *
     * @param any  the header was {@code *}: any current representation matches
     * @param tags the tags listed, as written (weak ones with their {@code W/} prefix); empty for {@code *} or when no
     *             member could be read
     */
    record Condition(boolean any, List<String> tags) {
        Condition {
            tags = List.copyOf(tags);
        }

        /** Weak comparison, as {@code If-None-Match} requires: {@code W/"3"} and {@code "3"} are the same. */
        boolean matchesWeakly(long version) {
            String tag = of(version);
            return any || tags.stream().anyMatch(t -> t.equals(tag) || t.equals("W/" + tag));
        }

        /**
         * The versions named by strong tags, in order; those are the only ones {@code If-Match} can select. Versions
         * have at most 18 digits here, far beyond any count of changes.
         */
        List<Long> strongVersions() {
            List<Long> versions = new ArrayList<>();
            for (String tag : tags) {
                if (tag.length() > 2 && tag.startsWith("\"") && tag.length() <= 20) {
                    String digits = tag.substring(1, tag.length() - 1);
                    if (digits.chars().allMatch(c -> c >= '0' && c <= '9') && !digits.startsWith("0")) {
                        versions.add(Long.parseLong(digits));
                    }
                }
            }
            return versions;
        }
    }

    /**
     * The condition in a header's values, or empty when the request does not carry the header. Several header lines
     * form one list. Members that are not entity tags are dropped, so a header of nothing but malformed members
     * matches no representation.
     */
    static Optional<Condition> parse(HttpRequest request, String header) {
        List<String> values = request.headers().get(header);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", values).trim();
        if (joined.equals("*")) {
            return Optional.of(new Condition(true, List.of()));
        }
        List<String> tags = new ArrayList<>();
        int i = 0;
        while (i < joined.length()) {
            char c = joined.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (joined.startsWith("W/", i)) {
                i += 2;
            }
            if (i < joined.length() && joined.charAt(i) == '"') {
                int close = joined.indexOf('"', i + 1);
                if (close > 0) {
                    tags.add(joined.substring(start, close + 1));
                    i = close + 1;
                    continue;
                }
            }
            // Not an entity tag: skip to the next list member.
            int comma = joined.indexOf(',', i);
            i = comma < 0 ? joined.length() : comma + 1;
        }
        return Optional.of(new Condition(false, tags));
    }

    /**
     * Runs a write under the request's {@code If-Match}, if any. The version it names is handed to the store, whose
     * conditional write enforces it, so two writers holding the same tag cannot both succeed. A list of several tags is
     * resolved to the current version first when it names it; the store then still checks that version on write. A
     * lost condition is a 412 saying {@code what} changed.
     *
     * @param current   the version now stored, read only to resolve several tags
     * @param what      what the request writes, as its 412 names it: {@code Task} or {@code List}
     * @param anyVersion the write without a condition, applied to whatever version is current
     * @param atVersion  the write on condition that the version it is given is still the current one
     */
    static <T> T conditionally(HttpRequest request, LongSupplier current, String what, Supplier<T> anyVersion,
            LongFunction<T> atVersion) {
        Optional<Condition> ifMatch = parse(request, "If-Match");
        if (ifMatch.isEmpty() || ifMatch.get().any()) {
            // "*" asks only that the resource exists, which every update and delete requires anyway.
            return anyVersion.get();
        }
        List<Long> versions = ifMatch.get().strongVersions();
        long expected;
        if (versions.size() == 1) {
            expected = versions.get(0);
        } else {
            expected = current.getAsLong();
            if (!versions.contains(expected)) {
                throw preconditionFailed(what);
            }
        }
        try {
            return atVersion.apply(expected);
        } catch (VersionConflictException e) {
            throw preconditionFailed(what);
        }
    }

    private static BadRequestException preconditionFailed(String what) {
        return new BadRequestException(412, what + " has changed since the version in If-Match; fetch it again");
    }
}
