package dev.chat.adapter.out.inprocess;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdGeneratorTest {
    private final TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator();

    @Test
    void idsAreVersion7WithTheIetfVariantAndUnique() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void idsCarryTheirCreationTimeInTheirFirst48Bits() throws InterruptedException {
        long before = System.currentTimeMillis();
        UUID first = ids.next();
        Thread.sleep(5);
        UUID later = ids.next();
        long firstMillis = first.getMostSignificantBits() >>> 16;
        assertThat(firstMillis).isBetween(before, System.currentTimeMillis());
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), first.getMostSignificantBits())).isPositive();
    }
}
