package io.taskapi.javalin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The signatures of file URLs: every signed field is bound, and only this process's key makes them. */
class FileUrlsTest {
    private static final FileKey KEY = FileKey.parse(
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");
    private static final FileKey OTHER = FileKey.parse(
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d");

    private final FileUrls urls = urls(1);

    private static FileUrls urls(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        FileUrls urls = new FileUrls(key);
        urls.base("http://127.0.0.1:8080/");
        return urls;
    }

    private static String signature(String url) {
        return url.substring(url.indexOf("&signature=") + "&signature=".length());
    }

    @Test
    void anUploadUrlNamesItsKeyExpirySizeAndTypeAndIsSignedForExactlyThem() {
        String url = urls.upload(KEY, 1_800_000_000L, 120, "application/pdf");
        String signature = signature(url);

        assertThat(url).startsWith("http://127.0.0.1:8080/files/" + KEY
                + "?expires=1800000000&size=120&type=application%2Fpdf&signature=");
        assertThat(signature).matches("[A-Za-z0-9_-]{43}");
        assertThat(urls.isUpload(KEY, 1_800_000_000L, 120, "application/pdf", signature)).isTrue();
        assertThat(urls.isUpload(OTHER, 1_800_000_000L, 120, "application/pdf", signature)).isFalse();
        assertThat(urls.isUpload(KEY, 1_800_000_001L, 120, "application/pdf", signature)).isFalse();
        assertThat(urls.isUpload(KEY, 1_800_000_000L, 121, "application/pdf", signature)).isFalse();
        assertThat(urls.isUpload(KEY, 1_800_000_000L, 120, "text/html", signature)).isFalse();
        assertThat(urls.isUpload(KEY, 1_800_000_000L, 120, "application/pdf", signature.substring(1))).isFalse();
        assertThat(urls(2).isUpload(KEY, 1_800_000_000L, 120, "application/pdf", signature)).isFalse();
        // A download's signature never passes for an upload of the same key, nor the other way round.
        String download = signature(urls.download(KEY, 1_800_000_000L, "application/pdf"));
        assertThat(urls.isUpload(KEY, 1_800_000_000L, 120, "application/pdf", download)).isFalse();
        assertThat(urls.isDownload(KEY, 1_800_000_000L, "application/pdf", signature)).isFalse();
    }

    @Test
    void aDownloadUrlIsSignedForItsKeyExpiryAndFilename() {
        String url = urls.download(KEY, 1_800_000_000L, "Plan 2025+ü.pdf");
        String signature = signature(url);

        assertThat(url).startsWith("http://127.0.0.1:8080/files/" + KEY
                + "?expires=1800000000&filename=Plan%202025%2B%C3%BC.pdf&signature=");
        assertThat(urls.isDownload(KEY, 1_800_000_000L, "Plan 2025+ü.pdf", signature)).isTrue();
        assertThat(urls.isDownload(KEY, 1_800_000_000L, "Plan 2025 ü.pdf", signature)).isFalse();
        assertThat(urls.isDownload(OTHER, 1_800_000_000L, "Plan 2025+ü.pdf", signature)).isFalse();
        assertThat(urls.isDownload(KEY, 1_799_999_999L, "Plan 2025+ü.pdf", signature)).isFalse();
        assertThat(urls.isDownload(KEY, 1_800_000_000L, "Plan 2025+ü.pdf", signature + "A")).isFalse();
    }

    @Test
    void noUrlIsSignedBeforeTheServerListens() {
        FileUrls unstarted = new FileUrls(new byte[32]);

        assertThatThrownBy(() -> unstarted.upload(KEY, 1, 1, "text/plain")).isInstanceOf(IllegalStateException.class);
    }
}
