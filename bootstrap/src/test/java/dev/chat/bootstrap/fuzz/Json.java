package dev.chat.bootstrap.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing well-formed JSON for the fixtures and answers, with the mapper the server uses,
 * so that the fuzzer reads a frame as the server does (ill-formed JSON is built by {@link JsonText}).
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.createDefault();
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> object(String text) {
        try {
            return MAPPER.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + abbreviate(text), e);
        }
    }

    static List<Object> array(String text) {
        try {
            return MAPPER.readValue(text, Argument.listOf(Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON array: " + abbreviate(text), e);
        }
    }

    /**
     * The tree as the server reads it, or null when it reads no JSON at all, or JSON that names a
     * member twice (which the server refuses: docs/protocol.md, "Conventions").
     */
    static JsonNode treeOrNull(String text) {
        try {
            return namesAMemberTwice(text) ? null : MAPPER.readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean namesAMemberTwice(String text) {
        try (JsonParser parser = STRICT.createParser(text)) {
            while (parser.nextToken() != null) {
                // every member name passes the duplicate check on the way
            }
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
        }
    }

    static String abbreviate(String text) {
        return abbreviate(text, 1200);
    }

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "… (" + text.length() + " chars)";
    }
}
