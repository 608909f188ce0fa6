package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.AuthMode;
import io.taskapi.application.TaskApplication;
import io.taskapi.domain.Actor;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Lambda handler's in-process path for the suite's sections outside this package (the request cost, section 10). */
public final class LambdaInProcess {
    /** The user every event of {@link #event} comes from, as {@link WarmPathBenchmark} names it. */
    public static final String CALLER = WarmPathBenchmark.CALLER;

    private LambdaInProcess() {
    }

    /**
     * The function's handler over {@code application}, identifying callers by the Cognito authorizer's claims as the
     * deployed function does ({@code TASKS_AUTH=jwt}); through the package-private constructor that the runtime's
     * no-arg one delegates to, so that a section can hand it an application on a client of its own.
     */
    public static RequestStreamHandler handler(TaskApplication application) {
        return new TaskHandler(application, AuthMode.JWT);
    }

    /** An API Gateway REST API (payload 1.0) event from {@link #CALLER}, built as the warm-path benchmark builds it. */
    public static byte[] event(String method, String path, Map<String, String> query, String body) {
        return WarmPathBenchmark.event(method, path, query, body);
    }

    /** {@code event} with one more request header, in both of the payload's header maps. */
    public static byte[] withHeader(byte[] event, String name, String value) {
        JsonObject json = JsonParser.parseString(new String(event, StandardCharsets.UTF_8)).getAsJsonObject();
        json.getAsJsonObject("headers").addProperty(name, value);
        JsonArray values = new JsonArray();
        values.add(value);
        json.getAsJsonObject("multiValueHeaders").add(name, values);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The caller that a Cognito token of {@code user} makes, as the warm-path benchmark makes it. */
    public static Actor actor(String user) {
        return WarmPathBenchmark.actor(user);
    }
}
