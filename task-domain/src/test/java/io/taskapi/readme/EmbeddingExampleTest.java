package io.taskapi.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example is the program of {@code examples/in-memory}, byte for byte, and prints what the
 * README says: its sources ({@code module-info.java} too) compiled and run on the module path with this module's
 * classes alone, before anything is installed. (The repository's {@code ExamplesIT} also builds that example with Maven
 * against the installed jar.)
 */
class EmbeddingExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE_SOURCES = Path.of("..", "examples", "in-memory", "src", "main", "java");
    private static final Path EXAMPLE_MAIN = EXAMPLE_SOURCES.resolve("io/taskapi/example/memory/EmbeddedTasks.java");
    private static final String EXAMPLE_MODULE = "io.taskapi.example.memory";
    private static final String EXAMPLE_CLASS = "io.taskapi.example.memory.EmbeddedTasks";

    @Test
    void theReadmeExampleIsTheInMemoryExamplesProgramByteForByte() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String block = fencedBlockAfter(readme, "<!-- embedding-example -->", "java");

        // As text first, for a readable difference; then the bytes.
        assertThat(block).as("the README's block and " + EXAMPLE_MAIN)
                .isEqualTo(Files.readString(EXAMPLE_MAIN, StandardCharsets.UTF_8));
        assertThat(block.getBytes(StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(EXAMPLE_MAIN));
    }

    @Test
    void theExampleRunsOnTheModulePathWithTheDomainAloneAndPrintsWhatTheReadmeSays(@TempDir Path work)
            throws Exception {
        String expectedOutput = fencedBlockAfter(Files.readString(README, StandardCharsets.UTF_8),
                "<!-- embedding-output -->", "text");
        Path domainClasses = Path.of("target", "classes").toAbsolutePath();
        assertThat(domainClasses.resolve("module-info.class")).as("task-domain is a named module").isRegularFile();
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE_SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> file.toAbsolutePath().toString()).sorted().toList();
        }
        assertThat(sources).anyMatch(source -> source.endsWith("module-info.java"));
        Path exampleClasses = work.resolve("classes");

        // The module path holds the domain's classes and nothing else: the example sees only the domain (and the JDK).
        // javac and java run as child processes: this test runs inside the domain's module, which reads no compiler.
        List<String> javac = new ArrayList<>(List.of(jdkTool("javac"),
                "--release", "17", "--module-path", domainClasses.toString(), "-d", exampleClasses.toString()));
        javac.addAll(sources);
        run(work, "javac", javac);

        String output = run(work, "java", List.of(jdkTool("java"),
                "--module-path", exampleClasses + File.pathSeparator + domainClasses,
                "--module", EXAMPLE_MODULE + "/" + EXAMPLE_CLASS));

        assertThat(output).isEqualTo(expectedOutput);
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs {@code command} with no class path in the environment; its standard output, once it has succeeded. */
    private static String run(Path work, String name, List<String> command) throws Exception {
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("CLASSPATH");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n"
                + Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8))
                .isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String fencedBlockAfter(String markdown, String marker, String language) {
        int at = markdown.indexOf(marker);
        assertThat(at).as("README contains " + marker).isNotNegative();
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(markdown.substring(at));
        assertThat(block.find()).as("a ```" + language + " block follows " + marker).isTrue();
        return block.group(1);
    }
}
