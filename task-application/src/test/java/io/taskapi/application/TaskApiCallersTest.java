package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.Actor;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.UserId;
import org.junit.jupiter.api.Test;
import java.util.Optional;

/** Front doors authenticate; the core acts only for an authenticated caller and renders each refusal exactly. */
class TaskApiCallersTest {
    static final String REQUIRED = "Authentication required: send a bearer token in the Authorization header";

    TaskApiHarness harness = new TaskApiHarness();

    @Test
    void aCallerWithoutCredentialsIsChallengedAndNothingIsStored() {
        HttpResponse response = harness.send(Request.post("/tasks").json("{\"task\":\"x\"}")
                .caller(Caller.anonymous()));

        assertResponse(response, 401, error(REQUIRED));
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"tasks\"")
                .containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(harness.stored()).isEmpty();
    }

    @Test
    void aRejectedTokenIsAnInvalidTokenChallengeThatSaysNoMore() {
        HttpResponse response = harness.send(Request.get("/tasks").caller(Caller.rejected("bad_signature")));

        assertResponse(response, 401, error("The access token is invalid or has expired"));
        assertThat(response.headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"tasks\", error=\"invalid_token\"");
        assertThat(response.body()).doesNotContain("signature");
    }

    @Test
    void aTokenThatCannotBeCheckedNowIsA503ToRetry() {
        HttpResponse response = harness.send(Request.get("/tasks").caller(Caller.unverifiable("jwks_unreachable")));

        assertResponse(response, 503, error("The access token cannot be verified right now; retry later"));
        assertThat(response.headers()).containsEntry("Retry-After", "5").doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void preflightsUnknownPathsAndUnservedMethodsNeedNoCredentials() {
        Caller nobody = Caller.anonymous();

        assertThat(harness.send(Request.options("/tasks").caller(nobody)).status()).isEqualTo(204);
        assertThat(harness.send(Request.get("/elsewhere").caller(nobody)).status()).isEqualTo(404);
        assertThat(harness.send(Request.delete("/tasks").caller(nobody)).status()).isEqualTo(405);
    }

    @Test
    void aUsersIdIsTheSubjectAndTheirOwnTasksAreKeptAfterAPrefixThatNoSharedOwnerHas() {
        assertThat(Caller.user("8f1e-42", "Ada")).isEqualTo(new Caller.Authenticated(
                new Actor(new UserId("8f1e-42"), new OwnerId("user:8f1e-42"), Optional.of("Ada"))));
        assertThat(Caller.user("shared")).as("the shared user's id is not a subject a token may have")
                .isEqualTo(Caller.rejected("reserved_subject"));
        assertThat(Caller.user("")).isInstanceOf(Caller.Rejected.class);
        assertThat(Caller.user("a\u0000b")).isInstanceOf(Caller.Rejected.class);
        assertThat(Caller.user("x".repeat(300))).isInstanceOf(Caller.Rejected.class);
    }
}
