package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical text to which idempotency fingerprints reduce a JSON body: two bodies that mean the same give the same
 * text, and two that do not, different texts.
 */
class JsonCanonicalTest {
    private static Optional<String> canonical(String json) {
        return JsonCanonical.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void membersAreSortedAndWhitespaceDropped() {
        assertThat(canonical(" { \"b\" : 1 , \"a\" : { \"d\" : null , \"c\" : \"x\\u0041\" } } "))
                .hasValue("{\"a\":{\"c\":\"xA\",\"d\":null},\"b\":1}");
    }

    /** Every item of an array is kept, in order and apart: [1,2] is not [12], nor [] . */
    @Test
    void arraysKeepEveryItemInOrderAndApart() {
        assertThat(canonical("[ 1, 2, true, false, null, \"s\", [ ], { } ]"))
                .hasValue("[1,2,true,false,null,\"s\",[],{}]");
        assertThat(canonical("[1,2]")).isNotEqualTo(canonical("[12]")).isNotEqualTo(canonical("[]"));
        assertThat(canonical("{\"tags\":[\"a\",\"b\"]}")).hasValue("{\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void numbersKeepTheirText() {
        assertThat(canonical("[1.0, 1, 1e2, -0]")).hasValue("[1.0,1,1e2,-0]");
    }

    /** Only strict JSON has a canonical text; anything else is fingerprinted by its bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{a:1}", "{'a':1}", "[1,]", "NaN", "[NaN]", "// c\n{}",
        "{\"a\":1;\"b\":2}", "\"unterminated"})
    void textThatIsNotStrictJsonHasNone(String text) {
        assertThat(canonical(text)).isEmpty();
    }

    /** A body nested up to the limit has a canonical text; one level deeper has none, and is never parsed. */
    @Test
    void nestingIsReadUpToTheLimitOnly() {
        String atLimit = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
        String tooDeep = "[".repeat(JsonBodies.MAX_DEPTH + 1) + "]".repeat(JsonBodies.MAX_DEPTH + 1);

        assertThat(canonical(atLimit)).hasValue(atLimit);
        assertThat(canonical(tooDeep)).isEmpty();
    }
}
