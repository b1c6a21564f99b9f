package dev.chat.adapter.out.rocksdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code chat.storage.compaction-priority}: as written in a configuration file, and as the threads run. */
class CompactionPriorityTest {
    @TempDir
    Path folder;

    @Test
    void the_three_priorities_are_read_in_any_case() {
        assertThat(CompactionPriority.of("low")).isEqualTo(CompactionPriority.LOW);
        assertThat(CompactionPriority.of(" Normal ")).isEqualTo(CompactionPriority.NORMAL);
        assertThat(CompactionPriority.of("NORMAL")).isEqualTo(CompactionPriority.NORMAL);
        assertThat(CompactionPriority.of("Bottommost-Low")).isEqualTo(CompactionPriority.BOTTOMMOST_LOW);
    }

    @Test
    void anything_else_is_refused_naming_the_setting_and_its_values() {
        assertThatThrownBy(() -> CompactionPriority.of("idle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chat.storage.compaction-priority is low, normal or bottommost-low, not 'idle'");
    }

    @Test
    void low_runs_every_compaction_at_nice_19_in_one_pool() throws Exception {
        Map<String, List<Integer>> nice = niceOfCompactionThreads("low");

        assertThat(nice.get("rocksdb:low")).isNotEmpty().containsOnly(19);
        assertThat(nice).doesNotContainKey("rocksdb:bottom");
    }

    @Test
    void normal_runs_every_compaction_at_the_process_priority_in_one_pool() throws Exception {
        Map<String, List<Integer>> nice = niceOfCompactionThreads("normal");

        int process = nice.get("process").get(0);
        assertThat(nice.get("rocksdb:low")).isNotEmpty().containsOnly(process);
        assertThat(nice).doesNotContainKey("rocksdb:bottom");
    }

    @Test
    void bottommost_low_runs_the_bottommost_level_at_nice_19_and_the_others_at_the_process_priority() throws Exception {
        Map<String, List<Integer>> nice = niceOfCompactionThreads("bottommost-low");

        int process = nice.get("process").get(0);
        assertThat(nice.get("rocksdb:low")).as("the compactions above the bottommost level").isNotEmpty().containsOnly(process);
        assertThat(nice.get("rocksdb:bottom")).as("the bottommost level's, which ran one").containsExactly(19);
    }

    /** Runs {@link CompactionThreadsNice} in a JVM of its own: the priority, once lowered, stays for the process. */
    private Map<String, List<Integer>> niceOfCompactionThreads(String priority) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), CompactionThreadsNice.class.getName(),
                folder.resolve(priority).resolve("messages").toString(), priority)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended: %s", output).isTrue();
        assertThat(child.exitValue()).as("the child's exit status: %s", output).isZero();
        Map<String, List<Integer>> nice = output.lines()
                .filter(line -> line.startsWith("process ") || line.startsWith("rocksdb:"))
                .map(line -> line.split(" "))
                .collect(Collectors.groupingBy(fields -> fields[0], TreeMap::new,
                        Collectors.mapping(fields -> Integer.parseInt(fields[1]), Collectors.toList())));
        assertThat(nice.get("process")).as("the test's own priority is not the lowest already: %s", output)
                .singleElement().isNotEqualTo(19);
        return nice;
    }
}
