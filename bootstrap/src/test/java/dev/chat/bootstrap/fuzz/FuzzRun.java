package dev.chat.bootstrap.fuzz;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the three fuzz tests share around their batches: the seed and the number of inputs, the
 * count of tries with a periodic check every tenth, a failed try kept in the tally, and at the end
 * the time spent, the printed summary and the two checks every interface must pass.
 */
final class FuzzRun {
    /** One seed for every interface: a failure names it, and a rerun tries the same inputs. */
    static final String SEED = "1402202614";
    static final int TRIES = 100;
    static final int BATCH = 1_000;
    private static final int CHECK_EVERY = 10;
    private static final int FRAMES_SHOWN = 4;

    private final Tally tally;
    private final long started = System.nanoTime();
    private final long startedCpu = FuzzServer.processCpuSeconds();
    private int tries;

    FuzzRun(Tally tally) {
        this.tally = tally;
    }

    /** Runs one batch, and after every tenth the periodic check (the bystanders chat, for one). */
    void attempt(Step batch, Step periodicCheck) throws Exception {
        int attempt = ++tries;
        try {
            batch.run();
            if (attempt % CHECK_EVERY == 0) {
                periodicCheck.run();
            }
        } catch (Exception | AssertionError e) {
            // jqwik reports the check after the property, which would hide this failure: keep it there too
            tally.violation("try " + attempt + " failed: " + e + " at " + Arrays.stream(e.getStackTrace())
                    .limit(FRAMES_SHOWN).map(String::valueOf).collect(Collectors.joining(" < ")));
            throw e;
        }
    }

    /** Adds the time spent, prints the summary, and checks that every input was tried and answered as documented. */
    void finish(String documentation) {
        tally.add("time", "seconds", (System.nanoTime() - started) / 1_000_000_000L);
        tally.add("time", "cpu-seconds", FuzzServer.processCpuSeconds() - startedCpu);
        System.out.println(tally.summary() + " seed=" + SEED);
        assertThat(tally.examples()).as("violations of %s (%d in all)", documentation, tally.violations()).isEmpty();
        assertThat(tally.total("inputs")).isGreaterThanOrEqualTo((long) TRIES * BATCH);
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
