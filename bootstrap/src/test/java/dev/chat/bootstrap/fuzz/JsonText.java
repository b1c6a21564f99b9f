package dev.chat.bootstrap.fuzz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as a fuzzer builds it, able to say what a real encoder never would: duplicate members,
 * lone surrogates, numbers beyond any type, raw text where a value belongs. Objects are lists of
 * members (so keys may repeat), arrays are lists, strings are strings; {@link Raw} is written as it is.
 */
final class JsonText {
    record Member(String key, Object value) {
    }

    /** An object: members in order, keys possibly repeated. */
    record Obj(List<Member> members) {
        static Obj of(Object... keysAndValues) {
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                if (keysAndValues[i + 1] != null) {
                    members.add(new Member((String) keysAndValues[i], keysAndValues[i + 1]));
                }
            }
            return new Obj(members);
        }

        /** The string value of the last member with this key (the one a JSON reader keeps), or null. */
        String string(String key) {
            Object found = null;
            for (Member m : members) {
                if (m.key().equals(key)) {
                    found = m.value();
                }
            }
            return found instanceof String s ? s : null;
        }
    }

    /** Text written as it is: a number literal, {@code null}, or anything at all. */
    record Raw(String text) {
    }

    static final Raw NULL = new Raw("null");

    private JsonText() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(obj.members().get(i).key(), out);
                out.append(':');
                write(obj.members().get(i).value(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            List<Member> members = new ArrayList<>();
            map.forEach((k, v) -> members.add(new Member(String.valueOf(k), v)));
            write(new Obj(members), out);
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean || value instanceof BigInteger) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    /** Escapes what JSON requires; a lone surrogate becomes a {@code \\uXXXX} escape, so the text stays valid UTF-8. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                escape(c, out);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                escape(c, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void escape(char c, StringBuilder out) {
        String hex = "0123456789abcdef";
        out.append("\\u").append(hex.charAt(c >> 12)).append(hex.charAt(c >> 8 & 15)).append(hex.charAt(c >> 4 & 15))
                .append(hex.charAt(c & 15));
    }
}
