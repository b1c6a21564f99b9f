package dev.chat.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP request the REST fuzzer sends. {@code operation} is the documented operation it was
 * made from (it may no longer reach it; null for a path of no operation). Headers are name/value
 * pairs, in order. {@code declaredLength}, when not null, is a Content-Length shorter than the body.
 */
record RestInput(String category, OpenApi.Operation operation, String method, String path, String query,
                 List<Header> headers, byte[] bodyBytes, Integer declaredLength) {
    RestInput(String category, OpenApi.Operation operation, String method, String path, String query,
              List<Header> headers, byte[] bodyBytes) {
        this(category, operation, method, path, query, headers, bodyBytes, null);
    }

    RestInput withDeclaredLength(int length) {
        return new RestInput("short-content-length", operation, method, path, query, headers, bodyBytes, length);
    }

    record Header(String name, String value) {
    }

    String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    String show() {
        String text = bodyBytes == null ? "" : " " + Json.abbreviate(new String(bodyBytes, StandardCharsets.UTF_8), 600);
        String shownHeaders = headers.stream().map(h -> h.name() + ": " + (h.value().length() <= 60 ? h.value()
                : h.value().substring(0, 40) + "…(" + h.value().length() + " chars)")).toList().toString();
        String length = declaredLength == null ? "" : " [Content-Length: " + declaredLength + "]";
        return category + ": " + method + " " + Json.abbreviate(target(), 300) + " " + shownHeaders + length + text;
    }

    @Override
    public String toString() {
        return show();
    }
}
