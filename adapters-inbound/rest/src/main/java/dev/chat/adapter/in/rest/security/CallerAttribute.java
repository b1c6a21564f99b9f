package dev.chat.adapter.in.rest.security;

/** The request attribute under which the authentication filter leaves the caller for the controllers. */
public final class CallerAttribute {
    public static final String NAME = "chat.caller";

    private CallerAttribute() {
    }
}
