package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A page request is a valid size and, after the first page, the token of the page before. */
class PageRequestTest {
    @Test
    void theFirstPageHasTheDefaultSizeAndNoToken() {
        assertThat(PageRequest.first().limit()).isEqualTo(TaskListQuery.DEFAULT_LIMIT);
        assertThat(PageRequest.first().token()).isEmpty();
        assertThat(PageRequest.first()).isEqualTo(PageRequest.first(25)).hasSameHashCodeAs(PageRequest.first(25));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void sizesFromOneToAHundredAreAccepted(int limit) {
        assertThat(PageRequest.first(limit).limit()).isEqualTo(limit);
        assertThat(PageRequest.first(limit).after("t").limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101})
    void otherSizesAreRefusedOnTheLimitField(int limit) {
        assertThatThrownBy(() -> PageRequest.first(limit)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly(ListingField.LIMIT));
    }

    @Test
    void afterCarriesTheTokenAndAnEmptyTokenNamesTheFirstPage() {
        PageRequest next = PageRequest.first(10).after("abc");

        assertThat(next.token()).contains("abc");
        assertThat(next).isEqualTo(PageRequest.first(10).after("abc")).isNotEqualTo(PageRequest.first(10))
                .isNotEqualTo(PageRequest.first(11).after("abc"));
        assertThat(PageRequest.first(10).after("")).isEqualTo(PageRequest.first(10));
        assertThatThrownBy(() -> PageRequest.first().after(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void itsTextNeverShowsTheToken() {
        assertThat(PageRequest.first(10).after("secret-position")).hasToString("page of 10 after a token");
        assertThat(PageRequest.first(10)).hasToString("first page of 10");
    }
}
