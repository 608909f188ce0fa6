package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.javalin.di.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as {@link TaskServerMain} assembles it with {@code TASKS_STORE=memory}: its graph hands out a file store
 * in {@code TASKS_FILES_DIR} whose signed URLs name the server's own address and are served by the server itself.
 */
class ServerFilesTest {
    @TempDir
    static Path folder;

    private static ServerComponent component;

    @BeforeAll
    static void start() {
        component = TestServers.start(Map.of("PORT", "0", "TASKS_FILES_DIR", folder.resolve("files").toString()));
    }

    @AfterAll
    static void stop() {
        component.server().stop();
    }

    @Test
    void theFileStoreOfTheGraphSignsUrlsThatTheServerItselfServes() throws IOException, InterruptedException {
        FileStore files = component.files().orElseThrow();
        String key = UUID.randomUUID() + "/" + UUID.randomUUID();
        UploadGrant grant = files.uploadGrant(key, "text/csv", 4, Instant.now().plusSeconds(300));

        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(grant.url()))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("a,b\n")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(grant.url()).startsWith("http://127.0.0.1:" + component.server().port() + "/files/" + key + "?");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        assertThat(files.stat(key)).contains(new StoredFile(4, "text/csv"));
        assertThat(Files.readString(folder.resolve("files").resolve(key).resolve("content"))).isEqualTo("a,b\n");
        assertThat(component.files()).containsSame(files);
    }

    @Test
    void aFilesFolderThatIsAFileStopsTheServerBeforeItListens() throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        ServerComponent unusable = DaggerServerComponent.factory().create(ServerSettings.fromEnvironment(
                Map.of("PORT", "0", "TASKS_FILES_DIR", file.toString())));

        assertThatThrownBy(unusable::server).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TASKS_FILES_DIR ").hasMessageEndingWith(" is not a folder");
    }
}
