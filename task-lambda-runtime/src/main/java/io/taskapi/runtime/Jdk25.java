package io.taskapi.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK 25 that links and trains the custom runtime: {@code JDK25_HOME}, else the JDK running the build if it
 * is a 25, else the first (by name) under {@code /usr/lib/jvm} whose {@code release} file says 25.
 */
final class Jdk25 {
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

    private Jdk25() {
    }

    static Optional<Path> find() throws IOException {
        String configured = System.getenv("JDK25_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (!isJdk25(home)) {
                throw new IllegalStateException("JDK25_HOME=" + configured + " is not a JDK 25 with jlink");
            }
            return Optional.of(home);
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (isJdk25(running)) {
            return Optional.of(running);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.sorted().filter(Jdk25::isJdk25).findFirst();
        }
    }

    /** The full version in the JDK's {@code release} file, e.g. {@code 25.0.3}. */
    static String version(Path home) throws IOException {
        Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static boolean isJdk25(Path home) {
        try {
            return Files.isExecutable(home.resolve("bin/jlink")) && Files.isRegularFile(home.resolve("release"))
                    && (version(home).equals("25") || version(home).startsWith("25."));
        } catch (IOException e) {
            return false;
        }
    }
}
