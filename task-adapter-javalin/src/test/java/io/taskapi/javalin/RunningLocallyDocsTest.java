package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.Setting;
import io.taskapi.javalin.di.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Running locally" section stays true to the server: every setting, the screenshot, the commands. */
class RunningLocallyDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everySettingIsInTheTableWithItsDefault() throws IOException {
        String section = section();

        for (Setting<?> setting : ServerSettings.SETTINGS) {
            assertThat(section).as(setting.variable()).containsPattern(
                    "\\n\\| `" + setting.variable() + "` \\| `?" + java.util.regex.Pattern.quote(setting.defaultHelp()));
        }
    }

    /** The list, board and phone screenshots that scripts/board-screenshots.sh takes. */
    @Test
    void theScreenshotsOfTheBoardAreCommittedAndSmall() throws IOException {
        for (String image : List.of("board-list.png", "board-columns.png", "board-phone.png")) {
            assertThat(section()).contains("](docs/images/" + image + ")");
            Path screenshot = ROOT.resolve("docs/images").resolve(image);

            assertThat(screenshot).exists();
            assertThat(Files.size(screenshot)).as(image).isBetween(10_000L, 300_000L);
        }
    }

    @Test
    void theSectionNamesTheHealthRoutesTheHelpAndThePersistentMode() throws IOException {
        assertThat(section()).contains("./mvnw -q -DskipTests package && java -jar task-adapter-javalin/target/"
                        + "task-server.jar", "http://localhost:8080", "GET /health", "GET /health/ready", "--help",
                "scripts/run-local-dynamodb.sh", "exit status 2", TaskServerMain.AUTH_MODE);
        assertThat(ROOT.resolve("scripts/run-local-dynamodb.sh")).exists();
    }

    private static String section() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Running locally\n");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Running locally section").isPositive();
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
