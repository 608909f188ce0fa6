package io.taskapi.benchmarks.coldstart;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the cold-start programs print: one line per milestone, {@code @@NAME value}, read by the driver as it arrives
 * (the driver timestamps each line itself, from the moment it spawned the process).
 */
final class Markers {
    private Markers() {
    }

    static void mark(String name) {
        System.out.println("@@" + name);
        System.out.flush();
    }

    static void mark(String name, Object value) {
        System.out.println("@@" + name + " " + value);
        System.out.flush();
    }

    /**
     * Memory after the work: resident set high-water mark (read first, from /proc, before the management classes load)
     * and the peak use of the heap pools. Printed after the timed milestones, so it costs them nothing.
     */
    static void memory() {
        long hwmKb = -1;
        long rssKb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    hwmKb = kilobytes(line);
                } else if (line.startsWith("VmRSS:")) {
                    rssKb = kilobytes(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: leave -1.
        }
        long peakHeap = 0;
        long committedHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
                committedHeap += pool.getPeakUsage().getCommitted();
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        // CPU time of all the JVM's threads (JIT compilers and GC included) until now: less disturbed by other load
        // on the machine than elapsed time.
        long cpuMicros = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1000;
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        mark("MEMORY", "vmhwm_kb=" + hwmKb + " vmrss_kb=" + rssKb + " peak_heap_used=" + peakHeap
                + " peak_heap_committed=" + committedHeap + " max_heap=" + maxHeap + " uptime_ms=" + uptime
                + " cpu_us=" + cpuMicros);
    }

    private static long kilobytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return Long.parseLong(digits);
    }
}
