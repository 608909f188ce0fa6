package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingOutputStreamTest {
    /** Records what reaches it and how many writes it took; optionally slow, or failing at its first write. */
    private static class Target extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final AtomicInteger writes = new AtomicInteger();
        private final long millisPerWrite;
        private volatile boolean failNext;

        Target(long millisPerWrite) {
            this.millisPerWrite = millisPerWrite;
        }

        @Override
        public void write(int b) {
            throw new AssertionError("lines arrive as arrays");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes.incrementAndGet();
            if (failNext) {
                failNext = false;
                throw new IOException("disk full");
            }
            sleep(millisPerWrite);
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void line(OutputStream out, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    /** Writes each text as a line; returns what the target holds once they are all written out. */
    private static String lines(OutputStream out, List<String> texts) throws IOException {
        StringBuilder expected = new StringBuilder();
        for (String text : texts) {
            line(out, text);
            expected.append(text).append('\n');
        }
        return expected.toString();
    }

    private static boolean writerAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void linesOfManyThreadsArriveWholeInEachThreadsOrderInFewWrites() throws Exception {
        Target target = new Target(0);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-many", 5, 60_000, 4096);
        int threads = 8;
        int lines = 5_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                try {
                    for (int n = 0; n < lines; n++) {
                        line(out, "thread " + thread + " line " + n + " " + "x".repeat(n % 50));
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        out.flush();

        Map<Integer, Integer> next = new HashMap<>();
        String[] received = target.text().split("\n", -1);
        assertThat(received).hasSize(threads * lines + 1);
        for (int i = 0; i < threads * lines; i++) {
            String[] parts = received[i].split(" ");
            int thread = Integer.parseInt(parts[1]);
            int n = Integer.parseInt(parts[3]);
            assertThat(n).as("line %d: %s", i, received[i]).isEqualTo(next.getOrDefault(thread, 0));
            assertThat(parts.length == 5 ? parts[4] : "").isEqualTo("x".repeat(n % 50));
            next.put(thread, n + 1);
        }
        assertThat(target.writes.get()).isLessThan(threads * lines / 10);
    }

    @Test
    void aLineReachesTheTargetWithoutAFlush() throws Exception {
        Target target = new Target(0);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-one", 5, 60_000, 4096);

        line(out, "alone");

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (target.text().isEmpty() && System.nanoTime() < deadline) {
            sleep(1);
        }
        assertThat(target.text()).isEqualTo("alone\n");
    }

    @Test
    void flushReturnsOnceEverythingBeforeItIsWrittenOut() throws Exception {
        Target target = new Target(20);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-flush", 1_000, 60_000, 4096);
        String expected = lines(out, IntStream.range(0, 100).mapToObj(n -> "line " + n).toList());

        out.flush();

        assertThat(target.text()).isEqualTo(expected);
    }

    @Test
    void aFullBufferMakesWritersWaitAndALineLongerThanItKeepsItsPlace() throws Exception {
        Target target = new Target(2);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-full", 5, 60_000, 64);
        String longLine = "y".repeat(200);
        String expected = lines(out, IntStream.range(0, 200).mapToObj(n -> n % 50 == 25 ? longLine : "line " + n)
                .toList());

        out.flush();

        assertThat(target.text()).isEqualTo(expected);
    }

    @Test
    void theWriterEndsWhenIdleAndTheNextLineStartsAnother() throws Exception {
        Target target = new Target(0);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-idle", 1, 50, 4096);

        line(out, "first");
        out.flush();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (writerAlive("writer-idle") && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(writerAlive("writer-idle")).as("ended after 50 ms without a line").isFalse();
        line(out, "second");
        out.flush();

        assertThat(target.text()).isEqualTo("first\nsecond\n");
    }

    @Test
    void linesGatheredWhileTheWriterDiesOfAnErrorStillComeOut() throws Exception {
        Target target = new Target(0) {
            private boolean died;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!died) {
                    died = true;
                    sleep(200);
                    throw new OutOfMemoryError("simulated");
                }
                super.write(b, off, len);
            }
        };
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-dying", 1, 60_000, 4096);

        line(out, "lost");
        sleep(50);
        line(out, "gathered while the writer is in its write");

        assertTimeoutPreemptively(Duration.ofSeconds(10), out::flush);
        assertThat(target.text()).isEqualTo("gathered while the writer is in its write\n");
    }

    @Test
    void aFailedWriteLosesOnlyItsBatch() throws Exception {
        Target target = new Target(0);
        BatchingOutputStream out = new BatchingOutputStream(target, "writer-failing", 1, 60_000, 4096);
        target.failNext = true;

        line(out, "lost");
        out.flush();
        line(out, "kept");
        out.flush();

        assertThat(target.text()).isEqualTo("kept\n");
    }
}
