package dev.chat.application.identity;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Reads a refused use case as its {@link Rejection}, so that a specification says which rule refused it. */
public final class Refusals {
    private Refusals() {
    }

    /** The rejection that refused the action; fails when the action was not refused by a business rule. */
    public static Rejection refusalOf(ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the action should be refused").isInstanceOf(RejectedException.class);
        return ((RejectedException) thrown).rejection();
    }
}
