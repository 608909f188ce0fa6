package io.taskapi.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;

/**
 * The custom runtime's package ({@code task-lambda-runtime.zip}) as Lambda's {@code provided.al2023} sees it: extracted
 * into {@code target/custom-runtime-package/} with each entry's time and Unix mode as the zip records them, which is
 * what an unzip does and what the package's cache and {@code bootstrap} depend on.
 */
final class CustomRuntimePackage {
    private static Path extracted;

    private CustomRuntimePackage() {
    }

    /**
     * The zip task-lambda-runtime built; the calling test is skipped, saying why, when there is none, which is the
     * case on a machine without a JDK 25 (that module then builds nothing).
     */
    static Path zip() {
        Path zip = Repository.root().resolve("task-lambda-runtime/target/task-lambda-runtime.zip");
        Assumptions.assumeTrue(Files.isRegularFile(zip), () -> "SKIPPED: " + zip + " does not exist; it is built by"
                + " ./mvnw -pl task-lambda-runtime -am package where a JDK 25 is found (JDK25_HOME or /usr/lib/jvm)");
        return zip;
    }

    /** The zip extracted afresh (once per JVM), like Lambda's task root. */
    static synchronized Path taskRoot() {
        if (extracted == null) {
            extracted = extract(zip(), Repository.target().resolve("custom-runtime-package"));
        }
        return extracted;
    }

    private static Path extract(Path zipFile, Path into) {
        try {
            LambdaPackage.deleteRecursively(into);
            Files.createDirectories(into);
            try (ZipFile zip = ZipFile.builder().setPath(zipFile).get()) {
                for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                    Path target = into.resolve(entry.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IOException("entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getUnixMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
                // Times last: writing a file into a directory changes the directory's time.
                for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                    Files.setLastModifiedTime(into.resolve(entry.getName()), entry.getLastModifiedTime());
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + zipFile, e);
        }
    }
}
