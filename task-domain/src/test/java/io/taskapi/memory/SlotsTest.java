package io.taskapi.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that slots give back what was put, rewrite in place only what fits, and count what is freed. */
class SlotsTest {
    @Test
    void aSlotGivesBackItsKeyAndValue() {
        Slots slots = new Slots(0);

        long ref = slots.put("task-1 ✓", bytes("the value"));

        assertThat(slots.key(ref)).isEqualTo("task-1 ✓");
        assertThat(text(slots.value(ref))).isEqualTo("the value");
    }

    @Test
    void keysCompareAsStringsCompare() {
        Slots slots = new Slots(0);
        List<String> keys = List.of("", "a", "ab", "b", "B", "é", "\uffff", "𝄞", "0190a1b2", "0190a1b3", "0190a1b");
        for (String stored : keys) {
            long ref = slots.put(stored, new byte[0]);
            for (String key : keys) {
                assertThat(Integer.signum(slots.compare(ref, key)))
                        .as("%s against %s", stored, key).isEqualTo(Integer.signum(stored.compareTo(key)));
            }
        }
    }

    @Test
    void aValueThatFitsIsRewrittenInPlace() {
        Slots slots = new Slots(0);
        long ref = slots.put("k", bytes("0123456789"));

        boolean rewritten = slots.rewrite(ref, bytes("0123456789abcd"));

        assertThat(rewritten).isTrue();
        assertThat(text(slots.value(ref))).isEqualTo("0123456789abcd");
        assertThat(slots.key(ref)).isEqualTo("k");
    }

    @Test
    void aValueThatDoesNotFitLeavesTheSlotAsItWas() {
        Slots slots = new Slots(0);
        long ref = slots.put("k", bytes("0123456789"));

        boolean rewritten = slots.rewrite(ref, bytes("0123456789abcdefghijklmnop"));

        assertThat(rewritten).isFalse();
        assertThat(text(slots.value(ref))).isEqualTo("0123456789");
    }

    @Test
    void aValueExactlyAsLargeAsItsSlotFitsAndOneByteMoreDoesNot() {
        Slots slots = new Slots(0);
        long ref = slots.put("k", new byte[14]);

        assertThat(slots.rewrite(ref, new byte[15])).isFalse();
        assertThat(slots.rewrite(ref, new byte[14])).isTrue();
    }

    @Test
    void freedSlotsAreCountedAndWastefulOnlyPastBothLimits() {
        Slots slots = new Slots(100);
        long first = slots.put("a", new byte[30]);
        long second = slots.put("b", new byte[30]);
        long third = slots.put("c", new byte[30]);
        long size = slots.live() / 3;

        slots.free(first);

        assertThat(slots.live()).isEqualTo(2 * size);
        assertThat(slots.garbage()).isEqualTo(size);
        assertThat(slots.wasteful()).isFalse();

        slots.free(second);
        assertThat(slots.garbage()).isGreaterThan(slots.live()).isLessThan(100);
        assertThat(slots.wasteful()).isFalse();

        slots.free(third);
        assertThat(slots.garbage()).isGreaterThan(100);
        assertThat(slots.wasteful()).isTrue();
    }

    @Test
    void garbageEqualToTheAllowanceOrToTheLiveSlotsIsNotWasteful() {
        Slots allowing = new Slots(44);
        long first = allowing.put("a", new byte[30]);
        allowing.free(first);
        Slots even = new Slots(0);
        long freed = even.put("a", new byte[30]);
        even.put("b", new byte[30]);
        even.free(freed);

        assertThat(allowing.garbage()).isEqualTo(44);
        assertThat(allowing.wasteful()).isFalse();
        assertThat(even.garbage()).isEqualTo(even.live());
        assertThat(even.wasteful()).isFalse();
    }

    @Test
    void aBufferIsFilledToItsLastByteBeforeTheNextIsTaken() {
        Slots slots = new Slots(0);
        // Three slots of 12 + 16 bytes and one of 12 + 65,440 fill the first 64 KiB buffer exactly.
        List<Long> refs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refs.add(slots.put("", new byte[16]));
        }
        refs.add(slots.put("", new byte[Slots.FIRST_CHUNK - 4 * 12 - 3 * 16]));
        long next = slots.put("", new byte[1]);

