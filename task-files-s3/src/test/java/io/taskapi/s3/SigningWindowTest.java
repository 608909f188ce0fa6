package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SigningWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.000Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aWindowIsRoundedToTheNearestSecond() {
        // The caller computed "now + 5 minutes" a moment before the store reads its clock.
        Clock later = Clock.fixed(NOW.plusMillis(3), ZoneOffset.UTC);

        assertThat(SigningWindow.until(NOW.plus(Duration.ofMinutes(5)), later).duration()).hasSeconds(300);
        assertThat(SigningWindow.until(NOW.plusMillis(1_499), CLOCK).duration()).hasSeconds(1);
        assertThat(SigningWindow.until(NOW.plusMillis(1_500), CLOCK).duration()).hasSeconds(2);
    }

    @Test
    void anExpiryThatHasPassedOrIsTooCloseIsRefused() {
        assertThatThrownBy(() -> SigningWindow.until(NOW, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningWindow.until(NOW.minusSeconds(60), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningWindow.until(NOW.plusMillis(499), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sevenDaysIsTheLongestWindowS3Accepts() {
        assertThat(SigningWindow.until(NOW.plus(Duration.ofDays(7)), CLOCK).duration()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> SigningWindow.until(NOW.plus(Duration.ofDays(7)).plusSeconds(1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowIsWholeSeconds() {
        assertThatThrownBy(() -> new SigningWindow(Duration.ofMillis(1_500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
