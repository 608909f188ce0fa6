package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskapi.application.Setting;
import io.taskapi.javalin.di.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting the server as an operator sees it: the help, the startup message, and one line for each unusable setting. */
class TaskServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEverySettingWithItsDefaultAndStartsNothing() {
        TaskServer server = launch(Map.of(), "--help");

        assertThat(server).isNull();
        String help = out.toString(StandardCharsets.UTF_8);
        for (Setting<?> setting : ServerSettings.SETTINGS) {
            assertThat(help).contains(setting.variable(), setting.meaning(), "default: " + setting.defaultHelp());
        }
        assertThat(help).contains("/health", "/health/ready", "Exit status", "64 KiB", "8 KiB", "TASKS_AUTH=jwt");
    }

    @Test
    void startupSaysWhereItListensWhichStoreAndAuthAndWhereTheDataLives() {
        TaskServer server = launch(Map.of("PORT", "0"));
        try {
            String url = "http://127.0.0.1:" + server.port();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Task API listening on " + url + "\n")
                    .contains("  board:   " + url + "/", "  store:   memory\n",
                            "  data:    in this process's memory: tasks are lost when it stops"
                                    + " (TASKS_STORE=dynamodb keeps them, see --help)\n",
                            "  auth:    none (single local owner)\n", "  threads: ");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: TASKS_PAGE_TOKEN_SECRET is not set");
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerOnAllInterfacesIsShownWithAClickableUrl() {
        TaskServer server = launch(Map.of("PORT", "0", "HOST", "0.0.0.0"));
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Task API listening on http://localhost:"
                    + server.port() + " (on all interfaces, HOST=0.0.0.0)");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: TASKS_AUTH=none on HOST=0.0.0.0: every"
                    + " client that can reach this server reads and changes the same tasks");
        } finally {
            server.stop();
        }
    }

    @Test
    void aBadPortIsAConfigurationErrorNamingPort() {
        TaskServerMain.StartupFailure failure = failure(Map.of("PORT", "http"));

        assertThat(failure.status).isEqualTo(2);
        assertThat(failure).hasMessage("Configuration error: PORT must be an integer from 0 to 65535, got: http");
    }

    @Test
    void aPortInUseIsAConfigurationErrorNamingPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TaskServerMain.StartupFailure failure = failure(Map.of("PORT", String.valueOf(taken.getLocalPort())));

            assertThat(failure.status).isEqualTo(2);
            assertThat(failure).hasMessage("Configuration error: PORT " + taken.getLocalPort()
                    + " is already in use on 127.0.0.1 (stop the other program, or set PORT to a free port; 0 picks"
                    + " one)");
        }
    }

    @Test
    void aHostThatIsNotThisMachineIsAConfigurationErrorNamingHost() {
        // 192.0.2.0/24 is reserved for documentation: never an address of this machine, and binding sends nothing.
        TaskServerMain.StartupFailure failure = failure(Map.of("PORT", "0", "HOST", "192.0.2.1"));

        assertThat(failure.status).isEqualTo(2);
        assertThat(failure.getMessage()).startsWith("Configuration error: HOST 192.0.2.1 is not an address of this"
                + " machine").doesNotContain("\n");
    }

    @Test
    void anUnknownArgumentIsRefusedPointingToTheHelp() {
        TaskServerMain.StartupFailure failure = failure(Map.of(), "--port=9000");

        assertThat(failure.status).isEqualTo(2);
        assertThat(failure).hasMessageContaining("--port=9000").hasMessageContaining("--help");
    }

    private TaskServer launch(Map<String, String> env, String... args) {
        return TaskServerMain.launch(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private TaskServerMain.StartupFailure failure(Map<String, String> env, String... args) {
        TaskServerMain.StartupFailure failure = catchThrowableOfType(TaskServerMain.StartupFailure.class,
                () -> launch(env, args));
        assertThat(failure).as("startup failure").isNotNull();
        return failure;
    }
}
