package io.taskapi.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a presigned URL stays valid, in the whole seconds SigV4 counts ({@code X-Amz-Expires}), within S3's limits.
 *
 * @param duration from 1 second to 7 days, a whole number of seconds
 */
record SigningWindow(Duration duration) {
    /** S3 refuses a presigned URL valid for longer than this (SigV4's own limit). */
    static final Duration MAX = Duration.ofDays(7);

    SigningWindow {
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX) > 0
                || duration.getNano() != 0) {
            throw new IllegalArgumentException("a presigned URL is valid for 1 s to 7 days, in whole seconds");
        }
    }

    /**
     * The window from now until {@code expiresAt}, rounded to the nearest second: the caller's "now plus five
     * minutes" has already aged by a few microseconds, and truncating would sign 299 seconds.
     */
    static SigningWindow until(Instant expiresAt, Clock clock) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        long millis = Duration.between(clock.instant(), expiresAt).toMillis();
        if (millis < 500) {
            throw new IllegalArgumentException("expiresAt must be in the future");
        }
        return new SigningWindow(Duration.ofSeconds(Math.round(millis / 1000.0)));
    }
}
