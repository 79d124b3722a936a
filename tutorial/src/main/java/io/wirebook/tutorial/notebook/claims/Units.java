package io.wirebook.tutorial.notebook.claims;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration units, the same in a check's literals ({@code 60s}) and in text read from a recording ({@code "59990ms"}). */
final class Units {
    private Units() {}

    static final String NAMES = "ns, us, \u00B5s, ms, s or min";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?) ?(ns|us|\u00B5s|ms|s|min)");

    /** Nanoseconds in one unit, or null when the unit is not one. */
    static BigDecimal nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> BigDecimal.ONE;
            case "us", "\u00B5s" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "min" -> BigDecimal.valueOf(60_000_000_000L);
            default -> null;
        };
    }

    /** Text as a number ({@code "6"}, {@code "-1"}) or a duration ({@code "59990ms"}, {@code "60 s"}); null otherwise. */
    static Value.Num parse(String text) {
        String s = text.trim();
        if (s.length() > 40) {
            return null;
        }
        if (NUMBER.matcher(s).matches()) {
            return new Value.Num(new BigDecimal(s), Dim.NUMBER);
        }
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            return new Value.Num(new BigDecimal(m.group(1)).multiply(nanosPer(m.group(2))), Dim.DURATION);
        }
        return null;
    }
}
