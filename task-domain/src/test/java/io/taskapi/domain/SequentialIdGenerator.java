package io.taskapi.domain;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic ids in the shape the API issues (lowercase, hyphenated, version 7 and variant bits set) that sort in
 * the order they were made: {@code 00000000-0000-7000-8000-000000000001}, then {@code ...0002}, and so on.
 */
public final class SequentialIdGenerator implements IdGenerator {
    private final AtomicLong last = new AtomicLong();

    /** The id the {@code n}th call (counting from 1) returns. */
    public static String id(long n) {
        return String.format("00000000-0000-7000-8000-%012d", n);
    }

    @Override
    public String newId() {
        return id(last.incrementAndGet());
    }
}
