package dev.chat.domain;

/**
 * Why the model refused an action. Each constant has a stable code that adapters put on the wire
 * (error frames, problem details), so clients can rely on it.
 */
public enum Rejection {
    INVALID_INPUT("invalid_input"),
    BODY_EMPTY("body_empty"),
    BODY_TOO_LARGE("body_too_large"),
    CHAT_NOT_FOUND("chat_not_found"),
    USER_NOT_FOUND("user_not_found"),
    NOT_AN_ADMIN("not_an_admin"),
    NOT_A_GROUP("not_a_group"),
    ALREADY_A_MEMBER("already_a_member"),
    NOT_A_MEMBER("not_a_member"),
    GROUP_FULL("group_full"),
    CANNOT_CHAT_WITH_SELF("cannot_chat_with_self"),
    NOT_A_CONTACT("not_a_contact"),
    USERNAME_TAKEN("username_taken"),
    BAD_CREDENTIALS("bad_credentials"),
    UNAUTHENTICATED("unauthenticated"),
    RATE_LIMITED("rate_limited"),
    /** Someone else changed the same thing at the same time, more often than a retry could absorb: try again. */
    CONFLICT("conflict");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    /** The stable, documented wire code. */
    public String code() {
        return code;
    }
}
