package io.taskapi.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for query-string authentication (presigned URLs) to S3, written from AWS's published
 * algorithm ("Authenticating Requests: Using Query Parameters") and nothing of the SDK: the canonical request, the
 * string to sign, and the HMAC-SHA256 key derivation. It verifies a URL the way S3 does: from the URL as received and
 * the headers the client sends, recomputing the signature with the secret key.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** S3's payload hash for a presigned request: the body is not part of the signature. */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String SIGNATURE = "X-Amz-Signature";

    private SigV4() {
    }

    /**
     * The signature S3 computes for a request to {@code url} with {@code headers} (any case; only those named by
     * {@code X-Amz-SignedHeaders} count, {@code host} taken from the URL unless given).
     */
    static String signature(String method, URI url, Map<String, String> headers, String secretKey) {
        Map<String, String> query = query(url);
        String[] scope = query.get("X-Amz-Credential").split("/", 2)[1].split("/");
        String date = scope[0];
        String region = scope[1];
        String service = scope[2];
        String stringToSign = stringToSign(query.get("X-Amz-Date"), String.join("/", scope),
                canonicalRequest(method, url, headers));
        return HexFormat.of().formatHex(hmac(signingKey(secretKey, date, region, service), stringToSign));
    }

    /**
     * The canonical request: method, canonical URI, canonical query string, canonical headers, signed headers and the
     * payload hash, one per line.
     */
    static String canonicalRequest(String method, URI url, Map<String, String> headers) {
        Map<String, String> query = query(url);
        Map<String, String> given = new TreeMap<>();
        headers.forEach((name, value) -> given.put(name.toLowerCase(Locale.ROOT), value));
        given.putIfAbsent("host", url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort());
        List<String> signedHeaders = List.of(query.get("X-Amz-SignedHeaders").split(";"));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = given.get(name);
            if (value == null) {
                throw new IllegalArgumentException("signed header " + name + " is not sent");
            }
            canonicalHeaders.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
        }
        return String.join("\n", method, canonicalUri(url), canonicalQuery(query), canonicalHeaders.toString(),
                String.join(";", signedHeaders), UNSIGNED_PAYLOAD);
    }

    static String stringToSign(String timestamp, String scope, String canonicalRequest) {
        return String.join("\n", ALGORITHM, timestamp, scope, hex(sha256(canonicalRequest)));
    }

    /** {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. */
    static byte[] signingKey(String secretKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The query parameters, decoded, by name; a name without a value has the empty value. */
    static Map<String, String> query(URI url) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(name), decode(value));
        }
        return parameters;
    }

    /** Each path segment, decoded, then URI-encoded once (S3 does not normalize the path, nor encode it twice). */
    private static String canonicalUri(URI url) {
        String path = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(encode(decode(segment)));
        }
        return String.join("/", segments);
    }

    /** Every parameter but the signature, name and value URI-encoded, sorted by name. */
    private static String canonicalQuery(Map<String, String> query) {
        Map<String, String> encoded = new TreeMap<>();
        query.forEach((name, value) -> {
            if (!name.equals(SIGNATURE)) {
                encoded.put(encode(name), encode(value));
            }
        });
        return encoded.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986: every byte of the UTF-8 encoding but the unreserved characters as {@code %XY}, upper-case hex. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return encoded.toString();
    }

    private static String decode(String value) {
        // URLDecoder would turn '+' into a space; in a URL's path and in SigV4's encoding '+' is always "%2B".
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
