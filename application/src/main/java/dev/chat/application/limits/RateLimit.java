package dev.chat.application.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often something may happen: {@code permits} per {@code period}, with up to {@code burst}
 * saved up. Written in configuration as one line, {@code "<permits>/<period>"} with an optional
 * {@code " burst <n>"}: {@code "10/1m"}, {@code "50/s burst 100"}, {@code "5/10m"}. The period is
 * {@code s}, {@code m} or {@code h}, with an optional count before it. {@code "off"} means no limit.
 */
public record RateLimit(int permits, Duration period, int burst) {
    private static final Pattern LINE = Pattern.compile(
            "\\s*(\\d+)\\s*/\\s*(\\d*)\\s*([smh])\\s*(?:burst\\s+(\\d+))?\\s*");

    public static final RateLimit OFF = new RateLimit(0, Duration.ZERO, 0);

    public RateLimit {
        if (permits < 0 || burst < 0 || period.isNegative() || (permits > 0 && (period.isZero() || burst < 1))) {
            throw new IllegalArgumentException("a rate limit is a positive number of permits per period, burst 1 or more");
        }
    }

    public static RateLimit parse(String name, String line) {
        if (line == null || line.isBlank() || line.strip().equalsIgnoreCase("off")) {
            return OFF;
        }
        Matcher m = LINE.matcher(line.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("chat.limits." + name + " is \"" + line + "\"; write \"<permits>/<period>\" "
                    + "with an optional \" burst <n>\", such as \"10/1m\" or \"50/s burst 100\", or \"off\"");
        }
        int permits = Integer.parseInt(m.group(1));
        long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        int burst = m.group(4) == null ? permits : Integer.parseInt(m.group(4));
        return permits == 0 ? OFF : new RateLimit(permits, unit.multipliedBy(count), burst);
    }

    public boolean isOff() {
        return permits == 0;
    }

    @Override
    public String toString() {
        if (isOff()) {
            return "off";
        }
        return permits + " per " + period + (burst != permits ? ", burst " + burst : "");
    }
}
