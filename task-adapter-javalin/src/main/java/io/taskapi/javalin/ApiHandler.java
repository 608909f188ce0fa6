package io.taskapi.javalin;

import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * add for them (routing, errors, JSON), and that layer's cost was a fifth of the server's CPU per request: on the same
 * core this handler served 53,500–58,900 reads by id a second where the Javalin route served 35,500–48,800 (A/B runs
 * in docs/benchmarks.md, section 3). It keeps what the Javalin route gave clients: the query parsed as Javalin parsed
 * it, and bodies of at least {@value #SMALLEST_COMPRESSED} bytes gzipped for a client that accepts it.
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
                .query(query(request.getHttpURI().getQuery()))
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

    /**
     * The query's parameters as Javalin read them for the API before: pairs split at {@code &} and at their first
     * {@code =} (a name alone has the value {@code ""}), each part decoded as UTF-8, and a part that does not decode
     * dropped (a value) or its pair dropped (a name), so that a malformed parameter is as good as absent, never an
     * error of the web server's.
     */
    static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null) {
                continue;
            }
            List<String> values = parameters.computeIfAbsent(name, n -> new ArrayList<>(1));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (value != null) {
                values.add(value);
            }
        }
        return parameters;
    }

    private static String decoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
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
