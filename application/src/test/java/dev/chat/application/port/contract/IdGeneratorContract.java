package dev.chat.application.port.contract;

import dev.chat.application.port.IdGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link IdGenerator} promises: fresh ids, never repeated, from any number of threads,
 * and time-ordered, so that an id made later sorts after one made earlier. "Later" means in a later
 * millisecond: within one millisecond the order is not promised (UUID version 7 fills the rest
 * with random bits). Ids sort as their 128 bits unsigned, as stores compare UUIDs.
 */
public abstract class IdGeneratorContract {
    /** The adapter under test. */
    protected abstract IdGenerator ids();

    private List<Supplier<UUID>> everyKind() {
        IdGenerator ids = ids();
        return List.of(() -> ids.newMessageId().value(), () -> ids.newChatId().value(), () -> ids.newUserId().value());
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static void waitForTheNextMillisecond() throws InterruptedException {
        long start = System.currentTimeMillis();
        do {
            Thread.sleep(1);
        } while (System.currentTimeMillis() <= start + 1);
    }

    @Test
    void ids_of_every_kind_are_present_and_fresh() {
        IdGenerator ids = ids();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(ids.newMessageId().value())).isTrue();
            assertThat(seen.add(ids.newChatId().value())).isTrue();
            assertThat(seen.add(ids.newUserId().value())).isTrue();
        }
    }

    @Test
    void ids_made_on_many_threads_at_once_never_repeat() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        List<Callable<List<UUID>>> work = new ArrayList<>();
        List<Supplier<UUID>> kinds = everyKind();
        for (int t = 0; t < threads; t++) {
            Supplier<UUID> kind = kinds.get(t % kinds.size());
            work.add(() -> {
                List<UUID> made = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    made.add(kind.get());
                }
                return made;
            });
        }
        Set<UUID> all = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<List<UUID>> made : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
                all.addAll(made.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).hasSize(threads * perThread);
    }

    @Test
    void an_id_made_in_a_later_millisecond_sorts_after_every_earlier_one() throws InterruptedException {
        for (Supplier<UUID> kind : everyKind()) {
            List<UUID> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                made.add(kind.get());
                waitForTheNextMillisecond();
            }

            for (int i = 1; i < made.size(); i++) {
                assertThat(compareUnsigned(made.get(i), made.get(i - 1)))
                        .as("id %s made after %s", made.get(i), made.get(i - 1)).isPositive();
            }
        }
    }
}
