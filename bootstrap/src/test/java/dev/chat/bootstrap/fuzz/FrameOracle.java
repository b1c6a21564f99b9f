package dev.chat.bootstrap.fuzz;

import io.micronaut.json.tree.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What docs/protocol.md promises about a client frame, read independently of the server's code:
 * which answers and error codes it may get, and whether a {@code send} must be stored, must not
 * be, or is not decided by the documentation (then either is fine).
 */
final class FrameOracle {
    static final Set<String> SERVER_FRAMES = Set.of("accepted", "message", "history", "chat.event", "presence",
            "presence.session", "caught_up", "error", "pong", "done");
    /** The error codes each client frame may get (protocol.md, "Errors"); internal_error is documented, but a failure. */
    private static final Map<String, Set<String>> CODES_BY_FRAME = Map.of(
            "send", Set.of("invalid_input", "body_empty", "body_too_large", "chat_not_found", "rate_limited"),
            "ack", Set.of("invalid_input", "chat_not_found"),
            "history", Set.of("invalid_input", "chat_not_found"),
            "presence", Set.of("invalid_input", "not_a_contact"),
            "presence.subscribe", Set.of("invalid_input", "not_a_contact"));
    private static final Set<String> ANY_FRAME = Set.of("malformed_json", "unknown_type", "missing_field");
    static final Set<String> DOCUMENTED_CODES = Set.of("malformed_json", "unknown_type", "missing_field",
            "invalid_input", "body_empty", "body_too_large", "chat_not_found", "not_a_contact", "rate_limited",
            "internal_error");

    enum Verdict { STORE, REFUSE, EITHER }

    /** A stored message's key: its chat and client message id. */
    record SendKey(String chat, String id) {
    }

    private final Set<UUID> memberChats;
    private final Set<String> knownToBeSeen;
    private final int maxBodyBytes;

