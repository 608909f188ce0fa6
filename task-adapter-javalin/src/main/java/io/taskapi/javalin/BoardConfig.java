package io.taskapi.javalin;

import io.javalin.http.Context;
import io.taskapi.application.JsonText;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the task board reads from {@code /config.json} before its first request: where the API is and how its users
 * sign in. This server answers it from its settings; a deployed board reads the same shape from a file Terraform
 * writes beside the board's files ({@code infrastructure/board.tf}), so one set of static files serves both.
 *
 * @param signIn how users sign in, or {@code null} when the server identifies no one or the board is to ask for a
 *               token to paste
 */
public record BoardConfig(SignIn signIn) {
    /** The OpenID scopes the board asks for: an ID token ({@code openid}) naming the user's address ({@code email}). */
    public static final List<String> SCOPES = List.of("openid", "email");

    /** A board that signs nobody in. */
    public static final BoardConfig WITHOUT_SIGN_IN = new BoardConfig(null);

    /**
     * A hosted sign-in page with OAuth 2.0 endpoints at Cognito's paths under {@code url} ({@code /oauth2/authorize},
     * {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /logout}), where the board signs in as the public app
     * client {@code clientId}.
     */
    public record SignIn(URI url, String clientId) {
        public SignIn {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /**
     * The configuration as JSON: {@code api_url} is empty, since the API is the server that served the board, and
     * {@code sign_in} is null or names the sign-in page, the client and the scopes.
     */
    public String json() {
        JsonText json = new JsonText(256).beginObject().name("api_url").value("").name("sign_in");
        if (signIn == null) {
            json.rawValue("null");
        } else {
            String url = signIn.url().toString();
            json.beginObject().name("url").value(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                    .name("client_id").value(signIn.clientId()).name("scopes").beginArray();
            SCOPES.forEach(json::value);
            json.endArray().endObject();
        }
        return json.endObject().toString();
    }

    /** Answers {@code GET /config.json}, never cached without asking, since it changes with the server's settings. */
    void answer(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/json");
        ctx.result(json());
    }
}
