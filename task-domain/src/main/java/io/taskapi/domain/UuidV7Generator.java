package io.taskapi.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7), so that ids sort by creation. Within one millisecond a counter keeps them
 * strictly increasing (the RFC's method 1).
 *
 * <p>The random source is created on first use, not at construction: a process restored from a snapshot (Lambda
 * SnapStart) must not share random state with its siblings.
 */
public final class UuidV7Generator implements IdGenerator {
    private final Clock clock;
    private SecureRandom random;
    private long lastMillis = -1;
    private long counter;

    /**
     * A generator whose ids carry the time of {@code clock}.
     *
     * @param clock the source of each id's milliseconds
     */
    public UuidV7Generator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String newId() {
        if (random == null) {
            random = new SecureRandom();
        }
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(1 << 11); // leave headroom so the 12-bit counter rarely overflows
        } else if (++counter >= (1 << 12)) {
            // Counter exhausted within this millisecond (or the clock went back): borrow the next millisecond.
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis << 16) | (0x7L << 12) | counter;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}
