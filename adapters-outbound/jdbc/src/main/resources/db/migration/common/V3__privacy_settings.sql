-- Each user's privacy choices; a user without a row hides nothing.
CREATE TABLE privacy_settings (
    user_id         UUID    NOT NULL PRIMARY KEY,
    hides_last_seen BOOLEAN NOT NULL
);
