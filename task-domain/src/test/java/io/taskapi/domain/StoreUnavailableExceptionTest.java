package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link StoreUnavailableException}: a reason for operators, a message for clients, and the store's own cause. */
class StoreUnavailableExceptionTest {
    private static final String CLIENT_MESSAGE = "Service temporarily unavailable, please retry";

    @Test
    void keepsTheReasonItWasGiven() {
        RuntimeException cause = new RuntimeException("rate exceeded");

        StoreUnavailableException exception = new StoreUnavailableException("throttled", cause);

        assertThat(exception.reason()).isEqualTo("throttled");
        assertThat(exception).hasMessage(CLIENT_MESSAGE).hasCause(cause);
    }

    @Test
    void theReasonIsUnavailableWhenNoneIsGiven() {
        RuntimeException cause = new RuntimeException("connection refused");

        StoreUnavailableException exception = new StoreUnavailableException(cause);

        assertThat(exception.reason()).isEqualTo("unavailable");
        assertThat(exception).hasMessage(CLIENT_MESSAGE).hasCause(cause);
    }

    @Test
    void theClientMessageDoesNotRevealTheReasonOrTheCause() {
        StoreUnavailableException exception =
                new StoreUnavailableException("unreachable", new RuntimeException("host db.internal:8000"));

        assertThat(exception.getMessage()).doesNotContain("unreachable").doesNotContain("db.internal");
        assertThat(exception).isInstanceOf(TaskException.class);
    }
}
