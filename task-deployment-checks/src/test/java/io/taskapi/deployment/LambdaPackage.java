package io.taskapi.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The deployment package as Lambda's Java runtime sees it: the zip extracted into {@code target/lambda-package/}
 * (Lambda's {@code /var/task}), and class loaders over its root and {@code lib/*.jar} that see nothing of this build.
 */
public final class LambdaPackage {
    private static Path extracted;

    private LambdaPackage() {
    }

    /** The zip Maven built; fails with how to build it when it is missing. */
    public static Path zip() {
        Path zip = Repository.lambdaZip();
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError(zip + " does not exist: build it first (./mvnw -pl task-adapter-lambda -am package)");
        }
        return zip;
    }

    /** The names of every entry in the zip, in zip order. */
    public static List<String> entryNames() {
        try (ZipFile zip = new ZipFile(zip().toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + Repository.lambdaZip(), e);
        }
    }

    /** The zip extracted afresh (once per JVM) into {@code target/lambda-package/}, like Lambda's task root. */
    public static synchronized Path taskRoot() {
        if (extracted == null) {
            extracted = extract(zip(), Repository.target().resolve("lambda-package"));
        }
        return extracted;
    }

    /**
     * A new class loader over the task root and every jar in its {@code lib/}, with the platform class loader as its
     * parent: it sees the JDK and the package, never this module's test classpath.
     */
    public static URLClassLoader newClassLoader() {
        Path root = taskRoot();
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toUri().toURL());
            for (Path jar : libraryJars(root)) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader("lambda-package", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<Path> libraryJars(Path root) {
        Path lib = root.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private static Path extract(Path zipFile, Path into) {
        try {
            deleteRecursively(into);
            Files.createDirectories(into);
            Path root = into.toRealPath();
            try (ZipFile zip = new ZipFile(zipFile.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new AssertionError("zip entry escapes the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + zipFile + " into " + into, e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
