package io.taskapi.javalin.files;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The routes that take and serve the bytes of attachments through the URLs {@link DiskFileStore} signs, as S3 does
 * for a deployment: {@code PUT} and {@code GET} (and {@code HEAD}) of {@code /files/<taskId>/<attachmentId>}, with
 * CORS preflights. They are not part of the API: the signature is the whole authority, so no caller is identified.
 * Refusals are problem details like the API's: 403 for a signature that does not verify or has expired, 400 or 413
 * for a body of another type or size than signed, 409 for a second upload, 404 for no file.
 */
final class FileRoutes {
    static final String PATH = "/files/{taskId}/{attachmentId}";
    /** Stored files never run: no script, style, plugin or frame of theirs, even if one is opened in a tab. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    /** Oversized bodies up to this size are read and dropped before the 413, so the client reads the answer. */
    private static final long DRAINED_BODY_BYTES = 1024 * 1024;

    private final DiskFileStore store;
    private final FileUrls urls;
    private final FileCors cors;
    private final Clock clock;
    private final Consumer<Context> answered;

    /** @param answered marks a request answered, so that no handler of the server's answers it again */
    FileRoutes(DiskFileStore store, FileUrls urls, FileCors cors, Clock clock, Consumer<Context> answered) {
        this.store = store;
        this.urls = urls;
        this.cors = cors;
        this.clock = clock;
        this.answered = answered;
    }

