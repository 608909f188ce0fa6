package io.taskapi.application.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One way of serving the API under test: sends a request the way a client of that front door would, to an API that
 * is started once for a test class and emptied between its cases.
 *
 * <p>The suite names the user a request comes from in the pseudo-header {@link #USER}. A transport never passes it to
 * the server: it turns it into what a real client of that front door holds (a signed bearer token, the claims API
 * Gateway's authorizer adds) when the API authenticates, and drops it when the API serves one shared owner.
 */
public interface ApiTransport extends AutoCloseable {
    /**
     * The pseudo-header naming the user who sends a request: absent means {@link #DEFAULT_USER}, empty means a client
     * without credentials. It is test vocabulary only, never a header any server reads.
     */
    String USER = "X-Conformance-User";

    /** The user of every request that names none. */
    String DEFAULT_USER = "alice";

    /**
     * Sends one request.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the path with its raw query, for example {@code /tasks?limit=2}
     * @param headers      request headers; a value may hold several comma-separated values
     * @param body         the body bytes, or {@code null} for none
     */
    ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body);

    /**
     * Whether the API under test authenticates its callers, so that each user has tasks of their own and a request
     * without credentials is refused; {@code false} when it serves every caller the same shared tasks.
     */
    default boolean authenticates() {
        return false;
    }

    /**
     * What a client's URL has before the API's paths, such as an API Gateway stage ({@code /dev}); links the API
     * answers with ({@code Location}) start with it.
     */
    default String basePath() {
        return "";
    }

    /**
     * Empties the API's store, as a fresh start would, so that each case of a suite begins alike while the API itself
     * (a server, a handler, an engine) is started once per test class.
     */
    void reset();

    @Override
    default void close() {
    }

    /**
     * Uploads {@code body} as a client does with an attachment's upload grant: a {@code PUT} to {@code url} with
     * {@code headers}, straight to the file store, never through the API. Answers the store's status.
     */
    default int upload(String url, Map<String, String> headers, byte[] body) {
        return FileTransfers.upload(url, headers, body);
    }

    /** Downloads what a download grant's {@code url} serves: its status, headers and bytes. */
    default FileTransfers.Download download(String url) {
        return FileTransfers.download(url);
    }

    /** The user {@code headers} name in {@link #USER}: {@link #DEFAULT_USER} when absent, {@code null} for none. */
    static String userOf(Map<String, String> headers) {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        String user = caseInsensitive.getOrDefault(USER, DEFAULT_USER);
        return user.isEmpty() ? null : user;
    }

    /** {@code headers} without the {@link #USER} pseudo-header, in their order. */
    static Map<String, String> withoutUser(Map<String, String> headers) {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.keySet().removeIf(name -> name.equalsIgnoreCase(USER));
        return sent;
    }
}
