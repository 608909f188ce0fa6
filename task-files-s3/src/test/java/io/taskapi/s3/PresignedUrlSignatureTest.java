package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.UploadGrant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Proves the signing itself, which no S3 engine that runs here checks (s3rver and moto accept a tampered URL): every
 * URL the store presigns is verified with {@link SigV4}, an implementation of AWS's published algorithm that shares
 * nothing with the SDK's signer, itself checked against AWS's documented example. Verifying the way S3 does (from the
 * URL and the headers the client sends) shows which changes S3 would refuse.
 *
 * <p>Credentials and the store's clock are fixed. {@code X-Amz-Date} is the SDK's own signing instant (its presigner
 * takes no clock); the verification reads it from the URL, as S3 does, so every assertion is deterministic.
 */
class PresignedUrlSignatureTest {
    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant IN_FIVE_MINUTES = NOW.plus(Duration.ofMinutes(5));
    private static final String BUCKET = "task-api-dev-attachments-123456789012";
    private static final String KEY = "0195a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/0195a1b2-9f8e-7d6c-b5a4-938271605f4e";

    /** On AWS (virtual-hosted style, https, region eu-west-1) and on a local engine (path style, a port, http). */
    private static final S3FileStore AWS = store(S3FileStore.builder(BUCKET).region(Region.EU_WEST_1));
    private static final S3FileStore LOCAL = store(S3FileStore.builder(BUCKET).keyPrefix("attachments/")
            .endpoint(URI.create("http://127.0.0.1:9000")).pathStyle(true).region(Region.US_EAST_1));

