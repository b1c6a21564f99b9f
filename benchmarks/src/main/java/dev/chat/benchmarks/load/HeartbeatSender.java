package dev.chat.benchmarks.load;

import dev.chat.adapter.in.udp.HeartbeatDatagram;
import dev.chat.adapter.in.udp.HeartbeatSigner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sends signed heartbeats for many sessions as fast as it can, each thread from its own socket
 * (so the server's SO_REUSEPORT sockets share the load), with strictly increasing sequences.
 */
final class HeartbeatSender {
    /** A session's ticket and key, and the server's clock minus ours when it was opened. */
    record Session(byte[] ticket, byte[] key, long serverOffsetMillis) {
    }

    private final InetSocketAddress server;
    private final List<Session> sessions;
    private final AtomicLongArray sequences;

    HeartbeatSender(InetSocketAddress server, List<Session> sessions) {
        this.server = server;
        this.sessions = sessions;
        this.sequences = new AtomicLongArray(sessions.size());
    }

    /** Sends for the given time from {@code threads} threads; returns how many datagrams were sent. */
    long run(int threads, Duration duration) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> send(offset, threads, end, sent), "heartbeats-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return sent.get();
    }

    private void send(int offset, int stride, long end, AtomicLong sent) {
        List<HeartbeatSigner> signers = new ArrayList<>();
        List<Integer> mine = new ArrayList<>();
        for (int i = offset; i < sessions.size(); i += stride) {
            mine.add(i);
            signers.add(HeartbeatSigner.keyed(sessions.get(i).key()));
        }
        ByteBuffer datagram = ByteBuffer.allocate(HeartbeatDatagram.LENGTH);
        long count = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            int k = 0;
            while ((count & 255) != 0 || System.nanoTime() < end) {
                int index = mine.get(k);
                Session session = sessions.get(index);
                datagram.clear();
                HeartbeatDatagram.write(datagram, session.ticket(), sequences.incrementAndGet(index),
                        System.currentTimeMillis() + session.serverOffsetMillis(), signers.get(k));
                datagram.flip();
                channel.write(datagram);
                count++;
                k = k + 1 == mine.size() ? 0 : k + 1;
            }
        } catch (IOException e) {
            throw new IllegalStateException("sending heartbeats failed", e);
        }
        sent.addAndGet(count);
    }
}
