package io.taskapi.javalin;

import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The local server's front door to the API: every request for one of the API's resources ({@link TaskApi#serves})
 * goes from Jetty straight to the core, and the core's answer goes back unchanged; every other request passes on to
 * Javalin, which answers the server's own routes and sends what it does not route to the core as well ({@link
 * ApiBridge}).
 *
 * <p>The API's requests skip Javalin and the servlet layer under it because the core already does everything those
 * add for them (routing, errors, JSON), and they cost about 9 of the 31 µs of CPU the server spent on a read by id: on
 * the same core this handler served 53,500–58,900 reads a second where the Javalin route served 35,500–48,800 (A/B
 * runs in docs/benchmarks.md, section 3). It keeps Javalin's compression: bodies of at least {@value
 * #SMALLEST_COMPRESSED} bytes are gzipped for a client that accepts it. The query is decoded by the core's one rule
 * ({@link HttpRequest.Builder#queryString}), as the Lambda function decodes an HTTP API's.
 */
final class ApiHandler extends Handler.Wrapper {
    /** Javalin's default {@code minSizeForCompression}: smaller bodies were never compressed, and still are not. */
    static final int SMALLEST_COMPRESSED = 1500;

    private final TaskApi api;
    private final Authenticator authenticator;

    ApiHandler(TaskApi api, Authenticator authenticator) {
        this.api = api;
        this.authenticator = authenticator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!api.serves(path)) {
            return super.handle(request, response, callback);
        }
        HttpResponse answer = api.handle(toRequest(request, path));
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach(headers::put);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (body.length >= SMALLEST_COMPRESSED && acceptsGzip(request.getHeaders().get(HttpHeader.ACCEPT_ENCODING))) {
            headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
            body = gzip(body);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private HttpRequest toRequest(Request request, String path) throws IOException {
        String method = request.getMethod();
        HttpFields fields = request.getHeaders();
        HttpRequest.Builder built = ApiBridge.described(method, path, headers(fields))
                .queryString(request.getHttpURI().getQuery())
                // Preflights are answered without credentials, so they are not authenticated at all.
                .caller(method.equals("OPTIONS") ? Caller.anonymous()
                        : authenticator.authenticate(fields.getValuesList(HttpHeader.AUTHORIZATION)));
        ApiBridge.readBody(request.getLength(), fields.contains(HttpHeader.TRANSFER_ENCODING),
                () -> Content.Source.asInputStream(request), built);
        return built.build();
    }

    /** Each header's values by its name, names matched regardless of case as the servlet API matched them. */
    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : fields) {
            byName.computeIfAbsent(field.getName(), name -> new ArrayList<>(1)).add(field.getValue());
        }
        return byName;
    }

    /** Whether an {@code Accept-Encoding} value lists {@code gzip} as one of its codings, as Javalin checked it. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            if (coding.trim().equalsIgnoreCase("gzip")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(body);
        }
        return zipped.toByteArray();
    }
}
