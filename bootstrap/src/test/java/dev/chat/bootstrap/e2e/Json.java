package dev.chat.bootstrap.e2e;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON for the tests' clients, as plain maps: the tests see the wire as a client does (the fuzzers too). */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.createDefault();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> object(String text) {
        try {
            return MAPPER.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + abbreviate(text), e);
        }
    }

    public static List<Object> array(String text) {
        try {
            return MAPPER.readValue(text, Argument.listOf(Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON array: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
    }
}
