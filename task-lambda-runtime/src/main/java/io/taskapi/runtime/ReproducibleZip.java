package io.taskapi.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips written the same way by every build: entries in name order, every time the build's fixed time, and Unix modes
 * (Lambda runs {@code bootstrap} and {@code jre/bin/java} only if the zip marks them executable).
 */
final class ReproducibleZip {
    private ReproducibleZip() {
    }

    /**
     * Zips everything under {@code root}. Each entry's time is written twice, as Lambda's unzip may read either: in
     * the DOS field as UTC wall-clock time (Lambda's clock is UTC) and in the extended timestamp field as an instant.
     * Both give back {@code time}, which is the time the cache recorded for each jar.
     */
    static void write(Path root, Path zip, FileTime time) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(path -> !path.equals(root)).sorted((a, b) -> name(root, a).compareTo(name(root, b)))
                    .toList();
        }
        long millis = time.toMillis();
        long dosMillis = millis - TimeZone.getDefault().getOffset(millis);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Path path : paths) {
                boolean directory = Files.isDirectory(path);
                ZipArchiveEntry entry = new ZipArchiveEntry(name(root, path) + (directory ? "/" : ""));
                X5455_ExtendedTimestamp stamp = new X5455_ExtendedTimestamp();
                stamp.setModifyJavaTime(new Date(millis));
                entry.addExtraField(stamp);
                // After the extra field, which would otherwise set the DOS field from the instant in this zone.
                entry.setTime(dosMillis);
                entry.setUnixMode((directory ? 040000 : 0100000)
                        | (directory || Files.isExecutable(path) ? 0755 : 0644));
                out.putArchiveEntry(entry);
                if (!directory) {
                    try (InputStream in = Files.newInputStream(path)) {
                        in.transferTo(out);
                    }
                }
                out.closeArchiveEntry();
            }
        }
    }

    private static String name(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /** A jar whose entries keep the order they are added in and carry the build's time, whatever the time zone. */
    static final class JarWriter implements Closeable {
        private final ZipOutputStream out;
        private final LocalDateTime time;

        JarWriter(Path jar, FileTime time) throws IOException {
            this.out = new ZipOutputStream(Files.newOutputStream(jar));
            this.time = LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC);
        }

        void add(String name, byte[] content) throws IOException {
            ZipEntry entry = new ZipEntry(name);
            entry.setTimeLocal(time);
            out.putNextEntry(entry);
            out.write(content);
            out.closeEntry();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
