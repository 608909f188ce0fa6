package io.taskapi.javalin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local server's request log output: whole lines gathered from every request thread and written to the target by
 * one writer thread, a few milliseconds' worth at a time, in one call.
 *
 * <p>Why: a write per line was a system call per request, and every request thread queued on the stream's lock while
 * one of them was in that call (benchmarks, section 3, has the figures). Here a request thread only copies its line
 * into a buffer. The writer waits {@link #LINGER_MILLIS} after the first line of a batch, or less when the buffer is
 * half full, so a line reaches the target at most that late while the target keeps up. When it does not, request
 * threads wait for room, as they waited for the stream before. The writer thread starts with the first line and ends
 * after {@link #IDLE_MILLIS} without one, so an idle server holds no thread for it. {@link #flush} returns once every
 * line written before it has been written out, which the server does when it stops; lines still gathering when the
 * process is killed are lost.
 *
 * <p>Each {@code write} call is taken as a whole (the log writes a line in one call) and never split between batches.
 * A line longer than the whole buffer is written by its own thread, once everything before it has been written out.
 */
public final class BatchingOutputStream extends OutputStream {
    /** How long the writer gathers lines after the first one of a batch. */
    static final long LINGER_MILLIS = 5;
    /** How long the writer thread waits for a line before it ends. */
    static final long IDLE_MILLIS = 60_000;
    /** Bytes each of the two buffers holds: well over a linger's worth of lines at the server's highest rates. */
    static final int CAPACITY = 256 * 1024;

    private final OutputStream target;
    private final String writerName;
    private final long lingerNanos;
    private final long idleNanos;
    /** Lines gathering; swapped with {@link #spare} when the writer takes them. */
    private byte[] pending;
    private int size;
    /** The empty buffer to swap in next; null while the writer writes the batch it swapped out. */
    private byte[] spare;
    /** Bytes handed to {@link #write} and bytes written out (or dropped by a failed write), for {@link #flush}. */
    private long accepted;
    private long done;
    private boolean writerRunning;
    /** Set by {@link #flush} and by a full buffer: the writer writes now instead of gathering more. */
    private boolean urgent;
    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits on this for a line, or for a reason to stop gathering. */
    private final Condition lineArrived = lock.newCondition();
    /** Writers of lines and {@link #flush} wait on this for the writer's next step: room, or bytes written out. */
    private final Condition progress = lock.newCondition();

    /**
     * Gathers lines for {@code target}.
     *
     * @param target where the lines go
     */
    public BatchingOutputStream(OutputStream target) {
        this(target, "request-log-writer", LINGER_MILLIS, IDLE_MILLIS, CAPACITY);
    }

    BatchingOutputStream(OutputStream target, String writerName, long lingerMillis, long idleMillis, int capacity) {
        this.target = Objects.requireNonNull(target, "target");
        this.writerName = writerName;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.pending = new byte[capacity];
        this.spare = new byte[capacity];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        boolean interrupted = false;
        lock.lock();
        try {
            // A line longer than the whole buffer goes out on its own, after everything before it.
            int room = Math.min(length, pending.length);
            while (size + room > pending.length) {
                hurry();
                interrupted |= awaitProgress();
            }
            if (length > pending.length) {
                while (accepted != done) {
                    hurry();
                    interrupted |= awaitProgress();
                }
                try {
                    target.write(bytes, offset, length);
                    target.flush();
                } finally {
                    accepted += length;
                    done += length;
                }
            } else {
                System.arraycopy(bytes, offset, pending, size, length);
                size += length;
                accepted += length;
                if (!writerRunning) {
                    startWriter();
                } else if (size >= pending.length / 2) {
                    hurry();
                } else if (size == length) {
                    // The first line of a batch: the writer may be waiting for one.
                    lineArrived.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns once every byte written before the call has been written out to the target, and flushes the target. */
    @Override
    public void flush() throws IOException {
        boolean interrupted = false;
        lock.lock();
        try {
            long until = accepted;
            while (done < until) {
                hurry();
                interrupted |= awaitProgress();
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        target.flush();
    }

    /**
     * Tells the writer to write what it has now instead of gathering more; starts one if none runs, as after a writer
     * died of an Error with lines still gathered.
     */
    private void hurry() {
        urgent = true;
        if (writerRunning) {
            lineArrived.signal();
        } else {
            startWriter();
        }
    }

    private void startWriter() {
        writerRunning = true;
        Thread writer = new Thread(this::writeBatches, writerName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Waits for the writer's next step; reports an interrupt instead of throwing it, so no line is half handled. */
    private boolean awaitProgress() {
        try {
            progress.await();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void writeBatches() {
        boolean idle = false;
        try {
            writeUntilIdle();
            idle = true;
        } finally {
            if (!idle) {
                // The thread dies of an Error: the next line, or a wait for room or a flush, starts another writer.
                lock.lock();
                try {
                    writerRunning = false;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Writes batches until no line has come for {@link #idleNanos}; says so under the lock that lines take. */
    private void writeUntilIdle() {
        while (true) {
            byte[] batch;
            int length;
            lock.lock();
            try {
                long idleSince = System.nanoTime();
                while (size == 0) {
                    long left = idleSince + idleNanos - System.nanoTime();
                    if (left <= 0) {
                        writerRunning = false;
                        return;
                    }
                    awaitLine(left);
                }
                long deadline = System.nanoTime() + lingerNanos;
                while (!urgent) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    awaitLine(left);
                }
                urgent = false;
                batch = pending;
                length = size;
                pending = spare;
                spare = null;
                size = 0;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                target.write(batch, 0, length);
                target.flush();
            } catch (IOException | RuntimeException e) {
                // The log has nowhere to report its own failure; the lines of this batch are lost, as a PrintStream
                // would lose them, and the next batch is tried afresh.
            } finally {
                lock.lock();
                try {
                    spare = batch;
                    done += length;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void awaitLine(long nanos) {
        try {
            lineArrived.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // Only this class runs the writer thread, and nothing interrupts it; keep gathering.
        }
    }
}
