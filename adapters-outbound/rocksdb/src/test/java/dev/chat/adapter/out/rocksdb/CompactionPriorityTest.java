package dev.chat.adapter.out.rocksdb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code chat.storage.compaction-priority} as written in a configuration file. */
class CompactionPriorityTest {
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
}
