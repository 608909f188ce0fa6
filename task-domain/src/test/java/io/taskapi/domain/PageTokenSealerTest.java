package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Page tokens: they round-trip, are bound to one owner, filter and key, and every other text is refused. */
class PageTokenSealerTest {
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final TaskFilter COMPLETED = filter(TaskStatus.COMPLETED, null);
    private static final String POSITION = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    private static final LocalDate JAN_3 = LocalDate.of(2026, 1, 3);
    private static final LocalDate JAN_8 = LocalDate.of(2026, 1, 8);
    private static final String BASE64URL_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final FieldError INVALID =
            new FieldError(ListingField.PAGE_TOKEN, "is not a valid page token for this query");

    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final String token = sealer.seal(ALICE, TaskFilter.ALL, POSITION);

    private static TaskFilter filter(TaskStatus status, TaskPriority priority) {
        return TaskFilterTest.filter(status, priority, null, null, null, TaskOrder.CREATED_AT);
    }

    private static byte[] secret(int bytes, int seed) {
        byte[] secret = new byte[bytes];
        Arrays.fill(secret, (byte) seed);
        return secret;
    }

    private static void assertRejected(ThrowingCallable open) {
        assertThat(ValidationErrors.of(open)).containsExactly(INVALID);
    }

    private void assertRejected(String candidate) {
        assertRejected(() -> sealer.open(ALICE, TaskFilter.ALL, candidate));
    }

    @ParameterizedTest
    @ValueSource(strings = {POSITION, "x", "position with spaces & symbols =/+?", "Résumé \uD83D\uDE80"})
    void opensWhatItSealed(String position) {
        assertThat(sealer.open(BOB, COMPLETED, sealer.seal(BOB, COMPLETED, position))).isEqualTo(position);
    }

    @Test
    void roundTripsForEveryFilter() {
        for (TaskStatus status : new TaskStatus[] {null, TaskStatus.NEW, TaskStatus.CANCELLED}) {
            for (TaskPriority priority : new TaskPriority[] {null, TaskPriority.LOW, TaskPriority.URGENT}) {
                TaskFilter filter = filter(status, priority);
                assertThat(sealer.open(ALICE, filter, sealer.seal(ALICE, filter, POSITION))).isEqualTo(POSITION);
            }
        }
        for (TaskFilter filter : List.of(
                TaskFilterTest.filter(null, null, "work", null, null, TaskOrder.CREATED_AT),
                TaskFilterTest.filter(TaskStatus.NEW, null, "work", JAN_8, JAN_3, TaskOrder.DUE_DATE),
                TaskFilterTest.filter(null, null, null, null, null, TaskOrder.DUE_DATE))) {
            assertThat(sealer.open(ALICE, filter, sealer.seal(ALICE, filter, POSITION))).isEqualTo(POSITION);
        }
    }