    private static S3FileStore store(S3FileStore.Builder builder) {
        return builder.credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID,
                SECRET_KEY))).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    static Stream<S3FileStore> stores() {
        return Stream.of(AWS, LOCAL);
    }

    @AfterAll
    static void close() {
        AWS.close();
        LOCAL.close();
    }

    /** The example of AWS's "Authenticating Requests: Using Query Parameters", with its published results. */
    @Test
    void theVerifierGivesAwsDocumentedSignature() {
        URI url = URI.create("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host");
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        assertThat(SigV4.hex(SigV4.sha256(SigV4.canonicalRequest("GET", url, Map.of()))))
                .isEqualTo("3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
        assertThat(SigV4.signature("GET", url, Map.of(), secret))
                .isEqualTo("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anUploadUrlCarriesTheSignatureSigV4GivesForTheGrantedHeaders(S3FileStore store) {
        UploadGrant grant = store.uploadGrant(KEY, "application/pdf", 123_456, IN_FIVE_MINUTES);
        URI url = URI.create(grant.url());
        Map<String, String> query = SigV4.query(url);

        assertThat(SigV4.signature("PUT", url, grant.headers(), SECRET_KEY)).isEqualTo(query.get(SigV4.SIGNATURE));
        assertThat(query.get("X-Amz-Algorithm")).isEqualTo(SigV4.ALGORITHM);
        assertThat(query.get("X-Amz-Credential")).isEqualTo(ACCESS_KEY_ID + "/"
                + query.get("X-Amz-Date").substring(0, 8) + "/" + region(store) + "/s3/aws4_request");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anUploadSignsItsHostContentTypeAndContentLength(S3FileStore store) {
        UploadGrant grant = store.uploadGrant(KEY, "image/png", 42, IN_FIVE_MINUTES);

        assertThat(SigV4.query(URI.create(grant.url())).get("X-Amz-SignedHeaders").split(";"))
                .containsExactly("content-length", "content-type", "host");
        assertThat(grant.headers()).isEqualTo(Map.of("Content-Type", "image/png", "Content-Length", "42"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aFiveMinuteGrantExpiresAfter300SecondsFromItsSigning(S3FileStore store) {
        UploadGrant upload = store.uploadGrant(KEY, "text/plain", 1, IN_FIVE_MINUTES);
        DownloadGrant download = store.downloadGrant(KEY, "a.txt", "text/plain", IN_FIVE_MINUTES);

        for (String url : List.of(upload.url(), download.url())) {
            Map<String, String> query = SigV4.query(URI.create(url));
            assertThat(query.get("X-Amz-Expires")).isEqualTo("300");
        }
        assertThat(upload.expiresAt()).isEqualTo(signedAt(upload.url()) + 300);
        assertThat(download.expiresAt()).isEqualTo(signedAt(download.url()) + 300);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anotherKeySizeOrTypeThanSignedGivesAnotherSignature(S3FileStore store) {
        UploadGrant grant = store.uploadGrant(KEY, "application/pdf", 123_456, IN_FIVE_MINUTES);
        URI url = URI.create(grant.url());
        String signed = SigV4.query(url).get(SigV4.SIGNATURE);
        URI otherKey = URI.create(grant.url().replace(KEY, KEY.replace("5f4e", "5f4f")));
        Map<String, String> otherSize = new HashMap<>(grant.headers());
        otherSize.put("Content-Length", "123457");
        Map<String, String> otherType = new HashMap<>(grant.headers());
        otherType.put("Content-Type", "text/html");

        assertThat(otherKey).isNotEqualTo(url);
        assertThat(SigV4.signature("PUT", otherKey, grant.headers(), SECRET_KEY)).isNotEqualTo(signed);
        assertThat(SigV4.signature("PUT", url, otherSize, SECRET_KEY)).isNotEqualTo(signed);
        assertThat(SigV4.signature("PUT", url, otherType, SECRET_KEY)).isNotEqualTo(signed);
        assertThat(SigV4.signature("GET", url, grant.headers(), SECRET_KEY)).isNotEqualTo(signed);
        // The verifier itself tells them apart only by what changed: the granted request verifies.
        assertThat(SigV4.signature("PUT", url, grant.headers(), SECRET_KEY)).isEqualTo(signed);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aDownloadUrlSignsItsDispositionAndTypeAndNeedsNoHeader(S3FileStore store) {
        String filename = "Plan für 2026 \"final\"; 100% sicher & fertig+1.pdf";
        DownloadGrant grant = store.downloadGrant(KEY, filename, "application/pdf", IN_FIVE_MINUTES);
        URI url = URI.create(grant.url());
        Map<String, String> query = SigV4.query(url);
        String signed = query.get(SigV4.SIGNATURE);

        assertThat(SigV4.signature("GET", url, Map.of(), SECRET_KEY)).isEqualTo(signed);
        assertThat(query.get("X-Amz-SignedHeaders")).isEqualTo("host");
        assertThat(query).containsEntry("response-content-disposition", ContentDisposition.attachment(filename))
                .containsEntry("response-content-type", "application/pdf");
        URI inline = URI.create(grant.url().replace("response-content-disposition=attachment",
                "response-content-disposition=inline"));
        URI html = URI.create(grant.url().replace("response-content-type=application%2Fpdf",
                "response-content-type=text%2Fhtml"));
        assertThat(inline).isNotEqualTo(url);
        assertThat(html).isNotEqualTo(url);
        assertThat(SigV4.signature("GET", inline, Map.of(), SECRET_KEY)).isNotEqualTo(signed);
        assertThat(SigV4.signature("GET", html, Map.of(), SECRET_KEY)).isNotEqualTo(signed);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keysThatNeedEncodingAreSignedAsSent(S3FileStore store) {
        String key = "task 1/ä+b=c~d";
        UploadGrant grant = store.uploadGrant(key, "text/plain", 3, IN_FIVE_MINUTES);
        URI url = URI.create(grant.url());

        assertThat(SigV4.signature("PUT", url, grant.headers(), SECRET_KEY))
                .isEqualTo(SigV4.query(url).get(SigV4.SIGNATURE));
    }

    @Test
    void uploadsLandInPendingAndDownloadsReadAvailable() {
        assertThat(AWS.uploadGrant(KEY, "text/plain", 1, IN_FIVE_MINUTES).url())
                .startsWith("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/pending/" + KEY + "?");
        assertThat(AWS.downloadGrant(KEY, "a.txt", "text/plain", IN_FIVE_MINUTES).url())
                .startsWith("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/available/" + KEY + "?");
        assertThat(LOCAL.uploadGrant(KEY, "text/plain", 1, IN_FIVE_MINUTES).url())
                .startsWith("http://127.0.0.1:9000/" + BUCKET + "/attachments/pending/" + KEY + "?");
    }

    private static String region(S3FileStore store) {
        return store == AWS ? "eu-west-1" : "us-east-1";
    }

    /** The URL's {@code X-Amz-Date}, in epoch seconds. */
    private static long signedAt(String url) {
        return LocalDateTime.parse(SigV4.query(URI.create(url)).get("X-Amz-Date"),
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toEpochSecond(ZoneOffset.UTC);
    }
}
