package io.wirebook.cli;

import io.wirebook.filter.DisplayFilter;
import io.wirebook.filter.FilterSyntaxException;
import io.wirebook.pipeline.PacketResult;
import picocli.CommandLine.Option;

/**
 * {@code -Y, --display-filter EXPR} (a picocli mixin): the packets to keep, as tshark's {@code -Y} takes
 * them, tested after the analysis has seen every packet. Compiled before the input is opened: a bad
 * expression is one line and exit 1 ({@link FileCommand#usageError}).
 */
final class DisplayFilterOption {
    @Option(names = {"-Y", "--display-filter"}, paramLabel = "EXPR",
            // One element a line, each shorter than the option column at 80: picocli would otherwise break
            // dotted names such as tcp.stream at their dots.
            description = {"Keep only the packets for which EXPR is true, as",
                    "tshark -Y. Fields: tshark's names (tcp, udp, icmp,",
                    "ip.addr, ip.src, tcp.port, tcp.stream, tcp.len,",
                    "tcp.flags.syn, frame.number,",
                    "tcp.analysis.retransmission, ...) or the JSON",
                    "Lines names; operators == != < <= > >= has in &,",
                    "and or not (&& || !), parentheses, CIDR prefixes",
                    "(ip.src == 10.0.0.0/8). Tested after the analysis,",
                    "which sees every packet: frame numbers, streams",
                    "and findings are those of the whole capture. The",
                    "language: README.md, \"Display filters\". A bad",
                    "EXPR is one line naming its column, and exit 1."})
    String expression;

    private DisplayFilter filter;

    /** Compiles the expression: the line to print for a bad one, or null. */
    String compile() {
        if (expression == null) {
            return null;
        }
        try {
            filter = DisplayFilter.compile(expression);
            return null;
        } catch (FilterSyntaxException e) {
            return "-Y: " + e.getMessage();
        }
    }

    /** True when a filter was given. */
    boolean active() {
        return filter != null;
    }

    /** True when there is no filter or the packet matches it. */
    boolean keeps(PacketResult r) {
        return filter == null || filter.test(r);
    }
}
