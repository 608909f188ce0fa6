package io.taskapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package's zip: what Lambda needs of its entries (modes, times) and the same bytes from every build. */
class ReproducibleZipTest {
    private static final FileTime BUILD_TIME = FileTime.from(Instant.parse("2026-12-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void entriesComeInNameOrderWithTheBuildTimeAndTheirUnixModes() throws IOException {
        Path root = tree();
        Path zip = dir.resolve("package.zip");

        ReproducibleZip.write(root, zip, BUILD_TIME);

        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = Collections.list(file.getEntries());
            assertThat(entries).extracting(ZipArchiveEntry::getName)
                    .containsExactly("bootstrap", "jre/", "jre/bin/", "jre/bin/java", "lib/", "lib/a.jar");
            assertThat(entries).allSatisfy(entry -> assertThat(entry.getLastModifiedTime()).isEqualTo(BUILD_TIME));
            assertThat(entries).filteredOn(entry -> entry.getName().equals("bootstrap")
                    || entry.getName().equals("jre/bin/java")).allSatisfy(entry ->
                            assertThat(entry.getUnixMode()).isEqualTo(0100755));
            assertThat(file.getEntry("lib/a.jar").getUnixMode()).isEqualTo(0100644);
            assertThat(file.getEntry("lib/").getUnixMode()).isEqualTo(040755);
        }
    }

    @Test
    void theDosTimeIsTheBuildTimeInUtcWhateverTheBuildMachinesZone() throws IOException {
        Path root = tree();
        TimeZone zone = TimeZone.getDefault();
        byte[][] zips = new byte[2][];
        try {
            for (int i = 0; i < 2; i++) {
                TimeZone.setDefault(TimeZone.getTimeZone(i == 0 ? "UTC" : "America/New_York"));
                Path zip = dir.resolve("package-" + i + ".zip");
                ReproducibleZip.write(root, zip, BUILD_TIME);
                zips[i] = Files.readAllBytes(zip);
            }
        } finally {
            TimeZone.setDefault(zone);
        }
        assertThat(zips[1]).isEqualTo(zips[0]);
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(dir.resolve("package-1.zip").toFile())) {
            // Read without the extended field's instant: the DOS field alone, as an unzip that ignores extra fields.
            assertThat(file.getEntry("bootstrap").getTimeLocal()).isEqualTo("2026-12-01T00:00");
        }
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("jre/bin"));
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("bootstrap"), "#!/bin/sh\n");
        Files.writeString(root.resolve("jre/bin/java"), "binary");
        Files.writeString(root.resolve("lib/a.jar"), "jar");
        root.resolve("bootstrap").toFile().setExecutable(true, false);
        root.resolve("jre/bin/java").toFile().setExecutable(true, false);
        return root;
    }
}
