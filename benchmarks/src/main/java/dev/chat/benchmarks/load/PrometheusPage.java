package dev.chat.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a server's /prometheus page: one metric's values, by the value of one of its labels. */
final class PrometheusPage {
    private PrometheusPage() {
    }

    /** {@code metric{...label="x"...} 12.0} lines as x → 12.0; lines without the label are left out. */
    static Map<String, Double> byLabel(String page, String metric, String label) {
        Map<String, Double> values = new LinkedHashMap<>();
        String labelStart = label + "=\"";
        for (String line : page.split("\n")) {
            int from = line.indexOf(labelStart);
            if (!line.startsWith(metric + "{") || from < 0) {
                continue;
            }
            from += labelStart.length();
            values.put(line.substring(from, line.indexOf('"', from)),
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
        return values;
    }

    /** The value of the line {@code metric 12.0} (no labels); NaN when the page has none. */
    static double value(String page, String metric) {
        for (String line : page.split("\n")) {
            if (line.startsWith(metric + " ")) {
                return Double.parseDouble(line.substring(metric.length() + 1).trim());
            }
        }
        return Double.NaN;
    }
}