    void addTo(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.PUT, PATH, this::upload);
        config.routes.addHttpHandler(HandlerType.GET, PATH, this::download);
        config.routes.addHttpHandler(HandlerType.HEAD, PATH, this::download);
        config.routes.addHttpHandler(HandlerType.OPTIONS, PATH, this::preflight);
    }

    private void upload(Context ctx) {
        Optional<FileKey> key = key(ctx);
        if (key.isEmpty()) {
            refuse(ctx, 404, "Not found");
            return;
        }
        Long expires = number(ctx, "expires");
        Long size = number(ctx, "size");
        String type = parameter(ctx, "type");
        String signature = parameter(ctx, "signature");
        if (expires == null || size == null || type == null || signature == null
                || !urls.isUpload(key.get(), expires, size, type, signature)) {
            refuse(ctx, 403, "The upload URL is not valid: use the URL as it was given");
            return;
        }
        if (isExpired(expires)) {
            refuse(ctx, 403, "The upload URL has expired: ask for a new one");
            return;
        }
        List<String> types = Collections.list(ctx.req().getHeaders("Content-Type"));
        if (types.size() != 1 || !types.get(0).equals(type)) {
            refuse(ctx, 400, "The upload's Content-Type must be " + type + ", as the URL was signed for");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > size) {
            drain(ctx, declared);
            refuse(ctx, 413, tooLarge(size));
            return;
        }
        boolean chunked = ctx.req().getHeader("Transfer-Encoding") != null;
        if (declared >= 0 && declared < size || declared < 0 && !chunked && size > 0) {
            refuse(ctx, 400, tooSmall(size));
            return;
        }
        DiskFileStore.Received received;
        try (InputStream body = ctx.req().getInputStream()) {
            received = store.receive(key.get(), type, size, body);
        } catch (IOException e) {
            // The client went away mid-upload (then no one reads this), or the disk failed; nothing was stored.
            refuse(ctx, 500, "The file could not be stored");
            return;
        }
        switch (received) {
            case STORED -> answer(ctx, 200, Map.of(), null);
            case ALREADY_STORED -> refuse(ctx, 409, "A file is already stored at this URL: it takes one upload");
            case TOO_LARGE -> refuse(ctx, 413, tooLarge(size));
            case TOO_SMALL -> refuse(ctx, 400, tooSmall(size));
            default -> throw new IllegalStateException("unexpected upload outcome " + received);
        }
    }

    private void download(Context ctx) throws IOException {
        Optional<FileKey> key = key(ctx);
        if (key.isEmpty()) {
            refuse(ctx, 404, "Not found");
            return;
        }
        Long expires = number(ctx, "expires");
        String filename = parameter(ctx, "filename");
        String signature = parameter(ctx, "signature");
        if (expires == null || filename == null || signature == null
                || !urls.isDownload(key.get(), expires, filename, signature)) {
            refuse(ctx, 403, "The download URL is not valid: use the URL as it was given");
            return;
        }
        if (isExpired(expires)) {
            refuse(ctx, 403, "The download URL has expired: ask for a new one");
            return;
        }
        Optional<DiskFileStore.Opened> opened;
        try {
            opened = store.open(key.get());
        } catch (IOException e) {
            refuse(ctx, 500, "The file could not be read");
            return;
        }
        if (opened.isEmpty()) {
            refuse(ctx, 404, "No file is stored at this URL");
            return;
        }
        try (InputStream body = opened.get().body()) {
            Map<String, String> headers = Map.of(
                    "Content-Disposition", contentDisposition(filename),
                    "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "Cache-Control", "private, no-store",
                    "Referrer-Policy", "no-referrer");
            answer(ctx, 200, headers, null);
            ctx.res().setContentType(opened.get().contentType());
            ctx.res().setContentLengthLong(opened.get().size());
            if (!ctx.req().getMethod().equals("HEAD")) {
                // Straight to the connection, never whole in memory, and never compressed: the bytes as stored.
                OutputStream out = ctx.res().getOutputStream();
                try {
                    body.transferTo(out);
                } catch (IOException e) {
                    // The client went away: nothing more can be answered, and the answer falls short of its length,
                    // so the connection is closed rather than reused.
                }
            }
        }
    }

    private void preflight(Context ctx) {
        answer(ctx, 204, Map.of(
                "Access-Control-Allow-Methods", FileCors.ALLOWED_METHODS,
                "Access-Control-Allow-Headers", FileCors.ALLOWED_HEADERS,
                "Access-Control-Max-Age", FileCors.MAX_AGE_SECONDS), null);
    }

    /**
     * {@code attachment}, so a browser saves the file rather than shows it, named twice: an ASCII fallback in quotes
     * for old clients and the exact name in RFC 8187 encoding for the rest.
     */
    static String contentDisposition(String filename) {
        StringBuilder fallback = new StringBuilder();
        StringBuilder exact = new StringBuilder();
        filename.codePoints().forEach(c -> fallback.append(
                c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            exact.append(attrChar ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
    }

    private boolean isExpired(long expires) {
        return clock.instant().getEpochSecond() >= expires;
    }

    private static Optional<FileKey> key(Context ctx) {
        return FileKey.of(ctx.pathParam("taskId"), ctx.pathParam("attachmentId"));
    }

    /** The one value of a query parameter, or {@code null} when it is missing or given more than once. */
    private static String parameter(Context ctx, String name) {
        List<String> values = ctx.queryParamMap().get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private static Long number(Context ctx, String name) {
        String value = parameter(ctx, name);
        return value != null && NUMBER.matcher(value).matches() ? Long.valueOf(value) : null;
    }

    private static String tooLarge(long size) {
        return "The upload has more than the " + size + " bytes the URL was signed for";
    }

    private static String tooSmall(long size) {
        return "The upload has fewer than the " + size + " bytes the URL was signed for";
    }

    /** Reads and drops a moderately oversized body, so the client, still sending, gets to read the refusal. */
    private static void drain(Context ctx, long declared) {
        if (declared <= DRAINED_BODY_BYTES) {
            try (InputStream in = ctx.req().getInputStream()) {
                in.skipNBytes(declared);
            } catch (IOException e) {
                // The body ended early or the client went away: the refusal is answered all the same.
            }
        }
    }

    private void refuse(Context ctx, int status, String message) {
        HttpResponse problem = Problems.forRequest(status, message);
        answer(ctx, status, problem.headers(), problem.body());
    }

    /**
     * Writes the status, {@code headers}, the request id, the CORS headers and {@code body} (none when {@code null},
     * and none for HEAD).
     */
    private void answer(Context ctx, int status, Map<String, String> headers, String body) {
        answered.accept(ctx);
        ctx.status(status);
        // Javalin starts every answer with a default type; an answer without a body must not claim one.
        ctx.res().setContentType(null);
        headers.forEach(ctx::header);
        ctx.header("X-Request-Id", requestId(ctx));
        String origin = cors.allowedOrigin(ctx.header("Origin"));
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
        if (cors.variesByOrigin()) {
            ctx.header("Vary", "Origin");
        }
        ctx.header("Access-Control-Expose-Headers", FileCors.EXPOSED_HEADERS);
        if (body != null && !ctx.req().getMethod().equals("HEAD")) {
            ctx.result(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The client's {@code X-Request-Id} when it is a plain token, else a new one, as the API does. */
    private static String requestId(Context ctx) {
        List<String> ids = Collections.list(ctx.req().getHeaders("X-Request-Id"));
        if (ids.size() == 1 && CLIENT_REQUEST_ID.matcher(ids.get(0)).matches()) {
            return ids.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L).toString();
    }
}
