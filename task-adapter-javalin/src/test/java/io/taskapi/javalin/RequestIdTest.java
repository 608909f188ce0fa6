package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Request ids made by the server are distinct random (version 4, IETF variant) UUIDs. */
class RequestIdTest {
    @Test
    void requestIdsAreDistinctVersionFourUuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ApiBridge.newRequestId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
        }
    }

    @Test
    void everyRandomBitVaries() {
        long highOr = 0;
        long highAnd = -1;
        long lowOr = 0;
        long lowAnd = -1;
        for (int i = 0; i < 1_000; i++) {
            UUID uuid = UUID.fromString(ApiBridge.newRequestId());
            highOr |= uuid.getMostSignificantBits();
            highAnd &= uuid.getMostSignificantBits();
            lowOr |= uuid.getLeastSignificantBits();
            lowAnd &= uuid.getLeastSignificantBits();
        }
        // Only the version (4 bits) and variant (2 bits) are fixed; the other 122 bits take both values.
        assertThat(highOr ^ highAnd).isEqualTo(~0xF000L);
        assertThat(lowOr ^ lowAnd).isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
    }
}