    @Test
    void writesUnpaddedBase64Url() {
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void sealingIsDeterministicForOneKey() {
        assertThat(sealer.seal(ALICE, TaskFilter.ALL, POSITION)).isEqualTo(token);
    }

    @Test
    void rejectsATokenWithAnySingleBitFlipped() {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] tampered = bytes.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
        }
    }

    @Test
    void rejectsATokenWithAnyCharacterReplacedByOneThatChangesItsBytes() {
        byte[] original = Base64.getUrlDecoder().decode(token);
        int checked = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char replacement : BASE64URL_ALPHABET.toCharArray()) {
                if (replacement == token.charAt(i)) {
                    continue;
                }
                String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
                if (!Arrays.equals(Base64.getUrlDecoder().decode(tampered), original)) {
                    assertRejected(tampered);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(token.length() * 60);
    }

    @Test
    void rejectsEveryTruncation() {
        for (int length = 0; length < token.length(); length++) {
            assertRejected(token.substring(0, length));
        }
        assertRejected(token.substring(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "AA", "AAAA", "x", "-", "_____", "0"})
    void rejectsATokenWithExtraCharacters(String extra) {
        assertRejected(token + extra);
        assertRejected(extra + token);
    }

    @Test
    void rejectsTwoTokensGluedTogether() {
        assertRejected(token + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "=", "==", "A", "AA", "AAA", "AAAA", "AQ", "null", "0", "\n"})
    void rejectsEmptyishTokens(String candidate) {
        assertRejected(candidate);
    }

    @Test
    void rejectsATokenOfOnlyAFormatByteAndATag() {
        // The right length for an empty position, but not made by this sealer.
        assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(secret(17, 1)));
    }

    /** A token always carries a position: one of only a format byte and a tag is refused even when correctly signed. */
    @Test
    void rejectsACorrectlySignedTokenWithAnEmptyPosition() throws Exception {
        byte[] secret = secret(32, 5);
        byte[] owner = "alice".getBytes(StandardCharsets.UTF_8);
        byte[] query = "status=&priority=".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update((byte) 1);
        mac.update(ByteBuffer.allocate(4).putInt(owner.length).array());
        mac.update(owner);
        mac.update(ByteBuffer.allocate(4).putInt(query.length).array());
        mac.update(query);
        byte[] tag = mac.doFinal();
        String empty = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(17).put((byte) 1).put(tag, 0, 16).array());

        assertRejected(() -> new PageTokenSealer(secret).open(ALICE, TaskFilter.ALL, empty));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc+def/", "abc$def", "abc def", "abc\tdef", "abc.def", "é", "%41%42"})
    void rejectsTextThatIsNotBase64Url(String candidate) {
        assertRejected(candidate);
    }

    @Test
    void rejectsATokenInTheStandardBase64Alphabet() {
        String standard = Base64.getEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(token));
        if (!standard.equals(token)) {
            assertRejected(standard);
        }
        assertRejected(token.replace('-', '+').replace('_', '/') + "+/");
    }

    @Test
    void rejectsATokenLongerThan1024Characters() {
        assertRejected("A".repeat(1025));
        assertRejected(token + "A".repeat(1025 - token.length()));
    }

    @Test
    void rejectsATokenSealedForAnotherOwner() {
        assertRejected(() -> sealer.open(BOB, TaskFilter.ALL, token));
    }

    /**
     * A page token issued to one owner is refused for another owner whose id has the same length: the tag covers the
     * owner's id itself, not only its length.
     */
    @Test
    void aTokenIssuedToOneOwnerIsRefusedForAnotherOwnerWhoseIdHasTheSameLength() {
        OwnerId carol = new OwnerId("carol");
        assertThat(carol.value()).hasSameSizeAs(ALICE.value());

        assertRejected(() -> sealer.open(carol, TaskFilter.ALL, token));
        assertRejected(() -> sealer.open(new OwnerId("user:0f8fad5b"), "q", sealer.seal(new OwnerId("user:7c9e6679"),
                "q", POSITION)));
    }

    /** Likewise a token sealed for one query is refused for another query text of the same length. */
    @Test
    void aTokenSealedForOneQueryIsRefusedForAnotherOfTheSameLength() {
        String sealed = sealer.seal(ALICE, "lists", POSITION);

        assertThat(sealer.open(ALICE, "lists", sealed)).isEqualTo(POSITION);
        assertRejected(() -> sealer.open(ALICE, "lista", sealed));
        assertRejected(() -> sealer.open(ALICE, "members", sealer.seal(ALICE, "comment", POSITION)));
    }

    /** Owner and query are fields of their own: moving text from one to the other makes another token. */
    @Test
    void theOwnerAndTheQueryCannotTradeCharacters() {
        String sealed = sealer.seal(new OwnerId("ab"), "c", POSITION);

        assertRejected(() -> sealer.open(new OwnerId("a"), "bc", sealed));
    }

    static Stream<Arguments> differentFilters() {
        return Stream.of(
                Arguments.of(TaskFilter.ALL, COMPLETED),
                Arguments.of(COMPLETED, TaskFilter.ALL),
                Arguments.of(COMPLETED, filter(TaskStatus.NEW, null)),
                Arguments.of(filter(null, TaskPriority.HIGH), filter(null, TaskPriority.LOW)),
                Arguments.of(filter(TaskStatus.NEW, TaskPriority.HIGH), filter(TaskStatus.NEW, null)),
                Arguments.of(filter(TaskStatus.NEW, TaskPriority.HIGH), filter(null, TaskPriority.HIGH)),
                Arguments.of(TaskFilter.ALL, TaskFilterTest.filter(null, null, "work", null, null,
                        TaskOrder.CREATED_AT)),
                Arguments.of(TaskFilterTest.filter(null, null, "work", null, null, null),
                        TaskFilterTest.filter(null, null, "home", null, null, null)),
                Arguments.of(TaskFilter.ALL, TaskFilterTest.filter(null, null, null, null, null, TaskOrder.DUE_DATE)),
                Arguments.of(TaskFilterTest.filter(null, null, null, JAN_8, null, TaskOrder.DUE_DATE),
                        TaskFilterTest.filter(null, null, null, null, JAN_8, TaskOrder.DUE_DATE)),
                Arguments.of(TaskFilterTest.filter(null, null, null, JAN_8, JAN_3, TaskOrder.DUE_DATE),
                        TaskFilterTest.filter(null, null, null, JAN_8, null, TaskOrder.DUE_DATE)),
                Arguments.of(TaskFilterTest.filter(null, null, null, JAN_8, null, TaskOrder.DUE_DATE),
                        TaskFilterTest.filter(null, null, null, JAN_3, null, TaskOrder.DUE_DATE)));
    }

    @ParameterizedTest
    @MethodSource("differentFilters")
    void rejectsATokenSealedForAnotherFilter(TaskFilter sealedFor, TaskFilter openedWith) {
        String sealed = sealer.seal(ALICE, sealedFor, POSITION);

        assertRejected(() -> sealer.open(ALICE, openedWith, sealed));
    }

    @Test
    void rejectsATokenSealedWithAnotherSecret() {
        PageTokenSealer other = PageTokenSealer.withRandomSecret();

        assertRejected(() -> other.open(ALICE, TaskFilter.ALL, token));
    }

    @Test
    void sealersWithTheSameSecretShareTokens() {
        String secret = Base64.getEncoder().encodeToString(secret(32, 7));
        PageTokenSealer first = PageTokenSealer.fromBase64(secret);
        PageTokenSealer second = PageTokenSealer.fromBase64(secret);

        assertThat(second.open(ALICE, COMPLETED, first.seal(ALICE, COMPLETED, POSITION))).isEqualTo(POSITION);
    }

    @Test
    void keepsItsOwnCopyOfTheSecret() {
        byte[] secret = secret(32, 3);
        PageTokenSealer keyed = new PageTokenSealer(secret);
        String sealed = keyed.seal(ALICE, TaskFilter.ALL, POSITION);

        Arrays.fill(secret, (byte) 0);

        assertThat(keyed.open(ALICE, TaskFilter.ALL, sealed)).isEqualTo(POSITION);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31})
    void refusesSecretsShorterThan32Bytes(int bytes) {
        assertThatThrownBy(() -> new PageTokenSealer(new byte[bytes])).isInstanceOf(IllegalArgumentException.class);
        String encoded = Base64.getEncoder().encodeToString(secret(bytes, 9));
        assertThatThrownBy(() -> PageTokenSealer.fromBase64(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 33, 64})
    void acceptsSecretsOf32BytesOrMore(int bytes) {
        String encoded = Base64.getEncoder().encodeToString(secret(bytes, 9));

        assertThatCode(() -> PageTokenSealer.fromBase64(encoded)).doesNotThrowAnyException();
        assertThatCode(() -> PageTokenSealer.fromBase64("  " + encoded + "\n")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "****************************************************",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$", "A", "===="})
    void refusesASecretThatIsNotBase64(String text) {
        assertThatThrownBy(() -> PageTokenSealer.fromBase64(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> PageTokenSealer.fromBase64("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageTokenSealer.fromBase64("   ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEveryOtherSpellingOfAValidToken() {
        String withoutLast = token.substring(0, token.length() - 1);
        for (char replacement : BASE64URL_ALPHABET.toCharArray()) {
            if (replacement != token.charAt(token.length() - 1)) {
                assertRejected(withoutLast + replacement);
            }
        }
        assertRejected(token + "=");
    }

    @Test
    void refusesToSealAPositionItCouldNotOpen() {
        assertThatThrownBy(() -> sealer.seal(ALICE, TaskFilter.ALL, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(ALICE, TaskFilter.ALL, "x".repeat(PageTokenSealer.MAX_POSITION_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        String longest = "x".repeat(PageTokenSealer.MAX_POSITION_BYTES);
        assertThat(sealer.open(ALICE, TaskFilter.ALL, sealer.seal(ALICE, TaskFilter.ALL, longest))).isEqualTo(longest);
    }

    @Test
    void opensTheSameTokenRepeatedly() {
        assertThat(sealer.open(ALICE, TaskFilter.ALL, token)).isEqualTo(POSITION);
        assertThat(sealer.open(ALICE, TaskFilter.ALL, token)).isEqualTo(POSITION);
    }

    @Test
    void theTokenCarriesThePositionAsUtf8() {
        byte[] bytes = Base64.getUrlDecoder().decode(token);

        assertThat(bytes).hasSize(1 + POSITION.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(bytes[0]).isEqualTo((byte) 1);
    }

    @Test
    void aStatusOnlyTokenIsBoundToTheLegacyFingerprintTextSoTokensOfEarlierVersionsStayValid() throws Exception {
        byte[] secret = secret(32, 5);
        byte[] owner = "alice".getBytes(StandardCharsets.UTF_8);
        byte[] fingerprint = "status=completed&priority=".getBytes(StandardCharsets.UTF_8);
        byte[] position = POSITION.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update((byte) 1);
        mac.update(ByteBuffer.allocate(4).putInt(owner.length).array());
        mac.update(owner);
        mac.update(ByteBuffer.allocate(4).putInt(fingerprint.length).array());
        mac.update(fingerprint);
        mac.update(position);
        byte[] tag = mac.doFinal();
        ByteBuffer expected = ByteBuffer.allocate(1 + position.length + 16).put((byte) 1).put(position).put(tag, 0, 16);

        String sealed = new PageTokenSealer(secret).seal(ALICE, COMPLETED, POSITION);

        assertThat(sealed).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected.array()));
    }
}
