package dev.chat.adapter.out.rocksdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code chat.storage.compaction-priority}: as written in a configuration file, and as the threads run. */
class CompactionPriorityTest {
    @TempDir
    Path folder;

    @Test
    void low_and_normal_are_read_in_any_case() {
        assertThat(CompactionPriority.of("low")).isEqualTo(CompactionPriority.LOW);
        assertThat(CompactionPriority.of(" Normal ")).isEqualTo(CompactionPriority.NORMAL);
        assertThat(CompactionPriority.of("NORMAL")).isEqualTo(CompactionPriority.NORMAL);
    }

    @Test
    void anything_else_is_refused_naming_the_setting_and_its_values() {
        assertThatThrownBy(() -> CompactionPriority.of("idle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chat.storage.compaction-priority is low or normal, not 'idle'");
    }

    @Test
    void low_runs_the_compactions_at_nice_19() throws Exception {
        List<String> lines = niceOfCompactionThreads("low");

        assertThat(lines).filteredOn(line -> line.startsWith("compaction ")).isNotEmpty()
                .allSatisfy(line -> assertThat(line).isEqualTo("compaction 19"));
    }

    @Test
    void normal_runs_the_compactions_at_the_process_priority() throws Exception {
        List<String> lines = niceOfCompactionThreads("normal");

        String process = lines.get(0).substring("process ".length());
        assertThat(process).as("the test's own priority is not the lowest already").isNotEqualTo("19");
        assertThat(lines).filteredOn(line -> line.startsWith("compaction ")).isNotEmpty()
                .allSatisfy(line -> assertThat(line).isEqualTo("compaction " + process));
    }

    /** Runs {@link CompactionThreadsNice} in a JVM of its own: the priority, once lowered, stays for the process. */
    private List<String> niceOfCompactionThreads(String priority) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), CompactionThreadsNice.class.getName(),
                folder.resolve(priority).resolve("messages").toString(), priority)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended: %s", output).isTrue();
        assertThat(child.exitValue()).as("the child's exit status: %s", output).isZero();
        return output.lines().filter(line -> line.startsWith("process ") || line.startsWith("compaction ")).toList();
    }
}
