package dev.chat.bootstrap.fuzz;

import java.util.HexFormat;

/** One datagram the UDP fuzzer sends, and how it was made. */
record UdpInput(String category, byte[] bytes) {
    @Override
    public String toString() {
        return category + ": " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 96))
                + (bytes.length > 96 ? "… (" + bytes.length + " bytes)" : "");
    }
}
