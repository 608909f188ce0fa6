package io.taskapi.application.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/** What every answer to any request must satisfy, whatever the request was. */
public final class ResponseInvariants {
    private static final String[] INTERNALS = {"Exception", "\tat ", "java.", "io.taskapi", "com.google", "jakarta.",
        "org.eclipse", "software.amazon"};

    private ResponseInvariants() {
    }

    /**
     * Never a 5xx; every error is a JSON object with a non-blank {@code message}; every other body is JSON; no body
     * ever names an exception, a stack frame or an implementation package.
     */
    public static void check(String context, String method, int status, String body) {
        assertThat(status).as(context).isBetween(200, 499);
        for (String internal : INTERNALS) {
            assertThat(body).as(context).doesNotContain(internal);
        }
        if (method.equals("HEAD") || status == 204 || status == 304) {
            assertThat(body).as(context).isEmpty();
            return;
        }
        JsonElement json = strictJson(context, body);
        if (status >= 400) {
            assertThat(json.isJsonObject()).as(context + ": not an object: " + body).isTrue();
            JsonElement message = json.getAsJsonObject().get("message");
            assertThat(message).as(context + ": error without message: " + body).isNotNull();
            assertThat(message.isJsonPrimitive() && !message.getAsString().isBlank())
                    .as(context + ": blank message: " + body).isTrue();
        }
    }

    private static JsonElement strictJson(String context, String body) {
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            return JsonParser.parseReader(reader);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": body is not valid JSON: " + body, e);
        }
    }
}
