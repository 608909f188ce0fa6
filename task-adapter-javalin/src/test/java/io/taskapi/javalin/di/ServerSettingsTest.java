package io.taskapi.javalin.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.application.AuthMode;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.Setting;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskFilter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the server's settings: defaults as documented, and one message naming the variable for each bad value. */
class ServerSettingsTest {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(new ServerSettings("127.0.0.1", 8080, ServerSettings.Store.MEMORY, "tasks",
                false, null, Path.of("data/files"), null, null, AttachmentLimits.DEFAULT, null,
                CorsPolicy.ownOriginOnly(), Set.of(), AuthMode.NONE, null));
        Map<String, String> documented = ServerSettings.SETTINGS.stream()
                .collect(Collectors.toMap(Setting::variable, Setting::defaultHelp));
        assertThat(documented).containsEntry("PORT", "8080").containsEntry("HOST", "127.0.0.1")
                .containsEntry("TASKS_STORE", "memory").containsEntry("TASKS_TABLE", "tasks")
                .containsEntry("TASKS_CREATE_TABLE", "false").containsEntry("TASKS_CORS_ORIGINS",
                        "the server's own origin only with TASKS_AUTH=none; * with TASKS_AUTH=jwt")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "AWS itself")
                .containsEntry("TASKS_PAGE_TOKEN_SECRET", "random per process")
                .containsEntry("TASKS_AUTH", "none").containsEntry("TASKS_FILES_DIR", "data/files");
    }

    @Test
    void theFilesFolderAndAddressAreRead() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of(
                "TASKS_FILES_DIR", "/var/lib/tasks/files", "TASKS_FILES_URL", "http://tasks.lan:8080/"));

        assertThat(settings.filesDir()).isEqualTo(Path.of("/var/lib/tasks/files"));
        assertThat(settings.filesUrl()).isEqualTo(URI.create("http://tasks.lan:8080/"));
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("TASKS_FILES_DIR", "a\0b")))
                .hasMessage("TASKS_FILES_DIR must be a folder's path, got: a\0b");
    }

    @Test
    void everyVariableReadIsDocumentedInTheSettings() {
        Set<String> read = new HashSet<>();
        Map<String, String> recording = new HashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }

            @Override
            public String getOrDefault(Object key, String defaultValue) {
                read.add((String) key);
                return super.getOrDefault(key, defaultValue);
            }
        };

        ServerSettings.fromEnvironment(recording);

        assertThat(ServerSettings.SETTINGS).extracting(Setting::variable).containsAll(read);
    }

    @Test
    void everySettingIsReadFromTheEnvironment() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of(
                "HOST", "0.0.0.0", "PORT", "9090", "TASKS_PAGE_TOKEN_SECRET", SECRET,
                "TASKS_CORS_ORIGINS", "https://app.example.com", "TASKS_STORE", "DynamoDB", "TASKS_TABLE", "board",
                "TASKS_CREATE_TABLE", "yes", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));

        // A sealer has no value equality: the expected settings take the one read, which must be keyed by SECRET.
        assertThat(settings).isEqualTo(new ServerSettings("0.0.0.0", 9090, ServerSettings.Store.DYNAMODB, "board",
                true, URI.create("http://127.0.0.1:8000"), Path.of("data/files"), null, null,
                AttachmentLimits.DEFAULT, settings.secret(),
                CorsPolicy.parse("https://app.example.com"), Set.of(), AuthMode.NONE, null));
        String token = settings.secret().pageTokens().seal(OwnerId.SHARED, TaskFilter.ALL, "position");
        assertThat(PageTokenSealer.fromBase64(SECRET).open(OwnerId.SHARED, TaskFilter.ALL, token))
                .isEqualTo("position");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT | eighty | PORT must be an integer from 0 to 65535, got: eighty",
        "PORT | 70000 | PORT must be an integer from 0 to 65535, got: 70000",
        "PORT | -1 | PORT must be an integer from 0 to 65535, got: -1",
        "TASKS_STORE | postgres | TASKS_STORE must be memory or dynamodb, got: postgres",
        "TASKS_CREATE_TABLE | maybe | TASKS_CREATE_TABLE must be true or false, got: maybe",
        "TASKS_CORS_ORIGINS | app.example.com | TASKS_CORS_ORIGINS is unusable: not an origin",
        "TASKS_CORS_ORIGINS | '*,https://a.example' | TASKS_CORS_ORIGINS is unusable: * cannot be combined",
        "TASKS_PAGE_TOKEN_SECRET | c2hvcnQ= | TASKS_PAGE_TOKEN_SECRET is unusable: page token secret must be at least",
        "TASKS_PAGE_TOKEN_SECRET | '%%%' | TASKS_PAGE_TOKEN_SECRET is unusable: page token secret must be base64",
        "AWS_ENDPOINT_URL_DYNAMODB | localhost:8000 | AWS_ENDPOINT_URL_DYNAMODB must be an http(s) URL",
        "TASKS_FILES_URL | tasks.lan:8080 | TASKS_FILES_URL must be an http(s) URL such as http://tasks.lan:8080",
        "TASKS_FILES_URL | http://tasks.lan/?a=1 | TASKS_FILES_URL must be an http(s) URL without user, query"})
    void anUnusableValueIsRefusedWithAMessageNamingItsVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain("\n");
    }

    /**
     * A blank value is no longer refused: every setting reads blank as unset ({@link Setting#read}), so a blank
     * {@code HOST} binds the default loopback interface, as before only an unset one did.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankValueMeansTheDefault(String blank) {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("HOST", blank, "PORT", blank,
                "TASKS_STORE", blank, "TASKS_TABLE", blank, "TASKS_CORS_ORIGINS", blank, "TASKS_AUTH", blank));

        assertThat(settings).isEqualTo(ServerSettings.fromEnvironment(Map.of()));
    }

    @Test
    void jwtNeedsAnIssuerAndAnAudienceAndFindsTheKeysBesideTheIssuer() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("TASKS_AUTH", "jwt",
                "TASKS_JWT_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
                "TASKS_JWT_AUDIENCE", "client-1"));

        assertThat(settings.auth()).isEqualTo(AuthMode.JWT);
        assertThat(settings.jwt()).isEqualTo(new ServerSettings.Jwt(
                "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", "client-1",
                URI.create("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc/.well-known/jwks.json"), null));
        ServerSettings none = ServerSettings.fromEnvironment(Map.of());
        assertThat(none.auth()).isEqualTo(AuthMode.NONE);
        assertThat(none.jwt()).isNull();
    }

    @Test
    void theBoardSignsInWhereTheSignInUrlSaysAsTheAudiencesClient() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("TASKS_AUTH", "jwt",
                "TASKS_JWT_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
                "TASKS_JWT_AUDIENCE", "client-1",
                "TASKS_JWT_SIGN_IN_URL", "https://tasks.auth.us-east-1.amazoncognito.com"));

        assertThat(settings.jwt().signInUrl()).isEqualTo(URI.create("https://tasks.auth.us-east-1.amazoncognito.com"));
        assertThat(ServerModule.board(settings).json()).isEqualTo("{\"api_url\":\"\",\"sign_in\":{"
                + "\"url\":\"https://tasks.auth.us-east-1.amazoncognito.com\",\"client_id\":\"client-1\","
                + "\"scopes\":[\"openid\",\"email\"]}}");
        assertThat(ServerModule.board(ServerSettings.fromEnvironment(Map.of())).json())
                .isEqualTo("{\"api_url\":\"\",\"sign_in\":null}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TASKS_AUTH=cognito | TASKS_AUTH must be none or jwt, got: cognito",
        "TASKS_AUTH=jwt,TASKS_JWT_AUDIENCE=c | TASKS_JWT_ISSUER is required with TASKS_AUTH=jwt",
        "TASKS_AUTH=jwt,TASKS_JWT_ISSUER=https://id.example.com | TASKS_JWT_AUDIENCE is required with TASKS_AUTH=jwt",
        "TASKS_AUTH=jwt,TASKS_JWT_ISSUER=https://id.example.com,TASKS_JWT_AUDIENCE=c,TASKS_JWT_JWKS_URL=http://id.example.com/keys"
                + " | TASKS_JWT_JWKS_URL must be an https URL (http only on this machine",
        "TASKS_AUTH=jwt,TASKS_JWT_ISSUER=id.example.com,TASKS_JWT_AUDIENCE=c | TASKS_JWT_JWKS_URL must be an https URL",
        "TASKS_JWT_ISSUER=https://id.example.com | TASKS_JWT_ISSUER is set but TASKS_AUTH is none",
        "TASKS_AUTH=none,TASKS_JWT_AUDIENCE=c | TASKS_JWT_AUDIENCE is set but TASKS_AUTH is none",
        "TASKS_JWT_SIGN_IN_URL=https://id.example.com | TASKS_JWT_SIGN_IN_URL is set but TASKS_AUTH is none",
        "TASKS_AUTH=jwt,TASKS_JWT_ISSUER=https://id.example.com,TASKS_JWT_AUDIENCE=c,TASKS_JWT_SIGN_IN_URL=http://id.example.com"
                + " | TASKS_JWT_SIGN_IN_URL must be an https URL without query or fragment",
        "TASKS_AUTH=jwt,TASKS_JWT_ISSUER=https://id.example.com,TASKS_JWT_AUDIENCE=c,TASKS_JWT_SIGN_IN_URL=https://id.example.com/?a=b"
                + " | TASKS_JWT_SIGN_IN_URL must be an https URL without query or fragment"})
    void anUnusableAuthenticationSettingStopsTheServerNamingItsVariable(String settings, String message) {
        Map<String, String> env = new HashMap<>();
        for (String setting : settings.split(",")) {
            String[] pair = setting.split("=", 2);
            env.put(pair[0], pair[1]);
        }

        assertThatThrownBy(() -> ServerSettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain("\n");
    }

    @Test
    void theSecretItselfIsNeverRepeatedInTheMessage() {
        String tooShort = "c2VjcmV0LXZhbHVl";

        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", tooShort)))
                .message().doesNotContain(tooShort);
    }
}
