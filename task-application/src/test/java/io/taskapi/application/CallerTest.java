package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a front door says about a caller, and what of it may reach a log line. */
class CallerTest {
    private static final String FORTY = "abcdefghijklmnopqrstuvwxyz0123456789_zz9";

    /** A refusal's reason is logged as given when it is a short code: a to z, 0 to 9 and _, at most 40 of them. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "0", "9", "_", "expired", "bad_signature", "jwks_unreachable", "kid_9z",
        "az09_", FORTY})
    void aShortLowerCaseCodeIsLoggedAsItIs(String reason) {
        assertThat(FORTY).hasSize(40);
        assertThat(Caller.rejected(reason)).isEqualTo(new Caller.Rejected(reason));
        assertThat(((Caller.Rejected) Caller.rejected(reason)).reason()).isEqualTo(reason);
        assertThat(((Caller.Unverifiable) Caller.unverifiable(reason)).reason()).isEqualTo(reason);
    }

    /**
     * Anything else becomes {@code unspecified}, so that no token text, user id or claim can reach a log line through
     * a reason: the characters just outside each allowed range ({@code ` { / :}), upper case, punctuation, spaces,
     * text one character too long, and nothing at all.
     */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "`", "{", "/", ":", "A", "Z", "-", ".", " ", "expired ", "Expired", "user:alice",
        "Bearer eyJhbGciOiJSUzI1NiJ9", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9", "a`", "a{", "a/", "a:", "é",
        FORTY + "a", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void anythingButAShortCodeIsLoggedAsUnspecified(String reason) {
        assertThat(((Caller.Rejected) Caller.rejected(reason)).reason()).isEqualTo("unspecified");
        assertThat(((Caller.Unverifiable) Caller.unverifiable(reason)).reason()).isEqualTo("unspecified");
    }

    /** A user's shown name comes from the first of name, email, cognito:username that is a non-blank string. */
    @Test
    void aUsersNameIsTheFirstNonBlankNameClaim() {
        Map<String, Object> claims = new HashMap<>();
        assertThat(Caller.nameOf(claims::get)).isNull();

        claims.put("cognito:username", "ada_l");
        assertThat(Caller.nameOf(claims::get)).isEqualTo("ada_l");
        claims.put("email", " ");
        assertThat(Caller.nameOf(claims::get)).as("a blank claim is no name").isEqualTo("ada_l");
        claims.put("email", "ada@example.com");
        assertThat(Caller.nameOf(claims::get)).isEqualTo("ada@example.com");
        claims.put("name", 42);
        assertThat(Caller.nameOf(claims::get)).as("a claim that is not a string is no name")
                .isEqualTo("ada@example.com");
        claims.put("name", "Ada Lovelace");
        assertThat(Caller.nameOf(claims::get)).isEqualTo("Ada Lovelace");
    }

    @Test
    void aSubjectThatIsMissingOrBlankIsARejectedCredentialNamedSo() {
        assertThat(Caller.user(null)).isEqualTo(Caller.rejected("no_subject"));
        assertThat(Caller.user("  ")).isEqualTo(Caller.rejected("no_subject"));
        assertThat(Caller.user("a\u0000b")).isEqualTo(Caller.rejected("unusable_subject"));
    }
}
