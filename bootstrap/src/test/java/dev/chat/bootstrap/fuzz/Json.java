package dev.chat.bootstrap.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reading frames and bodies as the server does (the trees below); plain reading and writing is the
 * end-to-end tests' {@link dev.chat.bootstrap.e2e.Json}. Ill-formed JSON is built by {@link JsonText}.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.createDefault();
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    static String write(Object value) {
        return dev.chat.bootstrap.e2e.Json.write(value);
    }

    static Map<String, Object> object(String text) {
        return dev.chat.bootstrap.e2e.Json.object(text);
    }

    static List<Object> array(String text) {
        return dev.chat.bootstrap.e2e.Json.array(text);
    }

    /**
     * The tree of the text's first JSON value, as the server's REST binding reads a body, or null when
     * it reads no JSON at all, or a first value that names a member twice (refused: protocol.md,
     * "Conventions"). What follows the first value is not read.
     */
    static JsonNode treeOrNull(String text) {
        return read(text, false);
    }

    /** The tree of a WebSocket frame as the gateway reads it: as {@link #treeOrNull}, and null when anything follows the value. */
    static JsonNode frameOrNull(String text) {
        return read(text, true);
    }

    private static JsonNode read(String text, boolean alone) {
        try (JsonParser parser = STRICT.createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (alone && somethingFollows(parser)) {
                return null;
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                return null;
            }
            // any other fault: the mapper below decides, as the server's does
        }
        try {
            return MAPPER.readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean somethingFollows(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    static String abbreviate(String text) {
        return abbreviate(text, 1200);
    }

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "… (" + text.length() + " chars)";
    }
}
