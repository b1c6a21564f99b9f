package dev.chat.adapter.out.cassandra.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL file from {@code cql/} on the classpath ({@code V<version>__<description>.cql}):
 * statements end with {@code ;}, comments start with {@code --}; neither may appear inside a string.
 */
public record CqlScript(int version, String name, String checksum, List<String> statements) {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.cql");

    public static CqlScript load(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a CQL migration is named V<version>__<description>.cql: " + name);
        }
        String text;
        try (InputStream in = CqlScript.class.getClassLoader().getResourceAsStream("cql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing CQL migration cql/" + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading cql/" + name, e);
        }
        return new CqlScript(Integer.parseInt(matcher.group(1)), name, sha256(text), statements(text));
    }

    static List<String> statements(String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int comment = line.indexOf("--");
            code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String trimmed = statement.strip();
            if (!trimmed.isEmpty()) {
                statements.add(trimmed);
            }
        }
        return List.copyOf(statements);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
