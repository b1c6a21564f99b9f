package dev.chat.adapter.in.websocket.frames;

import io.micronaut.json.tree.JsonNode;

import java.util.Map;

/**
 * The JSON types of a client frame's members (docs/protocol.md, "Client frames"), checked before
 * the frame is read, so that {@code "type": 42} or {@code "body": {}} is a {@code malformed_json},
 * not a value coerced into something else. A member that is null counts as absent. An integer
 * must also fit in 64 bits: reading a wider one would keep only its low 64 bits, so that 2^64 + 5
 * would act as 5.
 */
public final class FrameShape {
    private enum Kind { STRING, INTEGER, STRINGS }

    private static final Map<String, Kind> MEMBERS = Map.of(
            "type", Kind.STRING,
            "id", Kind.STRING,
            "chatId", Kind.STRING,
            "body", Kind.STRING,
            "position", Kind.INTEGER,
            "after", Kind.INTEGER,
            "limit", Kind.INTEGER,
            "users", Kind.STRINGS);

    private FrameShape() {
    }

    /** The frame's {@code id} when it is a string, else null. */
    public static String readableId(JsonNode frame) {
        JsonNode id = frame.get("id");
        return id != null && id.isString() ? id.getStringValue() : null;
    }

    /** "{@code <name>} is not a <kind>" for the first member of the wrong JSON type, or null when all are right. */
    public static String memberOfTheWrongType(JsonNode frame) {
        for (Map.Entry<String, Kind> member : MEMBERS.entrySet()) {
            JsonNode value = frame.get(member.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            boolean right = switch (member.getValue()) {
                case STRING -> value.isString();
                case INTEGER -> value.isNumber() && isLong(value);
                case STRINGS -> value.isArray() && allStrings(value);
            };
            if (!right) {
                return member.getKey() + " is not " + switch (member.getValue()) {
                    case STRING -> "a string";
                    case INTEGER -> "a 64-bit integer";
                    case STRINGS -> "an array of strings";
                };
            }
        }
        return null;
    }

    private static boolean isLong(JsonNode number) {
        Number value = number.getNumberValue();
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger big && big.bitLength() < Long.SIZE;
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode element : array.values()) {
            if (!element.isString()) {
                return false;
            }
        }
        return true;
    }
}
