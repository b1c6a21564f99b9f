package dev.chat.adapter.out.rocksdb;

import dev.chat.adapter.out.rocksdb.log.RocksMessageLog;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * The child process of the crash test: appends to a RocksDB message log as fast as it can and
 * prints {@code acked <client id> <position>} for every append that completed, until it is killed.
 * Arguments: data folder, chat id, sender id.
 */
public final class AppendUntilKilled {
    private AppendUntilKilled() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread orphanGuard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test never writes; end of input means the test's JVM is gone
                }
            } catch (java.io.IOException ignored) {
                // the same: nobody is left to kill this process
            }
            Runtime.getRuntime().halt(3);
        });
        orphanGuard.setDaemon(true);
        orphanGuard.start();
        RocksStorage storage = new RocksStorage(Path.of(args[0]));
        RocksMessageLog log = new RocksMessageLog(new RocksLogRecords(storage), 1000, java.time.Duration.ofDays(7),
                10_000);
        ChatId chat = ChatId.parse(args[1]);
        UserId sender = UserId.parse(args[2]);
        PrintStream out = System.out;
        Semaphore window = new Semaphore(256);
        for (long n = 1; ; n++) {
            window.acquire();
            String clientId = "k-" + n;
            Entry entry = new Entry(new MessageId(UUID.randomUUID()), chat, sender, new DeviceId("phone"),
                    new ClientMessageId(clientId), new MessageBody("message " + n), Instant.now());
            log.append(entry).whenComplete((appended, failure) -> {
                if (failure == null) {
                    synchronized (out) {
                        out.println("acked " + clientId + " " + appended.message().position().value());
                        out.flush();
                    }
                }
                window.release();
            });
        }
    }
}
