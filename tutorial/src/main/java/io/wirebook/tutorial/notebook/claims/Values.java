package io.wirebook.tutorial.notebook.claims;

import io.wirebook.decode.TcpHeader;
import io.wirebook.timeline.TimelineEvent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Arithmetic, comparison and printing of {@link Value}s. */
final class Values {
    private Values() {}

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** A number, time or duration; text that reads as a number or a duration; otherwise null. */
    static Value.Num asNum(Value v) {
        if (v instanceof Value.Num n) {
            return n;
        }
        return v instanceof Value.Str s ? Units.parse(s.text()) : null;
    }

    /** {@code a op b} for {@code + - * /}, with dimensions checked. */
    static Value.Num arith(char op, Value.Num a, Value.Num b, String where) {
        Dim d = Dim.of(op, a.dim(), b.dim());
        if (d == null) {
            throw new EvalFailure(where + ": cannot " + verb(op) + " " + a.dim().describe() + " and " + b.dim().describe());
        }
        BigDecimal x = a.value(), y = b.value();
        BigDecimal r = switch (op) {
            case '+' -> x.add(y);
            case '-' -> x.subtract(y);
            case '*' -> x.multiply(y);
            default -> {
                if (y.signum() == 0) {
                    throw new EvalFailure(where + ": division by zero");
                }
                yield x.divide(y, MathContext.DECIMAL128);
            }
        };
        return new Value.Num(r, d);
    }

    static String verb(char op) {
        return switch (op) {
            case '+' -> "add";
            case '-' -> "subtract";
            case '*' -> "multiply";
            default -> "divide";
        };
    }

    /**
     * Whether two values are equal: numbers by value within one dimension (text that reads as a number
     * counts as one), text exactly, items by identity, none only with none.
     */
    static boolean equal(Value l, Value r) {
        if (l == Value.None.NONE || r == Value.None.NONE) {
            return l == r;
        }
        if (l instanceof Value.Str a && r instanceof Value.Str b) {
            return a.text().equals(b.text());
        }
        if (l instanceof Value.Bool a && r instanceof Value.Bool b) {
            return a.value() == b.value();
        }
        if (l instanceof Value.Item a && r instanceof Value.Item b) {
            return a.event() == b.event();
        }
        Value.Num a = asNum(l), b = asNum(r);
        return a != null && b != null && a.dim() == b.dim() && a.value().compareTo(b.value()) == 0;
    }

    /** How a message shows a value: {@code 1795595470.287871000 s}, {@code 59.99 s}, {@code "ECONNREFUSED"}. */
    static String show(Value v) {
        if (v instanceof Value.Num n) {
            return switch (n.dim()) {
                case NUMBER -> plain(n.value());
                case TIME -> n.value().movePointLeft(9).setScale(9, RoundingMode.HALF_EVEN).toPlainString() + " s";
                case DURATION -> duration(n.value());
            };
        }
        if (v instanceof Value.Str s) {
            return '"' + s.text().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Value.Bool b) {
            return String.valueOf(b.value());
        }
        if (v instanceof Value.Item it) {
            return describe(it);
        }
        if (v instanceof Value.Selection s) {
            return s.kind().count(s.items().size());
        }
        if (v instanceof Value.Args a) {
            return "the arguments of " + a.call();
        }
        return "none";
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** In the largest unit that keeps the number at 1 or more: {@code 59.99 s}, {@code 281 µs}. */
    static String duration(BigDecimal ns) {
        BigDecimal abs = ns.abs();
        String[] units = {"ns", "\u00B5s", "ms", "s"};
        int u = 0;
        BigDecimal v = ns;
        while (u < 3 && abs.compareTo(THOUSAND) >= 0) {
            abs = abs.divide(THOUSAND);
            v = v.divide(THOUSAND);
            u++;
        }
        return plain(v.setScale(Math.min(9, Math.max(0, v.scale())), RoundingMode.HALF_EVEN)) + " " + units[u];
    }

    /** One line naming an event: {@code #2 server [S.] seq 0 ack 1 len 0}, {@code server accept(...) = conn}. */
    static String describe(Value.Item it) {
        Object e = it.event();
        if (e instanceof TimelineEvent.PacketSeen p) {
            StringBuilder sb = new StringBuilder("#").append(p.frame().number);
            if (p.side() != null) {
                sb.append(' ').append(p.side().wireName());
            }
            if (Fields.flagBits(p) >= 0) {
                StringBuilder flags = new StringBuilder();
                TcpHeader.appendTcpdumpFlags(flags, Fields.flagBits(p));
                sb.append(" [").append(flags).append("] seq ").append(p.result().tcp().relSeq);
                if (p.result().packet().tcp.has(TcpHeader.ACK)) {
                    sb.append(" ack ").append(p.result().tcp().relAck);
                }
            } else {
                sb.append(' ').append(p.result().packet().protocolName());
            }
            if (Fields.of(ItemKind.PACKET, "len").getter().get(p, null) instanceof Value.Num n) {
                sb.append(" len ").append(plain(n.value()));
            }
            return sb.toString();
        }
        if (e instanceof TimelineEvent.Call c) {
            return c.call().toString();
        }
        if (e instanceof TimelineEvent.StateChange s) {
            return (s.side() == null ? "" : s.side().wireName() + " ") + s.endpoint() + " " + s.from() + " -> " + s.to()
                    + " on #" + s.frame();
        }
        if (e instanceof TimelineEvent.Observation o) {
            return o.note().toString();
        }
        Value.KernelValue k = (Value.KernelValue) e;
        return "kernel " + k.key() + " = " + k.value();
    }
}
