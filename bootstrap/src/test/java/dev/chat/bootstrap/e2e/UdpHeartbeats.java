package dev.chat.bootstrap.e2e;

import dev.chat.adapter.in.udp.HeartbeatDatagram;
import dev.chat.adapter.in.udp.HeartbeatSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Base64;
import java.util.Map;

/** A device's heartbeats, from the session the server granted, to whichever UDP port a test names (the load balancer's choice). */
final class UdpHeartbeats implements AutoCloseable {
    private final byte[] ticket;
    private final HeartbeatSigner signer;
    private final long serverOffset;
    private final DatagramChannel channel;
    private long sequence;

    UdpHeartbeats(Map<String, Object> session) {
        ticket = Base64.getUrlDecoder().decode((String) session.get("ticket"));
        signer = HeartbeatSigner.keyed(Base64.getUrlDecoder().decode((String) session.get("key")));
        serverOffset = ((Number) session.get("serverTime")).longValue() - System.currentTimeMillis();
        try {
            channel = DatagramChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the next heartbeat to the port; returns its bytes (to replay them). */
    byte[] beat(int port) {
        ByteBuffer out = ByteBuffer.allocate(HeartbeatDatagram.LENGTH);
        HeartbeatDatagram.write(out, ticket, ++sequence, System.currentTimeMillis() + serverOffset, signer);
        byte[] datagram = out.array();
        send(datagram, port);
        return datagram;
    }

    void send(byte[] datagram, int port) {
        try {
            channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
