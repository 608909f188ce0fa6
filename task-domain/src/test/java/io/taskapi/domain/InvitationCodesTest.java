package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only text of the shape of an invitation code (43 characters of URL-safe base64) is ever looked up. */
class InvitationCodesTest {
    private static final String SHAPED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop_";

    @Test
    void everyCodeMadeIsShaped() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            String code = InvitationCodes.newCode(random);
            assertThat(code).hasSize(43);
            assertThat(InvitationCodes.isShaped(code)).as(code).isTrue();
        }
    }

    /** Each end of each range of the alphabet: A Z a z 0 9, and - and _. */
    @ParameterizedTest
    @ValueSource(strings = {"A", "Z", "a", "z", "0", "9", "-", "_"})
    void everyCharacterOfTheAlphabetIsAllowedAnywhere(String c) {
        assertThat(InvitationCodes.isShaped(c + SHAPED.substring(1))).isTrue();
        assertThat(InvitationCodes.isShaped(SHAPED.substring(1) + c)).isTrue();
    }

    /** The characters just outside each range (@ [ ` { / :), padding and the other base64 alphabet's + and / are not. */
    @ParameterizedTest
    @ValueSource(strings = {"@", "[", "`", "{", "/", ":", "+", "=", ".", " ", "é"})
    void noOtherCharacterIs(String c) {
        assertThat(InvitationCodes.isShaped(c + SHAPED.substring(1))).isFalse();
        assertThat(InvitationCodes.isShaped(SHAPED.substring(0, 20) + c + SHAPED.substring(21))).isFalse();
        assertThat(InvitationCodes.isShaped(SHAPED.substring(1) + c)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, 44, 86})
    void onlyCodesOf43CharactersAreShaped(int length) {
        assertThat(InvitationCodes.isShaped("A".repeat(length))).isFalse();
        assertThat(InvitationCodes.isShaped("A".repeat(43))).isTrue();
    }

    @Test
    void theDigestIsTheCodesSha256InLowerCaseHex() {
        assertThat(InvitationCodes.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
