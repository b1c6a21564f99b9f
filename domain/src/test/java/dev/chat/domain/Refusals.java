package dev.chat.domain;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Reads a refused action as its {@link Rejection}, so that a specification can say which rule refused it. */
public final class Refusals {
    private Refusals() {
    }

    /** The rejection that refused the action; fails when the action was not refused by the model. */
    public static Rejection refusalOf(ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the model should refuse this action").isInstanceOf(RejectedException.class);
        return ((RejectedException) thrown).rejection();
    }
}
