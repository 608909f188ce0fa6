package io.taskapi.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Checks the sorted addresses against a sorted set of the same keys, through random insertions and removals. */
class SortedSlotsTest {
    @Test
    void keepsItsKeysInOrderAsASortedSetDoes() {
        Slots slots = new Slots(0);
        SortedSlots sorted = new SortedSlots();
        TreeSet<String> model = new TreeSet<>();
        Random random = new Random(42);
        for (int step = 0; step < 3_000; step++) {
            String key = Integer.toString(random.nextInt(1_000), 36);
            int at = sorted.search(slots, key);
            assertThat(at >= 0).as("%s present", key).isEqualTo(model.contains(key));
            if (at >= 0 && random.nextBoolean()) {
                sorted.remove(at);
                model.remove(key);
            } else if (at < 0) {
                sorted.insert(-at - 1, slots.put(key, new byte[0]));
                model.add(key);
            }
        }

        assertThat(keys(slots, sorted)).containsExactlyElementsOf(model);
    }

    @Test
    void theLastEntryBeforeAKeyIsTheSortedSetsLowerOne() {
        Slots slots = new Slots(0);
        SortedSlots sorted = new SortedSlots();
        for (String key : List.of("b", "d", "f")) {
            sorted.insert(sorted.size(), slots.put(key, new byte[0]));
        }

        assertThat(sorted.lastBefore(slots, null)).isEqualTo(2);
        assertThat(sorted.lastBefore(slots, "a")).isEqualTo(-1);
        assertThat(sorted.lastBefore(slots, "b")).isEqualTo(-1);
        assertThat(sorted.lastBefore(slots, "c")).isZero();
        assertThat(sorted.lastBefore(slots, "d")).isZero();
        assertThat(sorted.lastBefore(slots, "e")).isEqualTo(1);
        assertThat(sorted.lastBefore(slots, "z")).isEqualTo(2);
    }

    @Test
    void anAddressIsReplacedWhereItIs() {
        Slots slots = new Slots(0);
        SortedSlots sorted = new SortedSlots();
        sorted.insert(0, slots.put("a", new byte[0]));
        sorted.insert(1, slots.put("b", new byte[0]));
        long moved = slots.put("b", new byte[1]);

        sorted.set(1, moved);

        assertThat(sorted.ref(1)).isEqualTo(moved);
        assertThat(sorted.size()).isEqualTo(2);
    }

    private static List<String> keys(Slots slots, SortedSlots sorted) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            keys.add(slots.key(sorted.ref(i)));
        }
        return keys;
    }
}
