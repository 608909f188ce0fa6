package io.taskapi.memory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys with their values, in slots of memory outside the Java heap, addressed by a {@code long}; not thread-safe.
 *
 * <p>Why outside the heap: a store in the heap keeps every value it is given, so the collector copies each one at least
 * once on its way to the old generation, in pauses that hold every request (benchmarks, section 3). Here a stored
 * value is a few bytes in a large direct buffer, and the heap holds a handful of buffers however much is stored.
 *
 * <p>A slot holds its capacity, its key's length, its value's length, the key as UTF-16 chars (so keys compare here
 * exactly as {@link String#compareTo} compares them) and the value. Capacities are rounded up, so a value that grows a
 * little is rewritten in place. A freed or outgrown slot is not reused; {@link #wasteful} says when the slots left
 * behind outweigh the live ones, and the owner then copies the live ones into new slots.
 */
final class Slots {
    /** The first buffer's size; each next one is twice the last, up to {@link #LARGEST_CHUNK}. */
    static final int FIRST_CHUNK = 64 << 10;
    /** Large enough that there are few buffers, small enough that one is quickly zeroed when allocated. */
    static final int LARGEST_CHUNK = 4 << 20;
    private static final int HEADER = 12;
    /** A capacity's unit: the room a value has to grow in place. */
    private static final int ALIGN = 16;

    private final List<ByteBuffer> chunks = new ArrayList<>();
    /** The next buffer, made ahead of need by {@link #offerSpare}; null until offered and once taken. */
    private ByteBuffer spare;
    /** Whether a spare was asked for and not offered yet: one caller makes it, not every writer meanwhile. */
    private boolean spareAsked;
    private final long wasteAllowed;
    private int used;
    private long live;
    private long garbage;

    /**
     * Empty slots.
     *
     * @param wasteAllowed how many bytes of freed slots {@link #wasteful} tolerates whatever the live ones weigh
     */
    Slots(long wasteAllowed) {
        this.wasteAllowed = wasteAllowed;
    }

    /** Stores {@code value} under {@code key} in a new slot, and returns its address. */
    long put(String key, byte[] value) {
        int capacity = roundUp(2 * key.length() + value.length);
        int size = HEADER + capacity;
        ByteBuffer chunk = room(size);
        int at = used;
        chunk.putInt(at, capacity).putInt(at + 4, key.length()).putInt(at + 8, value.length);
        for (int i = 0; i < key.length(); i++) {
            chunk.putChar(at + HEADER + 2 * i, key.charAt(i));
        }
        chunk.put(at + HEADER + 2 * key.length(), value);
        used += size;
        live += size;
        return (long) (chunks.size() - 1) << 32 | at;
    }

    /** Replaces the value at {@code ref} in place, if it fits there; {@code false}, changing nothing, if not. */
    boolean rewrite(long ref, byte[] value) {
        ByteBuffer chunk = chunk(ref);
        int at = offset(ref);
        int keyBytes = 2 * chunk.getInt(at + 4);
        if (keyBytes + value.length > chunk.getInt(at)) {
            return false;
        }
        chunk.putInt(at + 8, value.length).put(at + HEADER + keyBytes, value);
        return true;
    }

    /** Gives up the slot at {@code ref}; its address must not be used again. */
    void free(long ref) {
        int size = HEADER + chunk(ref).getInt(offset(ref));
        live -= size;
        garbage += size;
    }

    /** The value at {@code ref}, as a buffer of its own from position 0 to its length; valid until it changes. */
    ByteBuffer value(long ref) {
        ByteBuffer chunk = chunk(ref);
        int at = offset(ref);
        return chunk.slice(at + HEADER + 2 * chunk.getInt(at + 4), chunk.getInt(at + 8));
    }

    /** The key at {@code ref}. */
    String key(long ref) {
        ByteBuffer chunk = chunk(ref);
        int at = offset(ref);
        char[] key = new char[chunk.getInt(at + 4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = chunk.getChar(at + HEADER + 2 * i);
        }
        return new String(key);
    }

    /** The key at {@code ref} compared to {@code key}, as {@link String#compareTo} would compare them. */
    int compare(long ref, String key) {
        ByteBuffer chunk = chunk(ref);
        int at = offset(ref);
        int length = chunk.getInt(at + 4);
        int common = Math.min(length, key.length());
        for (int i = 0; i < common; i++) {
            char stored = chunk.getChar(at + HEADER + 2 * i);
            if (stored != key.charAt(i)) {
                return stored - key.charAt(i);
            }
        }
        return length - key.length();
    }

    /** Copies the slot at {@code ref} of {@code from} into a new slot here, and returns its address. */
    long copy(Slots from, long ref) {
        ByteBuffer value = from.value(ref);
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return put(from.key(ref), bytes);
    }

    /** Whether freed slots take more room than live ones, and more than this instance was told to allow. */
    boolean wasteful() {
        return garbage > wasteAllowed && garbage > live;
    }

    /** Bytes in live slots, headers included. */
    long live() {
        return live;
    }

    /** Bytes in freed slots, headers included. */
    long garbage() {
        return garbage;
    }

    /**
     * The size of the buffer {@link #offerSpare} should be given, or 0 while a spare is waiting or already asked for.
     *
     * <p>A new buffer is zeroed when it is made, and the memory behind it is touched for the first time: 1.4 ms for
     * 4 MiB on the benchmark machine, 8–13 ms once the process had touched a few gigabytes. Made under the store's
     * write lock, that held every request; so the owner makes the next buffer ahead of need, outside its lock, and
     * hands it over here.
     */
    int spareWanted() {
        if (spare != null || spareAsked) {
            return 0;
        }
        spareAsked = true;
        return nextChunk();
    }

    /** Keeps {@code chunk} as the next buffer, if none is waiting and it is at least as large as wanted. */
    void offerSpare(ByteBuffer chunk) {
        spareAsked = false;
        if (spare == null && chunk.capacity() >= nextChunk()) {
            spare = chunk;
        }
    }

    private ByteBuffer room(int size) {
        ByteBuffer last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (last != null && used + size <= last.capacity()) {
            return last;
        }
        ByteBuffer chunk;
        if (spare != null && spare.capacity() >= size) {
            chunk = spare;
            spare = null;
        } else {
            chunk = ByteBuffer.allocateDirect(Math.max(nextChunk(), size));
            // Made here after all (the spare asked for never came, or was too small): the next write asks again.
            spareAsked = false;
        }
        chunks.add(chunk);
        used = 0;
        return chunk;
    }

    /** The size of the buffer after the last: the first, or twice the last, up to the largest. */
    private int nextChunk() {
        return chunks.isEmpty() ? FIRST_CHUNK
                : (int) Math.min(LARGEST_CHUNK, 2L * chunks.get(chunks.size() - 1).capacity());
    }

    private ByteBuffer chunk(long ref) {
        return chunks.get((int) (ref >>> 32));
    }

    private static int offset(long ref) {
        return (int) ref;
    }

    private static int roundUp(int bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }
}
