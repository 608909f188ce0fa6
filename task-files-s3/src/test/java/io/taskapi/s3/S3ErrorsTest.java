package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.StoreUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {
    /** Text of S3's own that must never reach a message the application may show. */
    private static final String AWS_TEXT = "arn:aws:iam::123456789012:role/task-api is not authorized";

    @Test
    void noAnswerIsUnreachableAndASlowOneATimeout() {
        assertThat(reason(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isEqualTo("unreachable");
        assertThat(reason(ApiCallTimeoutException.create(1_000))).isEqualTo("timeout");
        assertThat(reason(ApiCallAttemptTimeoutException.create(500))).isEqualTo("timeout");
    }

    @Test
    void throttlingAndServerErrorsAreUnavailable() {
        assertThat(reason(s3(503, "SlowDown"))).isEqualTo("throttled");
        assertThat(reason(s3(429, null))).isEqualTo("throttled");
        assertThat(reason(s3(500, "InternalError"))).isEqualTo("unavailable");
        assertThat(reason(s3(503, "ServiceUnavailable"))).isEqualTo("unavailable");
    }

    @Test
    void aMissingBucketIsUnavailableNotAbsent() {
        assertThat(reason(s3(404, "NoSuchBucket"))).isEqualTo("bucket_not_found");
        assertThatThrownBy(() -> S3Errors.find(() -> {
            throw s3(404, "NoSuchBucket");
        })).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aMissingObjectIsEmptyWhetherOrNotTheAnswerNamesIt() {
        assertThat(S3Errors.find(() -> {
            throw NoSuchKeyException.builder().statusCode(404).message(AWS_TEXT).build();
        })).isEmpty();
        // A HEAD answer has no body: only its status says the object is missing.
        assertThat(S3Errors.find(() -> {
            throw s3(404, null);
        })).isEmpty();
        assertThat(S3Errors.find(() -> "found")).isEqualTo(Optional.of("found"));
    }

    @Test
    void aRefusedRequestIsABugNamedByItsCodeWithoutS3sText() {
        RuntimeException denied = S3Errors.translate(s3(403, "AccessDenied"));
        RuntimeException headDenied = S3Errors.translate(s3(403, null));

        assertThat(denied).isInstanceOf(IllegalStateException.class)
                .hasMessage("S3 refused a request (AccessDenied)").hasCauseInstanceOf(S3Exception.class);
        assertThat(headDenied).hasMessage("S3 refused a request (HTTP 403)");
        assertThatThrownBy(() -> S3Errors.find(() -> {
            throw s3(403, "AccessDenied");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noMessageCarriesS3sText() {
        for (SdkException failure : new SdkException[] {s3(503, "SlowDown"), s3(500, "InternalError"),
            s3(403, "AccessDenied"), s3(404, "NoSuchBucket"), SdkClientException.create(AWS_TEXT)}) {
            assertThat(S3Errors.translate(failure).getMessage()).doesNotContain(AWS_TEXT);
        }
        assertThatThrownBy(() -> S3Errors.call(() -> {
            throw s3(500, "InternalError");
        })).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("Service temporarily unavailable, please retry");
    }

    @Test
    void aSignatureThatCannotBeMadeIsUnavailableCredentials() {
        assertThatThrownBy(() -> S3Errors.sign(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        })).isInstanceOfSatisfying(StoreUnavailableException.class,
                failure -> assertThat(failure.reason()).isEqualTo("credentials_unavailable"));
    }

    @Test
    void aMissingRegionIsExplainedByItsSetting() {
        assertThat(S3Errors.explain(SdkClientException.create("Unable to load region from any of the providers")))
                .startsWith("AWS_REGION is not set");
    }

    private static String reason(SdkException failure) {
        RuntimeException translated = S3Errors.translate(failure);
        assertThat(translated).isInstanceOf(StoreUnavailableException.class).hasCause(failure);
        return ((StoreUnavailableException) translated).reason();
    }

    private static S3Exception s3(int status, String code) {
        AwsErrorDetails.Builder details = AwsErrorDetails.builder().serviceName("S3").errorMessage(AWS_TEXT);
        if (code != null) {
            details.errorCode(code);
        }
        return (S3Exception) S3Exception.builder().statusCode(status).message(AWS_TEXT)
                .awsErrorDetails(details.build()).build();
    }
}
