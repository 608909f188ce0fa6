package io.taskapi.memory;

import java.util.Arrays;
import java.util.Objects;

/**
 * Addresses of {@link Slots}, in the order of their keys; not thread-safe.
 *
 * <p>One array of primitives instead of a sorted map: a map holds several objects per entry, and the collector copies
 * each of them, while this array is a single object however many entries it has. Task ids are time-ordered, so a new
 * task's entry goes at or near the end and an insertion moves next to nothing.
 */
final class SortedSlots {
    private long[] refs = new long[8];
    private int size;

    /** How many entries there are. */
    int size() {
        return size;
    }

    /** The address of the {@code index}th entry, in key order. */
    long ref(int index) {
        // The array is longer than the entries: past them it holds stale addresses, never to be read.
        return refs[Objects.checkIndex(index, size)];
    }

    /**
     * Where {@code key} is, as {@link Arrays#binarySearch(long[], long)} answers: its index when present, otherwise
     * {@code -(insertion point) - 1}.
     *
     * <p>The search starts at the end and doubles its step backwards until it passes the key, then halves the range
     * left. A new task's id sorts last, or a few places from last when concurrent creations reached the store out of
     * order, so this takes one or a few comparisons, each reading a recent slot. A binary search from the middle would
     * take some twenty at four million tasks, each a cache miss into a different part of a gigabyte of slots, all
     * while holding the store's write lock.
     */
    int search(Slots slots, String key) {
        int bound = size;
        int step = 1;
        int low = 0;
        while (step > 0 && step <= bound) {
            int probe = bound - step;
            int comparison = slots.compare(refs[probe], key);
            if (comparison == 0) {
                return probe;
            }
            if (comparison < 0) {
                low = probe + 1;
                break;
            }
            bound = probe;
            step <<= 1;
        }
        int high = bound - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int comparison = slots.compare(refs[middle], key);
            if (comparison < 0) {
                low = middle + 1;
            } else if (comparison > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** The index of the last entry whose key is before {@code key}, or -1; the last entry when {@code key} is null. */
    int lastBefore(Slots slots, String key) {
        if (key == null) {
            return size - 1;
        }
        int found = search(slots, key);
        return found >= 0 ? found - 1 : -found - 2;
    }

    /** Puts {@code ref} at {@code index}, moving the entries from there on one place up. */
    void insert(int index, long ref) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, 2 * size);
        }
        System.arraycopy(refs, index, refs, index + 1, size - index);
        refs[index] = ref;
        size++;
    }

    /** Replaces the address at {@code index}. */
    void set(int index, long ref) {
        refs[index] = ref;
    }

    /** Removes the entry at {@code index}, moving the ones after it one place down. */
    void remove(int index) {
        System.arraycopy(refs, index + 1, refs, index, size - index - 1);
        size--;
    }
}
