package io.taskapi.s3;

import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The attachments' bytes on Amazon S3, as the domain's {@link FileStore}: presigned {@code PUT} and {@code GET} URLs
 * that clients use directly, and the store's own {@code HeadObject}, {@code CopyObject} and {@code DeleteObject}.
 * Everything else of the application reaches S3 only through this class, and it lets no SDK exception out:
 * {@link S3Errors} translates every one.
 *
 * <p>An upload lands under {@code pending/}, which a lifecycle rule empties of what stays longer than a day; keeping
 * it copies it to {@code available/}, which clients can read but never write ({@link KeyLayout}).
 *
 * <p>Presigning is local work (an HMAC over the request, with credentials the SDK already holds): it never calls S3.
 */
public final class S3FileStore implements FileStore, AutoCloseable {
    /** S3's limit for one {@code PUT}; larger files need a multipart upload, which this store does not offer. */
    static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    /** What S3 reports for an object stored without a content type. */
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    /** A media type with optional parameters ({@code type/subtype; name=value}), in RFC 9110 tokens. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+"
                    + "(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=([!#$%&'*+.^_`|~0-9A-Za-z-]+|\"[^\"\\\\\\p{Cntrl}]*\"))*");
    private static final int MAX_CONTENT_TYPE_LENGTH = 255;

    /** Signed headers the client's HTTP stack sets from the URL itself; a grant never asks for them. */
    private static final String HOST = "host";
    private static final Map<String, String> HEADER_NAMES = Map.of(
            "content-type", "Content-Type", "content-length", "Content-Length");

    private final KeyLayout layout;
    private final S3Client client;
    private final S3Presigner presigner;
    private final boolean ownsClients;
    private final Clock clock;
    private final String endpoint;

    private S3FileStore(Builder settings) {
        this.layout = new KeyLayout(settings.bucket, settings.keyPrefix);
        this.clock = settings.clock;
        this.ownsClients = settings.client == null;
        if (ownsClients) {
            S3Clients.Settings sdk = new S3Clients.Settings(settings.endpoint, settings.region, settings.credentials,
                    settings.pathStyle, settings.callTimeout, settings.attemptTimeout);
            S3Presigner madePresigner = null;
            try {
                madePresigner = S3Clients.presigner(sdk);
                this.client = S3Clients.client(sdk);
            } catch (SdkException e) {
                if (madePresigner != null) {
                    madePresigner.close();
                }
                throw new IllegalArgumentException(S3Errors.explain(e), e);
            }
            this.presigner = madePresigner;
        } else {
            this.client = settings.client;
            this.presigner = settings.presigner;
        }
        this.endpoint = client.serviceClientConfiguration().endpointOverride().map(URI::toString).orElse("AWS");
    }

