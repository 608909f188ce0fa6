package io.taskapi.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the embedding example exactly as the README prints it, against this module's classes only. */
class EmbeddingExampleTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeExampleCompilesAgainstTheDomainAloneAndPrintsWhatTheReadmeSays(@TempDir Path work) throws Exception {
        String readme = Files.readString(README);
        String source = fencedBlockAfter(readme, "<!-- embedding-example -->", "java");
        String expectedOutput = fencedBlockAfter(readme, "<!-- embedding-output -->", "text");
        Path sourceFile = work.resolve("EmbeddedTasks.java");
        Files.writeString(sourceFile, source);
        Path domainClasses = Path.of("target", "classes").toAbsolutePath();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics,
                "--release", "17", "-classpath", domainClasses.toString(), "-d", work.toString(), sourceFile.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String output = runMain(work, domainClasses);

        assertThat(output).isEqualTo(expectedOutput);
    }

    private static String runMain(Path exampleClasses, Path domainClasses) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // Only the JDK as parent: the example must not see test classes or anything beyond the domain.
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {exampleClasses.toUri().toURL(), domainClasses.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method main = loader.loadClass("EmbeddedTasks").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
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
