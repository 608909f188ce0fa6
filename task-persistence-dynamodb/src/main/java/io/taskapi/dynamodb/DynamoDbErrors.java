package io.taskapi.dynamodb;

import io.taskapi.domain.StoreUnavailableException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The one place SDK exceptions are interpreted: every call of the store runs through {@link #call}, and every failure
 * leaves it as a domain exception, or as an {@link IllegalStateException} for a request DynamoDB refused as malformed
 * (a bug). The SDK's standard retries have already retried throttling and server errors by then.
 */
final class DynamoDbErrors {
    private static final String THROTTLING_ERROR_CODE = "ThrottlingException";

    private DynamoDbErrors() {
    }

    /** Runs one request that has no condition. */
    static <T> T call(Supplier<T> request) {
        return call(request, failed -> {
            throw new IllegalStateException("a request without a condition failed its condition", failed);
        });
    }

    /**
     * Runs one request.
     *
     * @param onConditionFailed what a failed condition means for this request: the exception to throw, or
     *                          {@code null} when the failure shows the write had already happened (the call then
     *                          returns {@code null})
     */
    static <T> T call(
            Supplier<T> request, Function<ConditionalCheckFailedException, RuntimeException> onConditionFailed) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException failed) {
            RuntimeException meaning = onConditionFailed.apply(failed);
            if (meaning == null) {
                return null;
            }
            throw meaning;
        } catch (SdkException failure) {
            throw translate(failure);
        }
    }

    /** Runs one conditional request; answers whether its condition held (and so whether it wrote). */
    static boolean conditionHeld(Supplier<?> request) {
        try {
            request.get();
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        } catch (SdkException failure) {
            throw translate(failure);
        }
    }

    /**
     * Runs one conditional request; answers {@code null} when its condition held (and so it wrote), or else the item as
     * stored that DynamoDB returned with the failure ({@code ReturnValuesOnConditionCheckFailure}), which is empty when
     * there is none or the engine ignores that option.
     */
    static Map<String, AttributeValue> conditionFailure(Supplier<?> request) {
        try {
            request.get();
            return null;
        } catch (ConditionalCheckFailedException failed) {
            return failed.hasItem() ? failed.item() : Map.of();
        } catch (SdkException failure) {
            throw translate(failure);
        }
    }

    /** What a failure that is not a failed condition means for the application. */
    static RuntimeException translate(SdkException failure) {
        String reason = unavailableReason(failure);
        if (reason != null) {
            return new StoreUnavailableException(reason, failure);
        }
        String code = failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : failure.getClass().getSimpleName();
        return new IllegalStateException("DynamoDB refused a request (" + code + ")", failure);
    }

    /** A short code for a failure that may pass (the store is unavailable), or {@code null} for one that will not. */
    private static String unavailableReason(SdkException failure) {
        if (failure instanceof ResourceNotFoundException) {
            // A deployment error rather than a passing one, but a request cannot be served until the table exists.
            return "table_not_found";
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return "timeout";
        }
        if (failure instanceof SdkClientException) {
            // No answer from the service: connection refused or reset, or an I/O error.
            return "unreachable";
        }
        if (failure instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            if (service instanceof ProvisionedThroughputExceededException
                    || service instanceof RequestLimitExceededException || service.isThrottlingException()
                    || details != null && THROTTLING_ERROR_CODE.equals(details.errorCode())) {
                return "throttled";
            }
            if (service instanceof InternalServerErrorException || service.statusCode() >= 500) {
                return "unavailable";
            }
        }
        return null;
    }

    /**
     * One line for an operator on why the store could not be reached or used at startup, naming the standard SDK
     * setting most likely at fault; the SDK's own text says which part of its chain failed.
     *
     * @param where the endpoint, or {@code AWS} for the regional one
     */
    static String explain(SdkException failure, String where) {
        String text = String.valueOf(failure.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (failure instanceof SdkClientException && lower.contains("region")) {
            return "AWS_REGION is not set: TASKS_STORE=dynamodb needs a region (for a local engine any, such as"
                    + " us-east-1)";
        }
        if (failure instanceof SdkClientException && lower.contains("credentials")) {
            return "AWS_ACCESS_KEY_ID: no AWS credentials found for TASKS_STORE=dynamodb (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; a local engine accepts any value)";
        }
        if (failure instanceof SdkClientException) {
            return "AWS_ENDPOINT_URL_DYNAMODB: DynamoDB is not reachable at " + where + " ("
                    + firstLine(rootCause(failure)) + ")";
        }
        return "AWS_ENDPOINT_URL_DYNAMODB: DynamoDB at " + where + " refused the check: " + firstLine(text);
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
