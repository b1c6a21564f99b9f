package dev.chat.domain.user;

/** Why an access token was refused; the codes are part of the documented protocol. */
public enum TokenFailure {
    MISSING("token_missing"),
    MALFORMED("token_malformed"),
    BAD_SIGNATURE("token_signature_invalid"),
    EXPIRED("token_expired"),
    WRONG_ISSUER("token_issuer_invalid"),
    WRONG_AUDIENCE("token_audience_invalid"),
    UNAVAILABLE("token_keys_unavailable");

    private final String code;

    TokenFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
