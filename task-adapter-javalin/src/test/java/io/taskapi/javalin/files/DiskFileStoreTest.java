package io.taskapi.javalin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.MutableClock;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The disk store on its own: atomic, single uploads of exactly the signed size, keys that stay in the folder. */
class DiskFileStoreTest {
    private static final String TASK = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    private static final String KEY = TASK + "/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
    private static final String SECOND = TASK + "/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d";
    private static final String THIRD = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5e/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5f";
    private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(T0);
    private DiskFileStore store;

    private DiskFileStore store() {
        if (store == null) {
            FileUrls urls = FileUrls.withRandomKey();
            urls.base("http://127.0.0.1:8080");
            store = new DiskFileStore(folder.resolve("files"), urls, clock);
        }
        return store;
    }

    private DiskFileStore.Received receive(String key, String type, long size, String body) throws IOException {
        return store().receive(FileKey.parse(key), type, size, stream(body));
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> everything() throws IOException {
        Path root = folder.resolve("files");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anUploadGrantIsAPutOfTheKeySignedWithItsTypeAndLength() {
        UploadGrant grant = store().uploadGrant(KEY, "application/pdf", 120, T0.plusSeconds(300));

        assertThat(grant.url()).startsWith("http://127.0.0.1:8080/files/" + KEY
                + "?expires=1800000300&size=120&type=application%2Fpdf&signature=");
        assertThat(grant.headers()).isEqualTo(Map.of("Content-Type", "application/pdf", "Content-Length", "120"));
        assertThat(grant.expiresAt()).isEqualTo(1_800_000_300L);
        assertThat(store().downloadGrant(KEY, "plan.pdf", "application/pdf", T0.plusSeconds(300)).url())
                .startsWith("http://127.0.0.1:8080/files/" + KEY + "?expires=1800000300&filename=plan.pdf&signature=");
    }

    @Test
    void aStoredFileHasItsSizeAndTypeUntilDeleted() throws IOException {
        assertThat(store().stat(KEY)).isEmpty();

        assertThat(receive(KEY, "text/plain", 5, "hello")).isEqualTo(DiskFileStore.Received.STORED);

        assertThat(store().stat(KEY)).contains(new StoredFile(5, "text/plain"));
        assertThat(Files.readString(folder.resolve("files").resolve(KEY).resolve("content"))).isEqualTo("hello");
        try (InputStream body = store().open(FileKey.parse(KEY)).orElseThrow().body()) {
            assertThat(body.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
        store().delete(KEY);
        assertThat(store().stat(KEY)).isEmpty();
        assertThat(store().open(FileKey.parse(KEY))).isEmpty();
        assertThat(folder.resolve("files").resolve(KEY)).doesNotExist();
        store().delete(KEY);
    }

    @Test
    void aKeyTakesOneUploadOnly() throws IOException {
        receive(KEY, "text/plain", 5, "first");

        assertThat(receive(KEY, "text/plain", 6, "second")).isEqualTo(DiskFileStore.Received.ALREADY_STORED);
        assertThat(store().stat(KEY)).contains(new StoredFile(5, "text/plain"));
    }

    @Test
    void aBodyOfAnotherSizeThanSignedIsNotStoredAndLeavesNothing() throws IOException {
        assertThat(receive(KEY, "text/plain", 4, "hello")).isEqualTo(DiskFileStore.Received.TOO_LARGE);
        assertThat(receive(KEY, "text/plain", 6, "hello")).isEqualTo(DiskFileStore.Received.TOO_SMALL);

        assertThat(store().stat(KEY)).isEmpty();
        assertThat(everything()).isEmpty();
    }

    @Test
    void aLargerBodyIsReadOnlyOneBytePastItsSignedSize() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        ByteArrayInputStream body = new ByteArrayInputStream(huge);

        assertThat(store().receive(FileKey.parse(KEY), "application/zip", 10, body))
                .isEqualTo(DiskFileStore.Received.TOO_LARGE);
        assertThat(body.available()).isEqualTo(huge.length - 11);
    }

    @Test
    void keepingAFileSparesItFromTheCleanupOfAbandonedUploads() throws IOException {
        receive(KEY, "text/plain", 4, "kept");
        receive(SECOND, "text/plain", 7, "pending");
        store().keep(KEY);
        store().keep(KEY);
        clock.advance(Duration.ofHours(23));
        receive(THIRD, "text/plain", 5, "fresh");
        Path stale = folder.resolve("files").resolve(DiskFileStore.WORK).resolve("crashed-upload");
        Files.createDirectories(stale);
        Files.setLastModifiedTime(stale, FileTime.from(T0.minus(Duration.ofDays(2))));

        assertThat(store().cleanup()).isZero();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(store().cleanup()).isEqualTo(1);

        assertThat(store().stat(KEY)).contains(new StoredFile(4, "text/plain"));
        assertThat(store().stat(SECOND)).isEmpty();
        assertThat(store().stat(THIRD)).contains(new StoredFile(5, "text/plain"));
        assertThat(stale).doesNotExist();
        clock.advance(Duration.ofDays(1));
        assertThat(store().cleanup()).isEqualTo(1);
        // The task folder the last file left empty goes too; the kept file's stays.
        assertThat(folder.resolve("files").resolve(THIRD).getParent()).doesNotExist();
        assertThat(store().stat(KEY)).isPresent();
    }

    @Test
    void keepingAKeyWithNoFileChangesNothing() throws IOException {
        store().keep(KEY);

        assertThat(store().stat(KEY)).isEmpty();
        assertThat(everything()).isEmpty();
    }

    @Test
    void theCleanupOfAFolderNotYetMadeRemovesNothing() {
        assertThat(store().cleanup()).isZero();
        assertThat(folder.resolve("files")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..", TASK + "/..", TASK + "/../" + TASK, "/etc/passwd",
        TASK, TASK + "/", "/" + TASK + "/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c",
        "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c",
        KEY + "/content", KEY + "/../../../x", TASK + "\\..\\x", ""})
    void aKeyThatIsNotTwoUuidsIsRefusedBeforeAnyPathIsMade(String key) throws IOException {
        Instant later = T0.plusSeconds(300);

        assertThatThrownBy(() -> store().stat(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().keep(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().uploadGrant(key, "text/plain", 1, later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().downloadGrant(key, "a.txt", "text/plain", later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(everything()).isEmpty();
    }

    @Test
    void aTypeOrFilenameThatCouldBreakAHeaderIsNeverSigned() {
        Instant later = T0.plusSeconds(300);

        assertThatThrownBy(() -> store().uploadGrant(KEY, "text/plain\r\nX-Evil: 1", 1, later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().uploadGrant(KEY, "text/plain; charset=utf-8", 1, later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().downloadGrant(KEY, "a\r\nb.txt", "text/plain", later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().downloadGrant(KEY, "", "text/plain", later))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
