package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ValidationException} and {@link FieldError}: errors listed by field order, stable within one field. */
class ValidationExceptionTest {
    @Test
    void listsErrorsInTheOrderOfTheirFieldEnum() {
        FieldError tags = new FieldError(TaskField.TAGS, 0, "must be lowercase");
        FieldError text = new FieldError(TaskField.TEXT, "must not be empty");
        FieldError dueDate = new FieldError(TaskField.DUE_DATE, "must be in the years 1000 to 9999");
        FieldError status = new FieldError(TaskField.STATUS, "is required and cannot be removed");

        assertThat(new ValidationException(List.of(tags, text, dueDate, status)).errors())
                .containsExactly(text, status, dueDate, tags);
    }

    @Test
    void keepsTheOrderInWhichErrorsOfOneFieldWereFound() {
        FieldError third = new FieldError(TaskField.TAGS, 3, "must be lowercase");
        FieldError first = new FieldError(TaskField.TAGS, 1, "must not be null");
        FieldError count = new FieldError(TaskField.TAGS, "must have at most 20 different tags");
        FieldError text = new FieldError(TaskField.TEXT, "must not be empty");

        assertThat(new ValidationException(List.of(third, first, text, count)).errors())
                .containsExactly(text, third, first, count);
    }

    @Test
    void ordersListingErrorsByTheirFieldEnumToo() {
        FieldError token = new FieldError(ListingField.PAGE_TOKEN, "is not a valid page token for this query");
        FieldError limit = new FieldError(ListingField.LIMIT, "must be an integer from 1 to 100");
        FieldError tag = new FieldError(ListingField.TAG, "must be lowercase");

        assertThat(new ValidationException(List.of(token, limit, tag)).errors()).containsExactly(tag, limit, token);
    }

    @Test
    void leavesTheGivenListAloneAndCannotBeChanged() {
        List<FieldError> given = new ArrayList<>(List.of(new FieldError(TaskField.TAGS, "b"),
                new FieldError(TaskField.TEXT, "a")));
        ValidationException exception = new ValidationException(given);

        given.clear();

        assertThat(exception.errors()).hasSize(2);
        assertThatThrownBy(() -> exception.errors().add(new FieldError(TaskField.TEXT, "c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSingleErrorIsAboutTheWholeField() {
        ValidationException exception = new ValidationException(ListingField.LIMIT, "must be an integer from 1 to 100");

        assertThat(exception.errors()).containsExactly(
                new FieldError(ListingField.LIMIT, FieldError.WHOLE_FIELD, "must be an integer from 1 to 100"));
        assertThat(exception).hasMessage("Validation failed").isInstanceOf(TaskException.class);
    }

    @Test
    void namesAtLeastOneField() {
        assertThatThrownBy(() -> new ValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErrorWithoutAnIndexIsAboutTheWholeField() {
        assertThat(FieldError.WHOLE_FIELD).isEqualTo(-1);
        assertThat(new FieldError(TaskField.TAGS, "m").index()).isEqualTo(FieldError.WHOLE_FIELD);
        assertThat(new FieldError(TaskField.TAGS, "m")).isEqualTo(new FieldError(TaskField.TAGS, -1, "m"))
                .isNotEqualTo(new FieldError(TaskField.TAGS, 0, "m"));
    }

    @Test
    void anElementIndexIsAtLeastZero() {
        assertThat(new FieldError(TaskField.TAGS, 0, "m").index()).isZero();
        assertThatThrownBy(() -> new FieldError(TaskField.TAGS, -2, "m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErrorNamesItsFieldAndMessage() {
        assertThatThrownBy(() -> new FieldError(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FieldError(TaskField.TEXT, null)).isInstanceOf(NullPointerException.class);
    }
}
