package io.wirebook.tutorial.notebook.claims;

import io.wirebook.timeline.TimelineEvent;

/**
 * A frame number written in the claim language, so that a figure picks its packets by what they are
 * ({@code first(packet[finding=fast_retransmission]).frame - 3}, or a packet itself:
 * {@code nth(packet[side=client, len=100], 3)}) rather than by a number that moves from one live capture
 * to the next. Used by the figure cells' {@code from:}, {@code to:} and {@code frame:} lines.
 */
public final class FrameExpression {
    private final String where;
    private final String line;
    private final String text;
    private final Expr expr;

    private FrameExpression(String where, String line, int from, Expr expr) {
        this.where = where;
        this.line = line;
        this.text = line.substring(from).strip();
        this.expr = expr;
    }

    /**
     * Parses the expression written in {@code line} from offset {@code from}.
     *
     * @param where the line it is on ({@code chapter.md:42}), for messages
     * @throws ClaimSyntaxException naming the column and what was expected there
     */
    public static FrameExpression parse(String line, int from, String where) throws ClaimSyntaxException {
        try {
            return new FrameExpression(where, line, from, Parser.parseExpression(line, from));
        } catch (ParseError e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*):(\\d{1,9})").matcher(where);
            throw m.matches() ? new ClaimSyntaxException(m.group(1), Integer.parseInt(m.group(2)), e.offset + 1, e.getMessage())
                    : new ClaimSyntaxException(where, 1, e.offset + 1, e.getMessage());
        }
    }

    /** The frame number the expression names on this evidence; a packet names its own frame. */
    public long frame(Evidence evidence) {
        Evaluator ev = new Evaluator(new Index(evidence), line);
        Value v;
        try {
            v = ev.eval(expr);
        } catch (EvalFailure f) {
            throw new IllegalArgumentException(where + ": " + text + ": " + f.getMessage());
        }
        if (v instanceof Value.Item it && it.event() instanceof TimelineEvent.PacketSeen p) {
            return p.frame().number;
        }
        Value.Num n = Values.asNum(v);
        if (n == null || n.dim() != Dim.NUMBER) {
            throw new IllegalArgumentException(where + ": " + text + " is " + Values.show(v) + ", not a packet or a frame number");
        }
        try {
            return n.value().setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where + ": " + text + " is " + n.value().stripTrailingZeros().toPlainString()
                    + ", not a whole frame number");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
