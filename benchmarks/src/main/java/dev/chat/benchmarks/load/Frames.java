package dev.chat.benchmarks.load;

/**
 * Just enough of the protocol for the generator, without a JSON tree per frame: the generator
 * must not be the bottleneck it measures. Bodies are {@code "<sender>:<seq>:<nanoTime>:padding"}.
 */
final class Frames {
    private Frames() {
    }

    static String send(String frameId, String chatId, String body) {
        return "{\"type\":\"send\",\"id\":\"" + frameId + "\",\"chatId\":\"" + chatId + "\",\"body\":\"" + body + "\"}";
    }

    static String body(int sender, long seq, int size) {
        StringBuilder body = new StringBuilder(size + 32).append(sender).append(':').append(seq).append(':')
                .append(System.nanoTime()).append(':');
        while (body.length() < size) {
            body.append('x');
        }
        return body.toString();
    }

    /** The frame's type, read from the start of the frame (the server and the relay write it first). */
    static String type(String frame) {
        int start = frame.indexOf("\"type\":\"");
        if (start < 0) {
            return "";
        }
        start += 8;
        return frame.substring(start, frame.indexOf('"', start));
    }

    /** The {@code body} of a message (or, on the bare relay, of the forwarded send frame), or null. */
    static String body(String frame) {
        int start = frame.indexOf("\"body\":\"");
        if (start < 0) {
            return null;
        }
        start += 8;
        return frame.substring(start, frame.indexOf('"', start));
    }

    static long longField(String frame, String name) {
        int start = frame.indexOf("\"" + name + "\":");
        if (start < 0) {
            return -1;
        }
        start += name.length() + 3;
        int end = start;
        while (end < frame.length() && (Character.isDigit(frame.charAt(end)) || frame.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(frame.substring(start, end));
    }
}