    /**
     * A store on the bucket {@code bucket}; without {@link Builder#clients}, the store makes its client and presigner
     * from the SDK's standard settings and the builder's.
     */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /**
     * A presigned {@code PUT} of the object {@code key}, into {@code pending/}: its content type and length are
     * signed headers, so S3 refuses an upload of another type or size, and the grant lists them as the headers the
     * upload must carry. The grant's {@code expiresAt} is the instant S3 stops accepting the URL
     * ({@code X-Amz-Date} + {@code X-Amz-Expires}), {@code expiresAt} rounded to the second.
     *
     * @throws IllegalArgumentException for a key outside the layout, a content type that is not one, a size that one
     *                                  {@code PUT} cannot carry, or an expiry not within 1 s to 7 days from now
     */
    @Override
    public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
        String objectKey = layout.pending(key);
        requireContentType(contentType);
        if (size < 0 || size > MAX_SINGLE_PUT_BYTES) {
            throw new IllegalArgumentException("size must be 0 to " + MAX_SINGLE_PUT_BYTES + " bytes");
        }
        SigningWindow window = SigningWindow.until(expiresAt, clock);
        PresignedPutObjectRequest presigned = S3Errors.sign(() -> presigner.presignPutObject(request -> request
                .signatureDuration(window.duration())
                .putObjectRequest(put -> put.bucket(layout.bucket()).key(objectKey)
                        .contentType(contentType).contentLength(size))));
        return new UploadGrant(presigned.url().toString(), uploadHeaders(presigned.signedHeaders()),
                presigned.expiration().getEpochSecond());
    }

    /**
     * A presigned {@code GET} of the kept object {@code key} (never of a pending upload), which S3 serves with
     * {@code Content-Disposition: attachment; filename=...} and {@code Content-Type: contentType}
     * ({@code response-content-disposition} and {@code response-content-type}, both signed with the URL), whatever
     * the object was stored with.
     */
    @Override
    public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
        String objectKey = layout.available(key);
        String disposition = ContentDisposition.attachment(filename);
        requireContentType(contentType);
        SigningWindow window = SigningWindow.until(expiresAt, clock);
        PresignedGetObjectRequest presigned = S3Errors.sign(() -> presigner.presignGetObject(request -> request
                .signatureDuration(window.duration())
                .getObjectRequest(get -> get.bucket(layout.bucket()).key(objectKey)
                        .responseContentDisposition(disposition).responseContentType(contentType))));
        return new DownloadGrant(presigned.url().toString(), presigned.expiration().getEpochSecond());
    }

    /**
     * Copies the upload from {@code pending/} to {@code available/} ({@code CopyObject}, which keeps its content type),
     * then deletes it from {@code pending/}. Keeping a kept file again changes nothing, so a retry after a failure
     * half-way is safe.
     *
     * @throws AttachmentConflictException if there is no upload to keep (nor a kept file): it expired or was deleted
     *                                     since it was checked
     */
    @Override
    public void keep(String key) {
        String pending = layout.pending(key);
        String available = layout.available(key);
        Optional<CopyObjectResponse> copied = S3Errors.find(() -> client.copyObject(request -> request
                .sourceBucket(layout.bucket()).sourceKey(pending)
                .destinationBucket(layout.bucket()).destinationKey(available)));
        if (copied.isEmpty()) {
            if (head(available).isEmpty()) {
                throw new AttachmentConflictException("The uploaded file is no longer there: attach it again");
            }
            return;
        }
        deleteObject(pending);
    }

    /**
     * {@code HeadObject} of the upload, else of the kept file: their size and content type, or empty when neither
     * exists. The upload first: {@code complete} checks one right before keeping it.
     */
    @Override
    public Optional<StoredFile> stat(String key) {
        Optional<HeadObjectResponse> found = head(layout.pending(key));
        if (found.isEmpty()) {
            found = head(layout.available(key));
        }
        return found.map(head -> new StoredFile(head.contentLength() == null ? 0 : head.contentLength(),
                head.contentType() == null ? DEFAULT_CONTENT_TYPE : head.contentType()));
    }

    /** {@code DeleteObject} of the upload and of the kept file; S3 answers alike whether or not they existed. */
    @Override
    public void delete(String key) {
        String pending = layout.pending(key);
        String available = layout.available(key);
        deleteObject(available);
        deleteObject(pending);
    }

    /** {@code S3 bucket <bucket>, keys under <prefix>, at <endpoint>}, with {@code AWS} for the regional endpoint. */
    public String description() {
        return "S3 bucket " + layout.bucket() + (layout.prefix().isEmpty() ? "" : ", keys under " + layout.prefix())
                + ", at " + endpoint;
    }

    /** Closes the client and presigner this store made; an application's own stay open. */
    @Override
    public void close() {
        if (ownsClients) {
            presigner.close();
            client.close();
        }
    }

    private Optional<HeadObjectResponse> head(String objectKey) {
        return S3Errors.find(() -> client.headObject(request -> request.bucket(layout.bucket()).key(objectKey)));
    }

    private void deleteObject(String objectKey) {
        // Some S3-compatible engines answer 404 for a missing object, where S3 answers 204: both mean it is gone.
        S3Errors.find(() -> client.deleteObject(request -> request.bucket(layout.bucket()).key(objectKey)));
    }

    /**
     * The signed headers a client must send, by their usual names: all but {@code host}, which its HTTP stack takes
     * from the URL. The content type and length must be among them, or S3 would take any upload.
     */
    private static Map<String, String> uploadHeaders(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals(HOST)) {
                headers.put(HEADER_NAMES.getOrDefault(lower, name), String.join(",", values));
            }
        });
        if (!headers.containsKey("Content-Type") || !headers.containsKey("Content-Length")) {
            throw new IllegalStateException("the presigned upload does not sign its content type and length: "
                    + signed.keySet());
        }
        return headers;
    }

    private static void requireContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        if (contentType.length() > MAX_CONTENT_TYPE_LENGTH || !MEDIA_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("not a media type: " + contentType.replaceAll("\\p{Cntrl}", "?"));
        }
    }

    /** The settings of a store, each but the bucket with a default. */
    public static final class Builder {
        private final String bucket;
        private String keyPrefix = "";
        private URI endpoint;
        private Region region;
        private AwsCredentialsProvider credentials;
        private boolean pathStyle;
        private Duration callTimeout = S3Clients.API_CALL_TIMEOUT;
        private Duration attemptTimeout = S3Clients.ATTEMPT_TIMEOUT;
        private S3Client client;
        private S3Presigner presigner;
        private Clock clock = Clock.systemUTC();

        private Builder(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
        }

        /**
         * What every object key starts with, such as {@code attachments/}: empty (the default, for a bucket of its
         * own) or ending in {@code /}. The core's key {@code <task id>/<attachment id>} is uploaded to
         * {@code <prefix>pending/<task id>/<attachment id>} and kept at {@code <prefix>available/<task id>/<id>}.
         */
        public Builder keyPrefix(String value) {
            keyPrefix = Objects.requireNonNull(value, "keyPrefix");
            return this;
        }

        /** An explicit endpoint, such as a local engine's; default {@code AWS_ENDPOINT_URL_S3}, else AWS's own. */
        public Builder endpoint(URI value) {
            endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        /** An explicit region; default the SDK's chain ({@code AWS_REGION}, the profile, instance metadata). */
        public Builder region(Region value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        /** Explicit credentials; default the SDK's {@code DefaultCredentialsProvider} chain. */
        public Builder credentials(AwsCredentialsProvider value) {
            credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Whether the bucket goes in the URL's path rather than its host name; default no (AWS's virtual-hosted
         * style). Local S3-compatible engines need it.
         */
        public Builder pathStyle(boolean value) {
            pathStyle = value;
            return this;
        }

        /** The bounds of the store's own client: one request, retries included, and one attempt. */
        public Builder timeouts(Duration call, Duration attempt) {
            callTimeout = Objects.requireNonNull(call, "call");
            attemptTimeout = Objects.requireNonNull(attempt, "attempt");
            return this;
        }

        /**
         * An application's own client and presigner, which {@link S3FileStore#close()} leaves open; the endpoint,
         * region, credentials, path style and timeouts are then theirs.
         */
        public Builder clients(S3Client s3, S3Presigner s3Presigner) {
            client = Objects.requireNonNull(s3, "client");
            presigner = Objects.requireNonNull(s3Presigner, "presigner");
            return this;
        }

        /** The clock that turns an expiry into a signature's validity; tests fix it. */
        Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException for a bucket name or key prefix S3 would refuse, or (naming the setting)
         *                                  when the SDK's standard configuration lacks what the store needs
         */
        public S3FileStore build() {
            return new S3FileStore(this);
        }
    }
}
