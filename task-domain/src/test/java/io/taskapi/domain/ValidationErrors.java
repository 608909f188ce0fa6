package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs an action that must fail validation, and returns what it reported. */
public final class ValidationErrors {
    private ValidationErrors() {
    }

    public static List<FieldError> of(ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the ValidationException thrown").isInstanceOf(ValidationException.class)
                .hasMessage("Validation failed");
        return ((ValidationException) thrown).errors();
    }
}