        assertThat(refs).allSatisfy(ref -> assertThat(ref >>> 32).isZero());
        assertThat(next >>> 32).isEqualTo(1);
    }

    @Test
    void eachNewBufferIsTwiceTheLastUpToTheLargest() {
        Slots slots = new Slots(0);
        long last = 0;
        // 64 + 128 + 256 + 512 KiB: about 960 KiB of slots fit in four buffers.
        for (int i = 0; i < 900; i++) {
            last = slots.put("", new byte[1_000]);
        }

        assertThat(last >>> 32).isEqualTo(3);
    }

    @Test
    void garbagePastTheAllowanceIsNotWastefulWhileLiveSlotsOutweighIt() {
        Slots slots = new Slots(0);
        long freed = slots.put("a", new byte[30]);
        slots.put("b", new byte[30]);
        slots.put("c", new byte[30]);

        slots.free(freed);

        assertThat(slots.wasteful()).isFalse();
    }

    @Test
    void manySlotsAndOneLargerThanABufferAreAllKept() {
        Slots slots = new Slots(0);
        List<Long> refs = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            refs.add(slots.put("key-" + i, bytes("value-" + i)));
        }
        byte[] large = new byte[Slots.LARGEST_CHUNK + 1];
        large[large.length - 1] = 7;
        long largeRef = slots.put("large", large);
        long after = slots.put("after", bytes("after"));

        for (int i = 0; i < refs.size(); i++) {
            assertThat(slots.key(refs.get(i))).isEqualTo("key-" + i);
            assertThat(text(slots.value(refs.get(i)))).isEqualTo("value-" + i);
        }
        ByteBuffer value = slots.value(largeRef);
        assertThat(value.remaining()).isEqualTo(large.length);
        assertThat(value.get(large.length - 1)).isEqualTo((byte) 7);
        assertThat(text(slots.value(after))).isEqualTo("after");
    }

    @Test
    void theNextBufferIsAskedForOnceAndTakenWhenTheLastIsFull() {
        Slots slots = new Slots(0);
        assertThat(slots.spareWanted()).as("before the first buffer").isEqualTo(Slots.FIRST_CHUNK);
        assertThat(slots.spareWanted()).as("asked already").isZero();
        slots.offerSpare(ByteBuffer.allocateDirect(Slots.FIRST_CHUNK));
        long first = slots.put("", new byte[Slots.FIRST_CHUNK - 16]);
        assertThat(slots.spareWanted()).isEqualTo(2 * Slots.FIRST_CHUNK);
        ByteBuffer spare = ByteBuffer.allocateDirect(2 * Slots.FIRST_CHUNK);
        slots.offerSpare(spare);
        assertThat(slots.spareWanted()).as("one is waiting").isZero();

        long second = slots.put("k", new byte[] {42});

        assertThat(first >>> 32).isZero();
        assertThat(second >>> 32).isEqualTo(1);
        assertThat(spare.get(12 + 2)).as("the spare holds the slot").isEqualTo((byte) 42);
        assertThat(slots.spareWanted()).isEqualTo(4 * Slots.FIRST_CHUNK);
    }

    @Test
    void aSpareSmallerThanTheNextBufferIsRefusedAndAskedForAgain() {
        Slots slots = new Slots(0);
        slots.put("", new byte[1]);
        assertThat(slots.spareWanted()).isEqualTo(2 * Slots.FIRST_CHUNK);

        slots.offerSpare(ByteBuffer.allocateDirect(2 * Slots.FIRST_CHUNK - 1));

        assertThat(slots.spareWanted()).isEqualTo(2 * Slots.FIRST_CHUNK);
    }

    @Test
    void aBufferMadeWithoutTheSpareAskedForLetsTheNextWriteAskAgain() {
        Slots slots = new Slots(0);
        assertThat(slots.spareWanted()).isEqualTo(Slots.FIRST_CHUNK);

        slots.put("", new byte[1]);

        assertThat(slots.spareWanted()).isEqualTo(2 * Slots.FIRST_CHUNK);
    }

    @Test
    void theLargestBufferIsNotExceededAfterAValueLargerThanIt() {
        Slots slots = new Slots(0);
        slots.put("", new byte[Slots.LARGEST_CHUNK + 1]);

        assertThat(slots.spareWanted()).isEqualTo(Slots.LARGEST_CHUNK);
    }

    @Test
    void aCopyHasTheSameKeyAndValueInOtherSlots() {
        Slots from = new Slots(0);
        long ref = from.put("key", bytes("value"));
        Slots to = new Slots(0);

        long copy = to.copy(from, ref);

        assertThat(to.key(copy)).isEqualTo("key");
        assertThat(text(to.value(copy))).isEqualTo("value");
        assertThat(to.live()).isEqualTo(from.live());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer value) {
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
