package io.taskapi.s3;

import io.taskapi.domain.StoreUnavailableException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place SDK exceptions are interpreted: every request and every signature of the store runs through it, and
 * every failure leaves it as a {@link StoreUnavailableException} (the same request may succeed later) or as an
 * {@link IllegalStateException} for a request S3 refused as wrong (a bug or a misconfiguration, such as a missing
 * permission). Neither carries S3's own text in its message: the SDK exception is kept as the cause, for the log only.
 * The SDK's standard retries have already retried throttling and server errors by then.
 */
final class S3Errors {
    private static final int NOT_FOUND = 404;
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";

    private S3Errors() {
    }

    /** Runs one request. */
    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException failure) {
            throw translate(failure);
        }
    }

    /**
     * Runs one request on one object; answers empty when the object does not exist. A HEAD answer has no body, so a
     * missing bucket looks the same there; other requests name it, and it is then unavailable, not absent.
     */
    static <T> Optional<T> find(Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (AwsServiceException failure) {
            if (isMissingObject(failure)) {
                return Optional.empty();
            }
            throw translate(failure);
        } catch (SdkException failure) {
            throw translate(failure);
        }
    }

    /**
     * Signs one URL. Signing is local work; the only thing that can fail is resolving the credentials (for example an
     * expired session that cannot be refreshed), which may pass.
     */
    static <T> T sign(Supplier<T> signing) {
        try {
            return signing.get();
        } catch (SdkException failure) {
            throw new StoreUnavailableException("credentials_unavailable", failure);
        }
    }

    /** What a failed request means for the application. */
    static RuntimeException translate(SdkException failure) {
        String reason = unavailableReason(failure);
        if (reason != null) {
            return new StoreUnavailableException(reason, failure);
        }
        return new IllegalStateException("S3 refused a request (" + code(failure) + ")", failure);
    }

    private static boolean isMissingObject(AwsServiceException failure) {
        return failure.statusCode() == NOT_FOUND && !NO_SUCH_BUCKET.equals(errorCode(failure));
    }

    /** A short code for a failure that may pass (the store is unavailable), or {@code null} for one that will not. */
    private static String unavailableReason(SdkException failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return "timeout";
        }
        if (failure instanceof SdkClientException) {
            // No answer from the service: connection refused or reset, an unknown host, or an I/O error.
            return "unreachable";
        }
        if (failure instanceof AwsServiceException service) {
            if (NO_SUCH_BUCKET.equals(errorCode(service))) {
                // A deployment error rather than a passing one, but no file can be served until the bucket exists.
                return "bucket_not_found";
            }
            if (service.isThrottlingException()) {
                // S3 answers 503 SlowDown when a prefix takes more requests than it can serve yet.
                return "throttled";
            }
            if (service.statusCode() >= 500) {
                return "unavailable";
            }
        }
        return null;
    }

    /** S3's error code (never its message), the HTTP status when there is none, or the SDK's exception name. */
    private static String code(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = errorCode(service);
            return code != null ? code : "HTTP " + service.statusCode();
        }
        return failure.getClass().getSimpleName();
    }

    private static String errorCode(AwsServiceException service) {
        AwsErrorDetails details = service.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        return code == null || code.isBlank() ? null : code;
    }

    /**
     * One line for an operator on why the store's clients could not be made, naming the standard SDK setting most
     * likely at fault.
     */
    static String explain(SdkException failure) {
        String text = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("region")) {
            return "AWS_REGION is not set: the S3 file store needs a region (for a local engine any, such as"
                    + " us-east-1)";
        }
        return "the S3 file store could not be configured from the standard AWS settings (" + code(failure) + ")";
    }
}
