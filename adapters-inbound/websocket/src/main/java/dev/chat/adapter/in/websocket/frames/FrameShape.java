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
            "before", Kind.INTEGER,
            "limit", Kind.INTEGER,
            "users", Kind.STRINGS);

    private FrameShape() {
    }

    /**
     * Whether nothing but whitespace follows the object that {@code text} opens with. The reader stops
     * after the first JSON value, so {@code {"type":"ping"}{"type":"send"}} would pass for a ping; but
     * JSON is one value (RFC 8259), and so is a frame. Called once the text has read as an object, so
     * the object itself is well-formed and only its end needs finding.
     */
    public static boolean nothingAfterTheObject(String text) {
        int i = skipWhitespace(text, 0);
        int depth = 0;
        boolean inString = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return skipWhitespace(text, i + 1) == text.length();
            }
        }
        return false;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n'
                || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
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
