package io.wirebook.tutorial.notebook.claims;

import java.util.List;
import java.util.Map;

/**
 * The functions: what each takes and gives. {@code first last nth count all any} take a selection;
 * {@code frame} a frame number; {@code match duration number abs} values.
 */
final class Functions {
    private Functions() {}

    static final String NAMES = "first, last, nth, count, all, any, frame, match, duration, number, abs";

    /** Each function's arguments, as messages name them; a {@code ?} marks an optional one. */
    private static final Map<String, String[]> ARGS = Map.ofEntries(
            Map.entry("first", new String[] {"a selection"}),
            Map.entry("last", new String[] {"a selection"}),
            Map.entry("nth", new String[] {"a selection", "a position (1 is the first)"}),
            Map.entry("count", new String[] {"a selection", "?a condition on it"}),
            Map.entry("all", new String[] {"a selection", "a condition on it"}),
            Map.entry("any", new String[] {"a selection", "a condition on it"}),
            Map.entry("frame", new String[] {"a frame number"}),
            Map.entry("match", new String[] {"text", "a regular expression in quotes"}),
            Map.entry("duration", new String[] {"text such as \"59990ms\""}),
            Map.entry("number", new String[] {"text such as \"6\""}),
            Map.entry("abs", new String[] {"a number or duration"}));

    static boolean isFunction(String name) {
        return ARGS.containsKey(name);
    }

    static int maxArgs(String f) {
        return ARGS.get(f).length;
    }

    static int minArgs(String f) {
        int n = 0;
        for (String a : ARGS.get(f)) {
            n += a.startsWith("?") ? 0 : 1;
        }
        return n;
    }

    /** The i-th argument as messages name it ("a selection"). */
    static String argument(String f, int i) {
        String a = ARGS.get(f)[i];
        return a.startsWith("?") ? a.substring(1) : a;
    }

    /** Functions whose second argument is a condition on {@code it}. */
    static boolean takesCondition(String f) {
        return f.equals("count") || f.equals("all") || f.equals("any");
    }

    /** Checks the arguments' types and gives the result's. */
    static ValueType check(String f, List<Expr> args) throws ParseError {
        Expr a = args.get(0);
        switch (f) {
            case "first", "last", "nth", "count", "all", "any": {
                if (a.type().base() != ValueType.Base.SELECTION) {
                    throw wrong(f, 0, a);
                }
                if (f.equals("nth")) {
                    numeric(f, 1, args.get(1), false);
                } else if (args.size() > 1 && args.get(1).type().base() != ValueType.Base.BOOL) {
                    throw wrong(f, 1, args.get(1));
                }
                return switch (f) {
                    case "count" -> ValueType.NUMBER;
                    case "all", "any" -> ValueType.BOOL;
                    default -> ValueType.item(a.type().kind());
                };
            }
            case "frame":
                numeric(f, 0, a, false);
                return ValueType.item(ItemKind.PACKET);
            case "match":
                if (a.type().base() != ValueType.Base.STRING) {
                    throw wrong(f, 0, a);
                }
                return ValueType.STRING;
            case "duration":
            case "number":
                if (a.type().base() != ValueType.Base.STRING && a.type().base() != ValueType.Base.NUMERIC
                        && a.type().dim() != (f.equals("number") ? Dim.NUMBER : Dim.DURATION)) {
                    throw wrong(f, 0, a);
                }
                return f.equals("number") ? ValueType.NUMBER : ValueType.DURATION;
            default:
                numeric(f, 0, a, true);
                return a.type().dim() == null ? ValueType.NUMERIC : a.type();
        }
    }

    private static void numeric(String f, int i, Expr e, boolean durations) throws ParseError {
        Dim d = e.type().dim();
        boolean ok = e.type().numericLike() && (d == null || d == Dim.NUMBER || (durations && d == Dim.DURATION));
        if (!ok) {
            throw wrong(f, i, e);
        }
    }

    private static ParseError wrong(String f, int i, Expr e) {
        return new ParseError(e.start(), f + "() takes " + argument(f, i) + (i == 0 ? "" : " as argument " + (i + 1))
                + ", but this is " + e.type().describe());
    }
}
