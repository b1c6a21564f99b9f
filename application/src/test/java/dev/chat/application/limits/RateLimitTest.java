package dev.chat.application.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {
    @Test
    void oneLineSaysPermitsPeriodAndBurst() {
        assertThat(RateLimit.parse("a", "10/1m")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1), 10));
        assertThat(RateLimit.parse("a", "50/s burst 100")).isEqualTo(new RateLimit(50, Duration.ofSeconds(1), 100));
        assertThat(RateLimit.parse("a", " 5 / 10m ")).isEqualTo(new RateLimit(5, Duration.ofMinutes(10), 5));
        assertThat(RateLimit.parse("a", "100/h")).isEqualTo(new RateLimit(100, Duration.ofHours(1), 100));
        assertThat(RateLimit.parse("a", "off").isOff()).isTrue();
        assertThat(RateLimit.parse("a", "").isOff()).isTrue();
        assertThat(RateLimit.parse("a", "0/s").isOff()).isTrue();
    }

    @Test
    void aLineThatIsNotALimitStopsTheStartWithTheRightForm() {
        assertThatThrownBy(() -> RateLimit.parse("log-in-per-address", "ten a minute"))
                .hasMessageContaining("chat.limits.log-in-per-address").hasMessageContaining("10/1m");
        assertThatThrownBy(() -> RateLimit.parse("x", "10/1d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.parse("x", "10/s burst 0")).isInstanceOf(IllegalArgumentException.class);
    }
}