    /** {@code seeable}: the users whose presence the fuzzer may ask for (contacts and itself). */
    FrameOracle(List<String> memberChats, List<String> seeable, int maxBodyBytes) {
        this.memberChats = Set.copyOf(memberChats.stream().map(UUID::fromString).toList());
        this.knownToBeSeen = Set.copyOf(seeable);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The frame's type when it is a JSON object with a string {@code type}, else null. */
    static String typeOf(JsonNode frame) {
        JsonNode type = frame == null || !frame.isObject() ? null : frame.get("type");
        return type != null && type.isString() ? type.getStringValue() : null;
    }

    /** The frame's id as the server echoes it (a string), else null. */
    static String idOf(JsonNode frame) {
        JsonNode id = frame == null || !frame.isObject() ? null : frame.get("id");
        return id != null && id.isString() ? id.getStringValue() : null;
    }

    /** Why this error code is not one the frame may get, or null when it may. */
    String wrongCode(JsonNode frame, String code) {
        if (!DOCUMENTED_CODES.contains(code)) {
            return "the code '" + code + "' is not documented";
        }
        if ("internal_error".equals(code)) {
            return "the server failed (internal_error)";
        }
        String type = typeOf(frame);
        if (frame == null || !frame.isObject()) {
            return "malformed_json".equals(code) ? null : "not a JSON object, yet '" + code + "'";
        }
        if (ANY_FRAME.contains(code)) {
            return null;
        }
        Set<String> allowed = type == null ? Set.of() : CODES_BY_FRAME.getOrDefault(type, Set.of());
        return allowed.contains(code) ? null : "'" + code + "' is not an answer to a " + type + " frame";
    }

    /** Why this success answer should not have come for the frame, or null when it may. */
    String wrongSuccess(JsonNode frame, Map<String, Object> answer) {
        String type = typeOf(frame);
        String kind = (String) answer.get("type");
        String wrongShape = frame == null || !frame.isObject() ? "not an object" : hasMemberOfTheWrongType(frame);
        if (wrongShape != null && !"unsure".equals(wrongShape)) {
            return "error".equals(kind) || "accepted".equals(kind) ? null
                    : "a '" + kind + "' answered a frame that is not a protocol object";
        }
        return switch (kind) {
            case "pong" -> "ping".equals(type) ? null : "a pong answered a " + type + " frame";
            case "presence.session" -> "presence.session".equals(type) ? null
                    : "presence.session answered a " + type + " frame";
            case "history" -> "history".equals(type) && inRange(frame.get("limit"), 1, 500, true)
                    && inRange(frame.get("after"), 0, Long.MAX_VALUE, true)
                    && inRange(frame.get("before"), 0, Long.MAX_VALUE, true)
                    && (absent(frame.get("after")) || absent(frame.get("before"))) ? null
                    : "a history page answered a frame whose limit, after or before is out of range, "
                    + "or that has both after and before";
            case "done" -> "ack".equals(type) && inRange(frame.get("position"), 0, Long.MAX_VALUE, false) ? null
                    : "done answered an ack whose position is not a 64-bit position";
            case "presence" -> !"presence".equals(type) && !"presence.subscribe".equals(type) ? null
                    : onlySeeable(frame.get("users")) ? null
                    : "presence answered a request that names a stranger (not_a_contact must refuse it whole)";
            default -> null;
        };
    }

    /** Whether the documentation says this frame's message is stored (and by which key), refused, or leaves it open. */
    Verdict judgeSend(JsonNode frame) {
        if (!"send".equals(typeOf(frame))) {
            return Verdict.REFUSE;
        }
        String wrong = hasMemberOfTheWrongType(frame);
        if (wrong != null && !"unsure".equals(wrong)) {
            return Verdict.REFUSE;
        }
        String id = idOf(frame);
        JsonNode chat = frame.get("chatId");
        JsonNode body = frame.get("body");
        if (id == null || chat == null || !chat.isString() || body == null || !body.isString()) {
            return Verdict.REFUSE;
        }
        UUID chatId = uuidOrNull(chat.getStringValue());
        if (!validClientMessageId(id) || chatId == null || !memberChats.contains(chatId)
                || !validBody(body.getStringValue())) {
            return Verdict.REFUSE;
        }
        return wrong == null ? Verdict.STORE : Verdict.EITHER;
    }

    /** The key a stored message of this send frame has (meaningful when {@link #judgeSend} is not REFUSE). */
    static SendKey keyOf(JsonNode frame) {
        UUID chat = uuidOrNull(frame.get("chatId").getStringValue());
        return new SendKey(chat == null ? "?" : chat.toString(), idOf(frame));
    }

    /**
     * "type, id, chatId, body are strings; position, after, before, limit integers; users an array of strings":
     * the first member that breaks it, "unsure" for an integer beyond 64 bits (the documentation does
     * not say whether that is malformed or out of range), or null.
     */
    private static String hasMemberOfTheWrongType(JsonNode frame) {
        for (String key : List.of("type", "id", "chatId", "body")) {
            JsonNode value = frame.get(key);
            if (value != null && !value.isNull() && !value.isString()) {
                return key;
            }
        }
        String unsure = null;
        for (String key : List.of("position", "after", "before", "limit")) {
            JsonNode value = frame.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isNumber() || !isIntegral(value.getNumberValue())) {
                return key;
            }
            if (value.getNumberValue() instanceof BigInteger || "limit".equals(key) && value.getNumberValue() instanceof Long) {
                unsure = "unsure";
            }
        }
        JsonNode users = frame.get("users");
        if (users != null && !users.isNull()) {
            if (!users.isArray()) {
                return "users";
            }
            for (JsonNode user : users.values()) {
                if (!user.isString()) {
                    return "users";
                }
            }
        }
        return unsure;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static boolean inRange(JsonNode value, long min, long max, boolean absentIsFine) {
        if (value == null || value.isNull()) {
            return absentIsFine;
        }
        Number n = value.getNumberValue();
        return (n instanceof Integer || n instanceof Long) && n.longValue() >= min && n.longValue() <= max;
    }

    private boolean onlySeeable(JsonNode users) {
        if (users == null || !users.isArray()) {
            return false;
        }
        for (JsonNode user : users.values()) {
            UUID id = uuidOrNull(user.getStringValue());
            if (id == null || !knownToBeSeen.contains(id.toString())) {
                return false;
            }
        }
        return true;
    }

    static boolean validClientMessageId(String id) {
        return id.length() >= 1 && id.length() <= 64 && id.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == ':');
    }

    boolean validBody(String body) {
        return validBody(body, maxBodyBytes);
    }

    /** "not blank, valid Unicode, no NUL, at most chat.max-body-bytes in UTF-8". */
    static boolean validBody(String body, int maxBodyBytes) {
        if (body.isBlank() || body.indexOf('\u0000') >= 0) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return body.getBytes(StandardCharsets.UTF_8).length <= maxBodyBytes;
    }

    /** A chat or user id as the server reads one: 36 characters that java.util.UUID accepts. */
    static UUID uuidOrNull(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
