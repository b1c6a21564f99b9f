package dev.chat.benchmarks.jmh;

import dev.chat.adapter.out.inprocess.TimeOrderedIdGenerator;
import dev.chat.domain.message.MessageId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Message id generation (UUID v7), done for every accepted message, from two threads at once. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IdAssignmentBenchmark {
    private final TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator();

    @Benchmark
    @Threads(2)
    public MessageId newMessageId() {
        return ids.newMessageId();
    }
}
