package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Version 7 UUIDs: their layout, their order by creation, uniqueness under load, and a clock that goes back. */
class UuidV7GeneratorTest {
    private static final long MILLIS = 1_703_001_234_567L;
    private static final int MANY = 10_000;

    private static long timestampOf(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }

    private static List<String> generate(IdGenerator generator, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(generator.newId());
        }
        return ids;
    }

    private static void assertStrictlyIncreasing(List<String> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d sorts after id %d", i, i - 1).isGreaterThan(ids.get(i - 1));
        }
    }

    private static Clock fixed(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void writesCanonicalLowercaseUuids() {
        for (String id : generate(new UuidV7Generator(fixed(MILLIS)), 100)) {
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        }
    }

    @Test
    void setsTheVersionNibbleToSeven() {
        for (String id : generate(new UuidV7Generator(fixed(MILLIS)), 1_000)) {
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            assertThat(id.charAt(14)).isEqualTo('7');
        }
    }

    @Test
    void setsTheVariantBitsToOneZero() {
        for (String id : generate(new UuidV7Generator(fixed(MILLIS)), 1_000)) {
            assertThat(UUID.fromString(id).getLeastSignificantBits() >>> 62).isEqualTo(0b10L);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
            assertThat(id.charAt(19)).isIn('8', '9', 'a', 'b');
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, MILLIS, 0xFFFF_FFFF_FFFFL})
    void timestampFieldEqualsTheClockMillis(long millis) {
        assertThat(timestampOf(new UuidV7Generator(fixed(millis)).newId())).isEqualTo(millis);
    }

    @Test
    void timestampFieldFollowsAnAdvancingClock() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(MILLIS));
        UuidV7Generator generator = new UuidV7Generator(clock);

        for (int i = 0; i < 1_000; i++) {
            assertThat(timestampOf(generator.newId())).isEqualTo(clock.millis());
            clock.advance(Duration.ofMillis(1 + i % 3));
        }
    }

    @Test
    void idsFromAFixedClockStrictlyIncrease() {
        List<String> ids = generate(new UuidV7Generator(fixed(MILLIS)), MANY);

        assertStrictlyIncreasing(ids);
        assertThat(new HashSet<>(ids)).hasSize(MANY);
    }

    @Test
    void aBurstLargerThanTheCounterBorrowsOnlyAFewMillisecondsAhead() {
        // 10,000 ids in one clock millisecond overflow the 12-bit counter; the generator then runs ahead of the clock
        // (RFC 9562 section 6.2 allows this) but never behind it, and only by a few milliseconds.
        List<String> ids = generate(new UuidV7Generator(fixed(MILLIS)), MANY);

        assertThat(ids).allSatisfy(id -> assertThat(timestampOf(id)).isBetween(MILLIS, MILLIS + 4));
        assertThat(timestampOf(ids.get(0))).isEqualTo(MILLIS);
    }

    @Test
    void idsFromAnAdvancingClockStrictlyIncrease() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(MILLIS));
        UuidV7Generator generator = new UuidV7Generator(clock);
        List<String> ids = new ArrayList<>(MANY);

        for (int i = 0; i < MANY; i++) {
            ids.add(generator.newId());
            if (i % 7 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }

        assertStrictlyIncreasing(ids);
        assertThat(new HashSet<>(ids)).hasSize(MANY);
    }

    @Test
    void idsKeepIncreasingWhenTheClockGoesBack() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(MILLIS));
        UuidV7Generator generator = new UuidV7Generator(clock);
        List<String> ids = new ArrayList<>();

        ids.addAll(generate(generator, 10));
        clock.set(Instant.ofEpochMilli(MILLIS - 5_000));
        ids.addAll(generate(generator, 10));
        clock.set(Instant.ofEpochMilli(MILLIS + 1));
        ids.addAll(generate(generator, 10));

        assertStrictlyIncreasing(ids);
    }

    @Test
    void twoGeneratorsOnTheSameClockDoNotCollide() {
        Set<String> ids = new HashSet<>();
        ids.addAll(generate(new UuidV7Generator(fixed(MILLIS)), MANY));
        ids.addAll(generate(new UuidV7Generator(fixed(MILLIS)), MANY));

        assertThat(ids).hasSize(2 * MANY);
    }

    @Test
    void concurrentCallersGetUniqueIdsThatIncreasePerCaller() throws Exception {
        UuidV7Generator generator = new UuidV7Generator(fixed(MILLIS));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                batches.add(pool.submit(() -> generate(generator, 2_500)));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> batch : batches) {
                assertStrictlyIncreasing(batch.get());
                all.addAll(batch.get());
            }
            assertThat(all).hasSize(MANY);
        } finally {
            pool.shutdownNow();
        }
    }
}
