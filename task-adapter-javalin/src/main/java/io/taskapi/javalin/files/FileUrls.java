package io.taskapi.javalin.files;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the URLs of the {@code /files} routes.
 *
 * <p>An upload URL is {@code <base>/files/<key>?expires=<epoch seconds>&size=<bytes>&type=<media type>&signature=<s>}
 * and a download URL {@code <base>/files/<key>?expires=<epoch seconds>&filename=<name>&signature=<s>}, where {@code s}
 * is the unpadded base64url HMAC-SHA256, under this process's key, of the length-prefixed UTF-8 fields: a version,
 * the method ({@code PUT} or {@code GET}), the key, the expiry, then the size and type of an upload or the filename
 * of a download. Every field is length-prefixed, so no two different sets of fields sign alike however they read.
 */
final class FileUrls {
    /** The first signed field: URLs of another format, or of another purpose, never verify. */
    private static final String VERSION = "task-files/1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final Mac keyed;
    /** Where clients reach the routes, without a trailing slash; known once the server listens. */
    private volatile String base;

    FileUrls(byte[] key) {
        try {
            keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * URLs signed with a fresh random key: they stop working when this process stops, as the in-memory tasks and
     * attachments they belong to do, and a URL lives a few minutes anyway.
     */
    static FileUrls withRandomKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new FileUrls(key);
    }

    /** Makes URLs start with {@code url}, such as {@code http://127.0.0.1:8080}. */
    void base(String url) {
        base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL that takes one {@code PUT} of {@code size} bytes of {@code type} as {@code key} till {@code expires}. */
    String upload(FileKey key, long expires, long size, String type) {
        return base() + "/files/" + key + "?expires=" + expires + "&size=" + size + "&type=" + encode(type)
                + "&signature=" + uploadSignature(key, expires, size, type);
    }

    /** The URL that downloads {@code key} as {@code filename} until {@code expires}. */
    String download(FileKey key, long expires, String filename) {
        return base() + "/files/" + key + "?expires=" + expires + "&filename=" + encode(filename)
                + "&signature=" + downloadSignature(key, expires, filename);
    }

    boolean isUpload(FileKey key, long expires, long size, String type, String signature) {
        return matches(uploadSignature(key, expires, size, type), signature);
    }

    boolean isDownload(FileKey key, long expires, String filename, String signature) {
        return matches(downloadSignature(key, expires, filename), signature);
    }

    private String uploadSignature(FileKey key, long expires, long size, String type) {
        return sign("PUT", key.toString(), Long.toString(expires), Long.toString(size), type);
    }

    private String downloadSignature(FileKey key, long expires, String filename) {
        return sign("GET", key.toString(), Long.toString(expires), filename);
    }

    private String sign(String... fields) {
        Mac mac;
        try {
            // Keyed once, cloned per URL: cheaper than looking the algorithm up and keying it every time.
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's HmacSHA256 cannot be cloned", e);
        }
        lengthPrefixed(mac, VERSION);
        for (String field : fields) {
            lengthPrefixed(mac, field);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    }

    private static void lengthPrefixed(Mac mac, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }

    /** In constant time, so the time of a refusal tells nothing of how much of a guessed signature was right. */
    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private String base() {
        String url = base;
        if (url == null) {
            throw new IllegalStateException("file URLs are signed once the server listens");
        }
        return url;
    }

    /** A query value: percent-encoded, a space as {@code %20}, which every decoder reads alike ({@code +} is not). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
