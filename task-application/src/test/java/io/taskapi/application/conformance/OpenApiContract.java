package io.taskapi.application.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document ({@code openapi.json}, the one description of the API) as a test oracle: every exchange the
 * conformance suite sees is checked against it, and every response it documents is recorded when seen, so a test can
 * prove that each one was exercised.
 *
 * <p>An exchange passes when its status is documented for its path and method, its {@code Content-Type} is the
 * documented media type, its body validates against the documented JSON Schema (2020-12, as OpenAPI 3.1 uses), it has
 * the documented headers, and it has no body where none is documented. A method a path does not document must be
 * answered 405, and a path the document does not have 404, each with a problem body.
 */
public final class OpenApiContract {
    /** The document as a classpath resource, as the application core's jar carries it. */
    public static final String RESOURCE = "/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private OpenApiContract() {
    }

    /** Where the document lives in the repository. */
    private static final String SOURCE = "task-application/src/main/resources/openapi.json";

    /**
     * The document's exact bytes: from the classpath (the application core's jar), or, for a test that keeps the core off its
     * class path (the packaged-zip checks), from the repository.
     */
    public static byte[] documentBytes() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return in.readAllBytes();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(SOURCE))) {
                    return Files.readAllBytes(dir.resolve(SOURCE));
                }
            }
            throw new IllegalStateException(RESOURCE + " is neither on the classpath nor at " + SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode document() {
        return DOCUMENT;
    }

    /**
     * Checks one exchange against the document and records its documented response as seen.
     *
     * @throws AssertionError naming every way the exchange departs from the document
     */
    public static void check(String method, String pathAndQuery, ApiExchange response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String template = template(path);
        String what = method + " " + pathAndQuery + " -> " + response.status();
        if (template == null) {
            expectProblem(what, response, 404);
            return;
        }
        boolean upperCase = method.equals(method.toUpperCase(Locale.ROOT));
        JsonNode operation = upperCase ? DOCUMENT.path("paths").path(template).get(method.toLowerCase(Locale.ROOT))
                : null;
        if (operation == null) {
            expectProblem(what, response, 405);
            return;
        }
        JsonNode documented = operation.path("responses").get(Integer.toString(response.status()));
        if (documented == null) {
            throw new AssertionError(what + ": status not documented for " + method + " " + template);
        }
        documented = resolve(documented);
        checkResponse(what, documented, response);
        SEEN.add(key(method, template, response.status()));
    }

    /** Every response the document lists, as {@code METHOD template status}. */
    public static Set<String> documentedResponses() {
        Set<String> all = new TreeSet<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("parameters")) {
                operation.getValue().path("responses").propertyNames().forEach(status -> all.add(
                        key(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), Integer.parseInt(status))));
            }
        }));
        return all;
    }

    /** The documented responses seen so far in this JVM. */
    public static Set<String> seenResponses() {
        return new TreeSet<>(SEEN);
    }

    /** Every {@code METHOD template} the document lists. */
    public static Set<String> documentedOperations() {
        Set<String> all = new TreeSet<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(operation -> {
            if (!operation.equals("parameters")) {
                all.add(operation.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return all;
    }

    private static String key(String method, String template, int status) {
        return method + " " + template + " " + status;
    }

    /**
     * The document's path template that {@code path} falls under, or {@code null}: its segments equal, a templated
     * segment ({@code {id}}) standing for any non-empty one.
     */
    static String template(String path) {
        String[] given = path.split("/", -1);
        for (String template : DOCUMENT.path("paths").propertyNames()) {
            String[] segments = template.split("/", -1);
            if (segments.length != given.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                matches = segments[i].startsWith("{") ? !given[i].isEmpty() : segments[i].equals(given[i]);
            }
            if (matches) {
                return template;
            }
        }
        return null;
    }

    private static void expectProblem(String what, ApiExchange response, int status) {
        if (response.status() != status) {
            throw new AssertionError(what + ": an undocumented path or method must be answered " + status);
        }
        checkResponse(what, resolve(DOCUMENT.at("/components/responses/NotFound")), response);
    }

    private static void checkResponse(String what, JsonNode documented, ApiExchange response) {
        List<String> problems = new ArrayList<>();
        documented.path("headers").propertyNames().forEach(header -> {
            if (response.header(header).isEmpty()) {
                problems.add("documented header " + header + " is missing");
            }
        });
        JsonNode content = documented.get("content");
        if (content == null || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                problems.add("no body is documented, but there is one");
            }
        } else if (!response.body().isEmpty() || !isHead(what)) {
            String mediaType = content.propertyNames().iterator().next();
            String contentType = response.header("Content-Type").orElse("");
            if (!contentType.split(";")[0].trim().equals(mediaType)) {
                problems.add("Content-Type " + contentType + " is not the documented " + mediaType);
            }
            String ref = content.path(mediaType).path("schema").path("$ref").asString();
            JsonNode body;
            try {
                body = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": body is not JSON: " + response.body(), e);
            }
            for (Error error : schema(ref).validate(body)) {
                problems.add(error.toString());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " departs from the OpenAPI document: " + problems + "\nbody: "
                    + response.body());
        }
    }

    private static boolean isHead(String what) {
        return what.startsWith("HEAD ");
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(DOCUMENT.at(ref.asString().substring(1)));
    }

    /** The schema a {@code #/components/...} reference names, compiled within the whole document. */
    private static Schema schema(String ref) {
        return COMPILED.computeIfAbsent(ref, r -> {
            ObjectNode root = ((ObjectNode) DOCUMENT).deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", r);
            return SCHEMAS.getSchema(root);
        });
    }

    private static JsonNode load() {
        return JSON.readTree(documentBytes());
    }
}
