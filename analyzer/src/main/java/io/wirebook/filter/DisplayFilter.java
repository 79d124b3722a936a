package io.wirebook.filter;

import io.wirebook.pipeline.PacketResult;
import java.util.List;

/**
 * A display filter, as tshark's {@code -Y} takes it: an expression over the fields of a packet, compiled
 * once into a tree of small tests and evaluated on each packet after the pipeline has analysed it, so
 * a filter never changes what the analysis sees (expert findings, stream numbers, relative sequence
 * numbers are those of the whole capture).
 *
 * <pre>{@code
 * DisplayFilter f = DisplayFilter.compile("tcp.analysis.retransmission and ip.addr == 10.0.0.0/8");
 * while (source.next(frame)) {
 *     PacketResult r = pipeline.next(frame);
 *     if (f.test(r)) {
 *         writer.write(r);
 *     }
 * }
 * }</pre>
 *
 * The language (grammar, every field, how it differs from tshark's) is in the README, section "Display
 * filters". Testing a packet allocates nothing; a compiled filter holds no state of its own between
 * packets, so one filter may test packets of several captures.
 */
public final class DisplayFilter {
    private final String expression;
    private final Node root;

    private DisplayFilter(String expression, Node root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Compiles an expression.
     *
     * @throws FilterSyntaxException a syntax error, an unknown field or a value a field cannot hold; its
     *     message is one line naming the column
     */
    public static DisplayFilter compile(String expression) throws FilterSyntaxException {
        return new DisplayFilter(expression, Parser.parse(expression, PacketFields.TABLE));
    }

    /** True when the packet matches. */
    public boolean test(PacketResult r) {
        return root.test(r);
    }

    /** The expression as it was written. */
    public String expression() {
        return expression;
    }

    /** Every field name a filter can use, canonical names first in the README's order, then the aliases. */
    public static List<String> fieldNames() {
        FieldTable t = PacketFields.TABLE;
        List<String> out = new java.util.ArrayList<>(t.names());
        for (String n : t.names()) {
            out.addAll(t.aliases(n));
        }
        return out;
    }

    /** The compiled tree, fully parenthesised, with canonical field names: how the expression was read. */
    @Override
    public String toString() {
        return root.toString();
    }
}
