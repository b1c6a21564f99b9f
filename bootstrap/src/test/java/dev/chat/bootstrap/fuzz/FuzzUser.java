package dev.chat.bootstrap.fuzz;

/** A user signed up on the server under fuzzing, with a valid access token. */
record FuzzUser(String id, String username, String token) {
}
