package dev.chat.benchmarks.jmh;

import dev.chat.adapter.in.websocket.frames.ClientFrame;
import dev.chat.adapter.in.websocket.frames.MessageFrameMapper;
import dev.chat.adapter.in.websocket.frames.MessageFrameMapperImpl;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.json.JsonMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** The gateway's per-frame work: decoding a client's send frame, encoding a message frame. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrameCodecBenchmark {
    private JsonMapper json;
    private MessageFrameMapper mapper;
    private String sendFrame;
    private Message message;

    @Setup
    public void setUp() {
        json = JsonMapper.createDefault();
        mapper = new MessageFrameMapperImpl();
        String chat = UUID.randomUUID().toString();
        sendFrame = "{\"type\":\"send\",\"id\":\"m-123456\",\"chatId\":\"" + chat + "\",\"body\":\""
                + "x".repeat(100) + "\"}";
        message = new Message(new MessageId(UUID.randomUUID()), new ChatId(UUID.randomUUID()), new Position(42),
                new UserId(UUID.randomUUID()), new DeviceId("phone"), new ClientMessageId("m-123456"),
                new MessageBody("x".repeat(100)), Instant.now());
    }

    @Benchmark
    public ClientFrame decodeSendFrame() throws IOException {
        return json.readValue(sendFrame, ClientFrame.class);
    }

    @Benchmark
    public String encodeMessageFrame() throws IOException {
        return json.writeValueAsString(mapper.toFrame(message));
    }
}
